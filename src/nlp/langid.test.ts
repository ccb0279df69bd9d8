import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage, detectLanguages, detectTextLanguage, LANGUAGES } from './langid.ts';

describe('detectLanguage', () => {
  it.each([
    ["O'g'limni politsiya olib ketdi, iltimos yordam bering", 'uz-Latn'],
    ['oglimni militsiya olib ketdi yordam beringlar', 'uz-Latn'],
    ['Ўғлимни полиция олиб кетди, илтимос ёрдам беринг', 'uz-Cyrl'],
    ['углимни милиция олиб кетди ёрдам беринглар', 'uz-Cyrl'],
    ['Моего сына забрала полиция, помогите пожалуйста', 'ru'],
    ['The police took my son, please help', 'en'],
    ['Meniń ulımdı policiya alıp ketti, járdem beriń', 'kaa'],
    ['Мениң улымды полиция алып кетти, жәрдем бериң', 'kaa'],
    ['Полиция менің ұлымды алып кетті', 'other'],
    ['Polis oğlumu götürdü, lütfen yardım edin', 'other'],
    ['أخذت الشرطة ابني', 'other'],
    ['12345 !!!', 'other'],
  ])('recognises %s as %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });

  it('always answers with one of the six languages and a confidence in 0..1', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (text) => {
        const guess = detectLanguage(text);
        expect(LANGUAGES).toContain(guess.language);
        expect(guess.confidence).toBeGreaterThanOrEqual(0);
        expect(guess.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('per sentence', () => {
  it('splits an appeal that mixes Uzbek and Russian into segments', () => {
    const text =
      'Assalomu alaykum, men Chilonzor tumanida yashayman. Сосед каждый день угрожает мне и моей семье. Iltimos, chora koʻring.';
    const segments = detectLanguages(text);
    expect(segments.map((s) => s.language)).toEqual(['uz-Latn', 'ru', 'uz-Latn']);
    expect(text.slice(segments[1]?.start, segments[1]?.end)).toBe(
      'Сосед каждый день угрожает мне и моей семье.',
    );
  });

  it('names the language that covers most of the text', () => {
    expect(
      detectTextLanguage('Здравствуйте. У меня украли телефон в автобусе, прошу найти вора. Rahmat.')
        .language,
    ).toBe('ru');
  });
});
