/**
 * Russian typed in Latin letters ("pomogite, ukrali telefon", "sosedi shumyat kazhduyu noch"), as people
 * write it on a phone without a Cyrillic keyboard. It is read back into Cyrillic so that it meets Russian
 * written in Cyrillic in the canonical form appeals are classified and searched in: "zhena" and "жена"
 * both become "jena" there, where "zhena" alone would not.
 *
 * The spellings are the informal ones seen in chats and the common transliteration tables (GOST 7.79 B,
 * ICAO Doc 9303, BGN/PCGN) where they agree with the canonical form: zh/kh/ch/sh, ya/yu/yo/ye, x as х,
 * y as ы after a consonant and as й after a vowel.
 */

// Longest first. The choices keep the canonical Latin form of Russian a fixed point (reading "jena", the
// canonical form of "жена", gives "жена" again): so j is ж and x is х, as in the canonical form, , and "ts",
// "sch" and "shch" stay apart because the canonical form writes т+с, с+ч and ш+ч (and щ as "sh"). The one exception is
// э after a vowel ("poet" is read as поет): informal writing spells "delaet", "znaet" far more often.
const GROUPS: ReadonlyArray<readonly [string, string]> = [
  ['zh', 'ж'],
  ['kh', 'х'],
  ['ch', 'ч'],
  ['sh', 'ш'],
  ['yu', 'ю'],
  ['yo', 'ё'],
  ['ya', 'я'],
  ['ye', 'е'],
];

const LETTERS: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'б',
  c: 'ц',
  d: 'д',
  e: 'е',
  f: 'ф',
  g: 'г',
  h: 'х',
  i: 'и',
  j: 'ж',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  q: 'к',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  w: 'в',
  x: 'х',
  z: 'з',
};

const CYRILLIC_VOWELS = new Set('аеёиоуыэюя');

/** One word (lowercase Latin letters and apostrophes) in Cyrillic; `jShort`: j stands for й, not ж. */
function wordToCyrillic(word: string, jShort: boolean): string {
  let out = '';
  let i = 0;
  while (i < word.length) {
    const rest = word.slice(i);
    const group = GROUPS.find(([latin]) => rest.startsWith(latin));
    const previous = out.at(-1);
    const afterVowel = previous !== undefined && CYRILLIC_VOWELS.has(previous);
    if (group) {
      // "ye" after a consonant stands for ье/ъе ("podyezd", "semye"); ya/yu/yo there are plain я/ю/ё.
      if (previous !== undefined && !afterVowel && group[0] === 'ye') out += 'ь';
      out += group[1];
      i += group[0].length;
      continue;
    }
    const ch = word[i] ?? '';
    if (ch === 'y') {
      // й after a vowel or at the start ("moy", "yod"), ы after a consonant ("my", "krasnyy" → красный).
      out += previous === undefined || afterVowel ? 'й' : 'ы';
    } else if (ch === 'j' && jShort) {
      out += 'й';
    } else if (ch === 'e' && previous === undefined) {
      out += 'э'; // "eto", "etot": a word-initial e is э far more often than е.
    } else {
      out += LETTERS[ch] ?? ch;
    }
    i++;
  }
  return out;
}

/**
 * Russian written in Latin letters, read into Cyrillic; other characters are kept as they are. A text that
 * spells ж as "zh" keeps j for й ("pozhalujsta", "moj"), as the scholarly tables do; otherwise j is ж
 * ("jena", "mojno"), as informal writing and the canonical form have it (which never writes "zh", so it
 * stays a fixed point).
 */
export function russianLatinToCyrillic(text: string): string {
  const jShort = /zh/i.test(text);
  return text.replace(/[A-Za-z]+/g, (word) => {
    const cyrillic = wordToCyrillic(word.toLowerCase(), jShort);
    const upper = word[0] !== undefined && word[0] !== word[0].toLowerCase();
    return upper ? (cyrillic[0]?.toUpperCase() ?? '') + cyrillic.slice(1) : cyrillic;
  });
}
