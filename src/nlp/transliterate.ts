/**
 * Uzbek Cyrillic ↔ Latin transliteration (the 1995 Latin alphabet, oʻ/gʻ with U+02BB, tutuq U+02BC).
 *
 * Cyrillic → Latin is deterministic given a little context (see docs/domain.md, "Uzbek text").
 * Latin → Cyrillic loses information (ts/ц, e/э, ye/ъе, ь), so it uses the same rules in reverse
 * plus an exceptions dictionary for the common Russian loans that the rules get wrong.
 */

import { normalizeApostrophes } from './apostrophes.ts';

const CYRILLIC_VOWELS = new Set('аеёиоуэюяўы');
const LATIN_VOWELS = new Set('aeiou');
const OKINA = 'ʻ';
const TUTUQ = 'ʼ';

/** Letters with one fixed Latin spelling, whatever their neighbours. */
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'x',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ы: 'i',
  э: 'e',
  ё: 'yo',
  ю: 'yu',
  я: 'ya',
  ў: `o${OKINA}`,
  қ: 'q',
  ғ: `g${OKINA}`,
  ҳ: 'h',
};

/** Whole words whose official Latin spelling does not follow the letter rules. */
const CYRILLIC_EXCEPTIONS: Readonly<Record<string, string>> = {
  сентябрь: 'sentabr',
  октябрь: 'oktabr',
};

/**
 * Latin words whose Cyrillic spelling the rules cannot recover: ц written as s/ts, ь dropped,
 * ъ before е, ё/ю after ь. Lowercase keys in canonical Latin (oʻ/gʻ with U+02BB).
 */
export const LATIN_EXCEPTIONS: Readonly<Record<string, string>> = {
  politsiya: 'полиция',
  militsiya: 'милиция',
  militsioner: 'милиционер',
  stansiya: 'станция',
  sirk: 'цирк',
  sement: 'цемент',
  sentr: 'центр',
  sentral: 'централ',
  konsert: 'концерт',
  prosent: 'процент',
  protsent: 'процент',
  litsenziya: 'лицензия',
  spetsialist: 'специалист',
  obyekt: 'объект',
  subyekt: 'субъект',
  podyezd: 'подъезд',
  syezd: 'съезд',
  premyer: 'премьер',
  batalyon: 'батальон',
  pavilyon: 'павильон',
  medalyon: 'медальон',
  kompyuter: 'компьютер',
  yanvar: 'январь',
  fevral: 'февраль',
  aprel: 'апрель',
  iyun: 'июнь',
  iyul: 'июль',
  sentabr: 'сентябрь',
  oktabr: 'октябрь',
  noyabr: 'ноябрь',
  dekabr: 'декабрь',
  avtomobil: 'автомобиль',
  mebel: 'мебель',
  dvigatel: 'двигатель',
  kontrol: 'контроль',
  parol: 'пароль',
  rol: 'роль',
  film: 'фильм',
  noutbuk: 'ноутбук',
  aeroport: 'аэропорт',
  moʻjiza: 'мўъжиза',
  moʻtabar: 'мўътабар',
  moʻtadil: 'мўътадил',
};

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /\p{L}/u.test(ch);
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Applies the case of a source letter to its (possibly multi-letter) spelling. */
function withCase(spelling: string, upper: boolean, wordAllCaps: boolean): string {
  if (!upper || spelling === '') return spelling;
  if (wordAllCaps) return spelling.toUpperCase();
  return spelling.charAt(0).toUpperCase() + spelling.slice(1);
}

/** Applies the case shape of a whole source word (lower, Title, UPPER) to its replacement. */
function withWordCase(source: string, replacement: string): string {
  const letters = [...source].filter((ch) => ch.toLowerCase() !== ch.toUpperCase());
  if (letters.length > 1 && letters.every(isUpper)) return replacement.toUpperCase();
  const first = letters[0];
  if (first !== undefined && isUpper(first))
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

/** A word counts as ALL CAPS when it has at least two cased letters and all are capitals. */
function isAllCapsWord(word: string): boolean {
  let cased = 0;
  for (const ch of word) {
    if (ch.toLowerCase() === ch.toUpperCase()) continue;
    if (!isUpper(ch)) return false;
    cased++;
  }
  return cased > 1;
}

const WORD = /[\p{L}\p{M}ʻʼ]+/gu;

/** Transliterates Uzbek Cyrillic to Uzbek Latin; anything that is not Cyrillic passes through. */
export function toLatin(text: string): string {
  if (!/[\u0400-\u04FF]/.test(text)) return text;
  return text.replace(WORD, (word) => (/[\u0400-\u04FF]/.test(word) ? cyrillicWordToLatin(word) : word));
}

function cyrillicWordToLatin(word: string): string {
  const lowerWord = word.toLowerCase();
  const exception = CYRILLIC_EXCEPTIONS[lowerWord];
  if (exception !== undefined) return withWordCase(word, exception);
  // Lower-casing can change the length (İ → i̇); such a word is split and converted piecewise.
  if (lowerWord.length !== word.length) return [...word].map((ch) => cyrillicWordToLatin(ch)).join('');
  // Indexing by UTF-16 unit is safe here: every letter with a rule is in the BMP.
  const allCaps = word !== lowerWord && word === word.toUpperCase() && isAllCapsWord(word);
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word.charAt(i);
    const lower = lowerWord.charAt(i);
    const prev = i > 0 ? lowerWord.charAt(i - 1) : undefined;
    const next = i + 1 < word.length ? lowerWord.charAt(i + 1) : undefined;
    let spelling: string;
    switch (lower) {
      case 'е':
        spelling =
          prev === undefined || CYRILLIC_VOWELS.has(prev) || prev === 'ъ' || prev === 'ь' ? 'ye' : 'e';
        break;
      case 'ц':
        spelling = prev !== undefined && next !== undefined && CYRILLIC_VOWELS.has(prev) ? 'ts' : 's';
        break;
      case 'ъ':
        // Russian loans (объект, съезд) drop it before an iotated vowel; after ў it is already
        // carried by the okina (мўъжиза → moʻjiza); elsewhere it is the Arabic-loan tutuq.
        spelling = next !== undefined && 'еёюя'.includes(next) ? '' : prev === 'ў' ? '' : TUTUQ;
        break;
      case 'ь':
        spelling = next === 'о' || next === 'у' ? 'y' : '';
        break;
      case 'ҳ':
        // сҳ is written sʼh so that it is not read as ш.
        spelling = prev === 'с' ? `${TUTUQ}h` : 'h';
        break;
      default: {
        const mapped = CYRILLIC_TO_LATIN[lower];
        if (mapped === undefined) {
          out += ch;
          continue;
        }
        spelling = mapped;
      }
    }
    out += ch === lower ? spelling : withCase(spelling, true, allCaps);
  }
  return out;
}

