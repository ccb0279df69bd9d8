import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LATIN_EXCEPTIONS, toCyrillic, toLatin } from './transliterate.ts';

// Published in both scripts: the Constitution of the Republic of Uzbekistan (1992), articles 1, 2
// and 7 as printed in the official Cyrillic and Latin editions, and the first verse of the state
// anthem (words by Abdulla Oripov).
const PUBLISHED_PAIRS: readonly [cyrillic: string, latin: string][] = [
  [
    'Ўзбекистон — суверен демократик республика. Давлатнинг «Ўзбекистон Республикаси» ва «Ўзбекистон» деган номлари бир маънони англатади.',
    'Oʻzbekiston — suveren demokratik respublika. Davlatning «Oʻzbekiston Respublikasi» va «Oʻzbekiston» degan nomlari bir maʼnoni anglatadi.',
  ],
  [
    'Давлат халқ иродасини ифода этиб, унинг манфаатларига хизмат қилади. Давлат органлари ва мансабдор шахслар жамият ва фуқаролар олдида масъулдирлар.',
    'Davlat xalq irodasini ifoda etib, uning manfaatlariga xizmat qiladi. Davlat organlari va mansabdor shaxslar jamiyat va fuqarolar oldida masʼuldirlar.',
  ],
  ['Халқ давлат ҳокимиятининг бирдан-бир манбаидир.', 'Xalq davlat hokimiyatining birdan-bir manbaidir.'],
  [
    'Серқуёш ҳур ўлкам, элга бахт, нажот, Сен ўзинг дўстларга йўлдош, меҳрибон! Яшнагай то абад илму фан, ижод, Шуҳратинг порласин токи бор жаҳон!',
    'Serquyosh hur oʻlkam, elga baxt, najot, Sen oʻzing doʻstlarga yoʻldosh, mehribon! Yashnagay to abad ilmu fan, ijod, Shuhrating porlasin toki bor jahon!',
  ],
];

describe('Cyrillic to Latin', () => {
  it.each(PUBLISHED_PAIRS)('matches the published Latin edition of %s', (cyrillic, latin) => {
    expect(toLatin(cyrillic)).toBe(latin);
  });

  it.each([
    ['ер', 'yer'],
    ['поезд', 'poyezd'],
    ['объект', 'obyekt'],
    ['подъезд', 'podyezd'],
    ['шеър', 'sheʼr'],
    ['мўъжиза', 'moʻjiza'],
    ['цирк', 'sirk'],
    ['абзац', 'abzas'],
    ['полиция', 'politsiya'],
    ['концерт', 'konsert'],
    ['батальон', 'batalyon'],
    ['Исҳоқ', 'Isʼhoq'],
    ['ёз', 'yoz'],
    ['щётка', 'shyotka'],
    ['сентябрь', 'sentabr'],
  ])('applies the context rules: %s → %s', (cyrillic, latin) => {
    expect(toLatin(cyrillic)).toBe(latin);
  });

  it('keeps the case of title-case and all-caps words', () => {
    expect(toLatin('Ўзбекистон ЎЗБЕКИСТОН Шаҳар ШАҲАР Ер ЕР')).toBe(
      'Oʻzbekiston OʻZBEKISTON Shahar SHAHAR Yer YER',
    );
  });

  it('leaves Latin text, digits and punctuation alone', () => {
    expect(toLatin('Telegram: +998 90 123-45-67, 5-uy')).toBe('Telegram: +998 90 123-45-67, 5-uy');
  });
});

describe('Latin to Cyrillic', () => {
  it.each(PUBLISHED_PAIRS)('matches the published Cyrillic edition of %s', (cyrillic, latin) => {
    expect(toCyrillic(latin)).toBe(cyrillic);
  });

  it('accepts apostrophes typed any way', () => {
    expect(toCyrillic("O'zbekiston g`alaba o‘g‘irlashdi ta'lim")).toBe('Ўзбекистон ғалаба ўғирлашди таълим');
  });

  it('uses the exceptions dictionary where the rules cannot know the Cyrillic spelling', () => {
    expect(toCyrillic('politsiya sirk obyekt avtomobil Oktabr')).toBe(
      'полиция цирк объект автомобиль Октябрь',
    );
  });

  it('writes e as э at the start of a word and after a vowel, е elsewhere', () => {
    expect(toCyrillic('ekran poema kema')).toBe('экран поэма кема');
  });

  it('reads sʼh as сҳ and sh as ш', () => {
    expect(toCyrillic('Isʼhoq shahar')).toBe('Исҳоқ шаҳар');
  });
});

const LATIN_TOKENS = [
  'b',
  'd',
  'f',
  'g',
  'h',
  'j',
  'k',
  'l',
  'm',
  'n',
  'p',
  'q',
  'r',
  's',
  't',
  'v',
  'x',
  'z',
  'sh',
  'ch',
  'gʻ',
];
const LATIN_VOWELS = ['a', 'i', 'o', 'u', 'e', 'oʻ', 'ye', 'yo', 'yu', 'ya'];

/**
 * Uzbek Latin words the alphabet spells one way only: consonant–vowel syllables, so no s+h or
 * t+s meets across letters; an all-caps word needs two Cyrillic letters to show that it is one.
 */
const uzbekLatinWord = fc
  .tuple(
    fc.array(fc.tuple(fc.constantFrom(...LATIN_TOKENS), fc.constantFrom(...LATIN_VOWELS)), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.boolean(),
    fc.constantFrom<'lower' | 'title' | 'upper'>('lower', 'title', 'upper'),
  )
  .map(([syllables, startsWithVowel, shape]) => {
    const tokens = syllables.flat();
    const word = (startsWithVowel ? tokens.slice(1) : tokens).join('');
    if (shape === 'title') return word.charAt(0).toUpperCase() + word.slice(1);
    return shape === 'upper' ? word.toUpperCase() : word;
  })
  .filter((word) => !(word.toLowerCase() in LATIN_EXCEPTIONS))
  .filter((word) => word !== word.toUpperCase() || toCyrillic(word).length > 1);

describe('round trips', () => {
  it('Latin → Cyrillic → Latin gives back any word the Latin alphabet spells one way', () => {
    fc.assert(
      fc.property(fc.array(uzbekLatinWord, { minLength: 1, maxLength: 6 }), (words) => {
        const text = words.join(' ');
        expect(toLatin(toCyrillic(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('Cyrillic → Latin → Cyrillic gives back words made of letters with one Latin spelling', () => {
    const letters = [...'абвгджзийклмнопрстуфхчшўқғҳ'];
    const word = fc
      .array(fc.constantFrom(...letters), { minLength: 1, maxLength: 8 })
      .map((chars) => chars.join(''))
      // й before a vowel reads back as ё/ю/я/е, and тс before -iya as ц.
      .filter((w) => !/й[аоуеэ]|тс/.test(w) && !(toLatin(w) in LATIN_EXCEPTIONS));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), (words) => {
        const text = words.join(' ');
        expect(toCyrillic(toLatin(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary Unicode and leaves text without letters of the other script unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        toCyrillic(text);
        const latin = toLatin(text);
        if (!/[\u0400-\u04FF]/.test(text)) expect(latin).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
