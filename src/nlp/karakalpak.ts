/**
 * Karakalpak: its Cyrillic and its Latin alphabet (the 2016 revision of the 1994 Latin alphabet, as the
 * Republic of Karakalpakstan uses it: á ǵ ı ń ó ú w for ә ғ ы ң ө ү ў), transliteration both ways, and the
 * folding of the letters people leave out when their keyboard lacks them (ә→а, ғ→г … and á→a, ǵ→g …).
 * Sources for the letter correspondences: the Karakalpak Latin alphabet as published by the Supreme Council
 * of Karakalpakstan (2016) and the Omniglot page on Karakalpak (https://omniglot.com/writing/karakalpak.php).
 */

// One Cyrillic letter → its Latin spelling (lower case). ц and щ occur in Russian loans only.
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  а: 'a',
  ә: 'á',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'ǵ',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  қ: 'q',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'ń',
  о: 'o',
  ө: 'ó',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ү: 'ú',
  ў: 'w',
  ф: 'f',
  х: 'x',
  ҳ: 'h',
  ц: 'c',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'ı',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

// Latin digraphs first, then single letters → Cyrillic (lower case).
const LATIN_TO_CYRILLIC: readonly (readonly [string, string])[] = [
  ['sh', 'ш'],
  ['ch', 'ч'],
  ['yo', 'ё'],
  ['yu', 'ю'],
  ['ya', 'я'],
  ['a', 'а'],
  ['á', 'ә'],
  ['b', 'б'],
  ['c', 'ц'],
  ['d', 'д'],
  ['e', 'е'],
  ['f', 'ф'],
  ['g', 'г'],
  ['ǵ', 'ғ'],
  ['h', 'ҳ'],
  ['x', 'х'],
  ['ı', 'ы'],
  ['i', 'и'],
  ['j', 'ж'],
  ['k', 'к'],
  ['q', 'қ'],
  ['l', 'л'],
  ['m', 'м'],
  ['n', 'н'],
  ['ń', 'ң'],
  ['o', 'о'],
  ['ó', 'ө'],
  ['p', 'п'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['u', 'у'],
  ['ú', 'ү'],
  ['v', 'в'],
  ['w', 'ў'],
  ['y', 'й'],
  ['z', 'з'],
];

const isUpper = (ch: string) => ch !== ch.toLowerCase();

function withCase(source: string, target: string, nextIsUpper: boolean): string {
  if (!isUpper(source) || target === '') return target;
  // A whole upper-case word keeps its digraphs upper case (ШАР → SHAR), a capital alone only the first letter.
  return nextIsUpper ? target.toUpperCase() : (target[0] ?? '').toUpperCase() + target.slice(1);
}

/** Karakalpak Cyrillic → Karakalpak Latin; other characters pass through. */
export function kaaToLatin(text: string): string {
  const chars = [...text.normalize('NFC')];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    const latin = CYRILLIC_TO_LATIN[ch.toLowerCase()];
    if (latin === undefined) {
      out += ch;
      continue;
    }
    out += withCase(ch, latin, isUpper(chars[i + 1] ?? '') || isUpper(chars[i - 1] ?? ''));
  }
  return out;
}

/** Karakalpak Latin → Karakalpak Cyrillic; other characters pass through. */
export function kaaToCyrillic(text: string): string {
  const source = text.normalize('NFC').replace(/[ıİ]/gu, (c) => (c === 'İ' ? 'I' : 'ı'));
  let out = '';
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i).toLowerCase();
    const pair = LATIN_TO_CYRILLIC.find(([latin]) => rest.startsWith(latin));
    if (!pair) {
      out += source[i];
      i += 1;
      continue;
    }
    const [latin, cyrillic] = pair;
    const original = source.slice(i, i + latin.length);
    out += isUpper(original[0] ?? '') ? cyrillic.toUpperCase() : cyrillic;
    i += latin.length;
  }
  return out;
}

const FOLD: Readonly<Record<string, string>> = {
  ә: 'а',
  ғ: 'г',
  қ: 'к',
  ң: 'н',
  ө: 'о',
  ү: 'у',
  ў: 'у',
  ҳ: 'х',
  á: 'a',
  ǵ: 'g',
  ı: 'i',
  ń: 'n',
  ó: 'o',
  ú: 'u',
};

/**
 * Karakalpak as typed on a keyboard without its own letters: ә ғ қ ң ө ү ў ҳ become а г к н о у у х, and
 * á ǵ ı ń ó ú become a g i n o u (w stays: every Latin keyboard has it).
 */
export function foldKaa(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => {
      const folded = FOLD[ch.toLowerCase()];
      if (folded === undefined) return ch;
      return isUpper(ch) ? folded.toUpperCase() : folded;
    })
    .join('');
}