const LATIN_SINGLE: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'б',
  d: 'д',
  f: 'ф',
  g: 'г',
  h: 'ҳ',
  i: 'и',
  j: 'ж',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  q: 'қ',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  x: 'х',
  y: 'й',
  z: 'з',
  [TUTUQ]: 'ъ',
  [OKINA]: 'ъ',
};

/** Transliterates Uzbek Latin to Uzbek Cyrillic; anything that is not Latin passes through. */
export function toCyrillic(text: string): string {
  const normalised = normalizeApostrophes(text.normalize('NFC'));
  return normalised.replace(WORD, (word) => (/[a-z]/i.test(word) ? latinWordToCyrillic(word) : word));
}

function latinWordToCyrillic(word: string): string {
  const lowerWord = word.toLowerCase();
  const exception = LATIN_EXCEPTIONS[lowerWord];
  if (exception !== undefined) return withWordCase(word, exception);
  const chars = [...word];
  const lower = [...lowerWord];
  const allCaps = isAllCapsWord(word);
  let out = '';
  let prevLatin: string | undefined;
  for (let i = 0; i < lower.length; ) {
    const ch = lower[i] ?? '';
    const next = lower[i + 1];
    const upper = isUpper(chars[i] ?? '');
    let spelling: string;
    let consumed = 1;
    if ((ch === 'o' || ch === 'g') && next === OKINA) {
      spelling = ch === 'o' ? 'ў' : 'ғ';
      consumed = 2;
    } else if (ch === 's' && next === TUTUQ && lower[i + 2] === 'h') {
      spelling = 'сҳ';
      consumed = 3;
    } else if ((ch === 's' || ch === 'c') && next === 'h') {
      spelling = ch === 's' ? 'ш' : 'ч';
      consumed = 2;
    } else if (ch === 'y' && next !== undefined && 'eoua'.includes(next) && lower[i + 2] !== OKINA) {
      const iotated = next === 'e' ? 'е' : next === 'o' ? 'ё' : next === 'u' ? 'ю' : 'я';
      // After a consonant ye comes from ъе (объект → obyekt); the other iotated vowels stay.
      spelling =
        next === 'e' && prevLatin !== undefined && !LATIN_VOWELS.has(prevLatin) ? `ъ${iotated}` : iotated;
      consumed = 2;
    } else if (ch === 'e') {
      spelling = prevLatin === undefined || LATIN_VOWELS.has(prevLatin) ? 'э' : 'е';
    } else if (ch === 't' && next === 's' && isTsForTse(lower, i, prevLatin)) {
      spelling = 'ц';
      consumed = 2;
    } else {
      spelling = LATIN_SINGLE[ch] ?? chars[i] ?? '';
      if (LATIN_SINGLE[ch] === undefined) {
        out += chars[i] ?? '';
        prevLatin = ch;
        i++;
        continue;
      }
    }
    out += upper
      ? allCaps || spelling.length === 1
        ? spelling.toUpperCase()
        : capitalise(spelling)
      : spelling;
    prevLatin = lower[i + consumed - 1];
    i += consumed;
  }
  return out;
}

function capitalise(s: string): string {
  // ъе keeps its ъ small; only the first letter that can be capitalised is.
  return s.startsWith('ъ') ? `ъ${s.slice(1).toUpperCase()}` : s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * ts after a vowel comes from ц in the Russian-loan endings -tsiya/-tsion/-tsio (politsiya,
 * operatsiya, revolyutsion); elsewhere (ketsa, otsiz) it is two native letters.
 */
function isTsForTse(lower: string[], i: number, prevLatin: string | undefined): boolean {
  if (prevLatin === undefined || !LATIN_VOWELS.has(prevLatin)) return false;
  const rest = lower.slice(i + 2, i + 5).join('');
  return rest.startsWith('iya') || rest.startsWith('io') || rest.startsWith('iy');
}

/** Which script a text is mostly written in, counting letters only. */
export function dominantScript(text: string): 'latin' | 'cyrillic' | 'other' | 'none' {
  let latin = 0;
  let cyrillic = 0;
  let other = 0;
  for (const ch of text) {
    if (!isLetter(ch)) continue;
    if (/\p{Script=Latin}/u.test(ch)) latin++;
    else if (/\p{Script=Cyrillic}/u.test(ch)) cyrillic++;
    else other++;
  }
  if (latin + cyrillic + other === 0) return 'none';
  if (other > latin && other > cyrillic) return 'other';
  return cyrillic > latin ? 'cyrillic' : 'latin';
}
