import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from './langid.ts';
import {
  canonicalLatin,
  fixMixedScriptWords,
  looseKey,
  normalizePhone,
  normalizePinfl,
  normalizeText,
} from './normalize.ts';

describe('normalizeText', () => {
  it('turns every apostrophe variant after o and g into the okina U+02BB', () => {
    for (const mark of ["'", '`', '‘', '’', 'ʻ', 'ʼ', '′', '´']) {
      expect(normalizeText(`O${mark}zbekiston g${mark}alaba`)).toBe('Oʻzbekiston gʻalaba');
    }
  });

  it('turns an apostrophe between other letters into the tutuq U+02BC', () => {
    expect(normalizeText("ta'lim ma`no mas’ul")).toBe('taʼlim maʼno masʼul');
  });

  it('keeps a word-final g okina and leaves quotes around words alone', () => {
    expect(normalizeText("tog' va bog'")).toBe('togʻ va bogʻ');
    expect(normalizeText("'kino' dedi")).toBe("'kino' dedi");
  });

  it('composes to NFC, drops invisible characters and tidies whitespace', () => {
    expect(normalizeText('  Salom\u00A0\u00A0dunyo\u200B \r\n\r\n\r\n\tqale ')).toBe('Salom dunyo\n\nqale');
    expect(normalizeText('e\u0301')).toBe('é');
  });

  it('is idempotent on any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const once = normalizeText(text);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('canonical forms', () => {
  it('gives a Cyrillic appeal and its Latin twin the same canonical Latin form', () => {
    expect(canonicalLatin('Телефонимни ўғирлаб кетишди!')).toBe(
      canonicalLatin("Telefonimni o'g'irlab ketishdi!"),
    );
    expect(canonicalLatin('Телефонимни ўғирлаб кетишди!')).toBe('telefonimni oʻgʻirlab ketishdi!');
  });

  it('repairs look-alike letters from the other script inside a word', () => {
    expect(fixMixedScriptWords('тeлeфон')).toBe('телефон');
    expect(fixMixedScriptWords('sаlom')).toBe('salom');
    expect(canonicalLatin('тeлeфон')).toBe('telefon');
  });

  it('folds Karakalpak letters to their Uzbek Latin neighbours', () => {
    expect(looseKey('Мениң телефонымды урлап кетти')).toBe('mening telefonimdi urlap ketti');
  });

  it('gives the same loose key with or without apostrophes, in either script', () => {
    const key = looseKey("O'g'limni IIB-ga olib ketishdi.");
    expect(key).toBe('oglimni iib ga olib ketishdi');
    expect(looseKey('Oglimni IIB ga olib ketishdi')).toBe(key);
    expect(looseKey('Ўғлимни ИИБ-га олиб кетишди')).toBe(key);
  });

  it('is idempotent for canonical Latin and the loose key on Uzbek, Russian and English text', () => {
    const realistic = fc.string({
      unit: fc.constantFrom(
        ..."abdefghijklmnopqrstuvxyzоʻʼ'` .,!?-0123456789абвгдеёжзийклмнопрстуфхцчшщъыьэюяўқғҳӘӨҮҢ",
      ),
      maxLength: 120,
    });
    fc.assert(
      fc.property(realistic, (text) => {
        const canonical = canonicalLatin(text);
        // A canonical form that reads as Russian typed in Latin letters is read through Cyrillic again
        // (src/nlp/russian-latin.test.ts holds the fixed point for Russian itself).
        if (detectLanguage(canonical).language !== 'ru') expect(canonicalLatin(canonical)).toBe(canonical);
        const loose = looseKey(text);
        if (detectLanguage(loose).language !== 'ru') expect(looseKey(loose)).toBe(loose);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary Unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        canonicalLatin(text);
        looseKey(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+998 90 123 45 67', '+998901234567'],
    ['998901234567', '+998901234567'],
    ['(90) 123-45-67', '+998901234567'],
    ['8 90 123 45 67', '+998901234567'],
    ['00998 71 200 00 00', '+998712000000'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['123', '+7 912 345 67 89', '90 12+3 45 67', '0901234567', ''])('refuses %s', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});

describe('normalizePinfl', () => {
  it('accepts 14 digits with a century digit and a plausible birth date', () => {
    expect(normalizePinfl('3 1507 92 001 0012')).toBe('31507920010012');
    expect(normalizePinfl('31507-92001-0012')).toBe('31507920010012');
  });

  it.each(['1234567890123', '71507920010012', '33207920010012', '31513920010012', 'AB507920010012'])(
    'refuses %s',
    (input) => {
      expect(normalizePinfl(input)).toBeNull();
    },
  );
});
