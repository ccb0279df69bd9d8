/**
 * Text normalisation and the canonical forms used to index, classify and compare appeals.
 * The original text is always stored as written; these forms are derived from it.
 */

import { normalizeApostrophes } from './apostrophes.ts';
import { kaaToLatin } from './karakalpak.ts';
import { detectLanguage } from './langid.ts';
import { russianLatinToCyrillic } from './russian-latin.ts';
import { toLatin } from './transliterate.ts';

export { normalizeApostrophes } from './apostrophes.ts';

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const ODD_SPACE = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;

/** Single spaces, no spaces around line breaks, at most one empty line, nothing at either end. */
function tidyWhitespace(text: string): string {
  return text
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Unicode NFC, apostrophes per docs/domain.md, invisible characters removed, whitespace tidied. */
export function normalizeText(text: string): string {
  const cleaned = text
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/\r\n?/g, '\n')
    .replace(ODD_SPACE, ' ');
  return normalizeApostrophes(tidyWhitespace(cleaned));
}

// Letters that look the same in both scripts; people mix them when a keyboard lacks a letter.
const LATIN_TO_CYRILLIC_LOOKALIKE: Readonly<Record<string, string>> = {
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
};
const CYRILLIC_TO_LATIN_LOOKALIKE: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LATIN_TO_CYRILLIC_LOOKALIKE).map(([latin, cyrillic]) => [cyrillic, latin]),
);

/** Rewrites look-alike letters inside a mixed-script word into the word's majority script. */
export function fixMixedScriptWords(text: string): string {
  if (!/[A-Za-z]/.test(text) || !/[\u0400-\u04FF]/.test(text)) return text;
  return text.replace(/[\p{L}\p{M}]+/gu, (word) => {
    let latin = 0;
    let cyrillic = 0;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) latin++;
      else if (code >= 0x400 && code <= 0x4ff) cyrillic++;
    }
    if (latin === 0 || cyrillic === 0) return word;
    const table = cyrillic >= latin ? LATIN_TO_CYRILLIC_LOOKALIKE : CYRILLIC_TO_LATIN_LOOKALIKE;
    let out = '';
    for (const ch of word) out += table[ch] ?? ch;
    return out;
  });
}

// Karakalpak and Kazakh letters that Uzbek lacks, folded to their nearest Uzbek Latin spelling
// so that a Karakalpak appeal still shares features with Uzbek ones.
const EXTRA_LETTERS: Readonly<Record<string, string>> = {
  ә: 'a',
  ө: 'oʻ',
  ү: 'u',
  ұ: 'u',
  ң: 'ng',
  і: 'i',
  һ: 'h',
  ı: 'i',
  á: 'a',
  ǵ: 'gʻ',
  ń: 'ng',
  ó: 'oʻ',
  ú: 'u',
  í: 'i',
};
const EXTRA_LETTER = /[әөүұңіһıáǵńóúí]/g;

/**
 * Russian typed in Latin letters, read into Cyrillic (src/nlp/russian-latin.ts); any other text as it is.
 * Only a text of three words or more with no Cyrillic letter is tried: language identification of one or
 * two words is a guess, and reading Uzbek as Russian would spoil it ("hokim" → "xokim").
 */
function readRussianLatin(text: string): string {
  if (/[\u0400-\u04FF]/.test(text)) return text;
  if ((text.match(/[A-Za-z']+/g)?.length ?? 0) < 3) return text;
  return detectLanguage(text).language === 'ru' ? russianLatinToCyrillic(text) : text;
}

/** Letters only Karakalpak (and Kazakh) write in Cyrillic. */
const KARAKALPAK_LETTERS = /[әөүң]/u;

/** Karakalpak Cyrillic: one of its own letters, or ў beside ы, which Uzbek never writes (two plain scans, no backtracking). */
function isKarakalpakCyrillic(text: string): boolean {
  return KARAKALPAK_LETTERS.test(text) || (text.includes('ў') && text.includes('ы'));
}

/**
 * Any script → normalised Uzbek Latin, lowercase: the form appeals are indexed and classified in.
 * Russian typed in Latin letters is read through its Cyrillic form first, so that it meets Russian
 * written in Cyrillic ("zhena" and "жена" both become "jena").
 */
export function canonicalLatin(text: string): string {
  const lower = readRussianLatin(fixMixedScriptWords(normalizeText(text))).toLowerCase();
  // Karakalpak Cyrillic by its own alphabet (ў is w, a word-initial е is e), so that it meets its Latin twin.
  const latin = isKarakalpakCyrillic(lower) ? kaaToLatin(lower) : toLatin(lower);
  const folded = latin
    .replace(EXTRA_LETTER, (ch) => EXTRA_LETTERS[ch] ?? ch)
    .replace(/\u0307/g, '')
    .normalize('NFC');
  // Dropped letters (ь, ъ) can leave doubled or trailing spaces behind.
  return tidyWhitespace(normalizeApostrophes(folded));
}

/**
 * Canonical Latin with oʻ→o, gʻ→g, no tutuq and no punctuation: what duplicate detection and
 * the classifier compare, so that "o'g'irlashdi", "ogirlashdi" and "ўғирлашди" meet.
 */
export function looseKey(text: string): string {
  return looseKeyOfLatin(canonicalLatin(text));
}

/** The loose key of a text already in canonical Latin (saves normalising the same text twice). */
export function looseKeyOfLatin(latin: string): string {
  return latin
    .replace(/[ʻʼ]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** An Uzbek phone number as +998XXXXXXXXX, or null when the input cannot be one. */
export function normalizePhone(input: string): string | null {
  const digits = input.replace(/[^\d+]/g, '');
  if (digits.lastIndexOf('+') > 0) return null;
  let national = digits.replace('+', '');
  if (national.startsWith('00998')) national = national.slice(5);
  else if (national.startsWith('998') && national.length === 12) national = national.slice(3);
  // The pre-2000s trunk prefix 8 is still typed in front of the operator code.
  else if (national.startsWith('8') && national.length === 10) national = national.slice(1);
  if (!/^[1-9]\d{8}$/.test(national)) return null;
  return `+998${national}`;
}

/**
 * The 14-digit personal identification number (PINFL / JShShIR), or null. The first digit codes
 * century and sex (1–6) and the next six are the birth date DDMMYY; the check digit is not verified
 * because its algorithm is not published.
 */
export function normalizePinfl(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^[1-6]\d{13}$/.test(digits)) return null;
  const day = Number(digits.slice(1, 3));
  const month = Number(digits.slice(3, 5));
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  return digits;
}
