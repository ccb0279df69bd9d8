/**
 * Stop words of Uzbek (both scripts), Karakalpak, Russian and English, and the rule for very
 * generic verbs: the words an explanation must not offer as the reason for a decision. The lists
 * and their sources are in `data/stopwords.ts`.
 */

import {
  ENGLISH_STOP_WORDS,
  GENERIC_VERB_STEMS,
  HOMOGRAPHS,
  KARAKALPAK_STOP_WORDS,
  RUSSIAN_STOP_WORDS,
  SAY_FORMS,
  UZBEK_STOP_WORDS,
  VERB_ENDINGS,
} from './data/stopwords.ts';
import { looseKey } from './normalize.ts';

const TURKIC = new Set(
  [...UZBEK_STOP_WORDS, ...KARAKALPAK_STOP_WORDS, ...SAY_FORMS].flatMap((word) => looseKey(word).split(' ')),
);
const RUSSIAN = new Set(RUSSIAN_STOP_WORDS.map(asWritten));
const ENGLISH = new Set(ENGLISH_STOP_WORDS.map(asWritten));
const HOMOGRAPH_EN = new Set(HOMOGRAPHS.en);
const HOMOGRAPH_RU = new Set(HOMOGRAPHS.ru);
const GENERIC_VERB = new RegExp(
  `^(?:${GENERIC_VERB_STEMS.join('|')})(?:(?:ma|may)(?:${VERB_ENDINGS.join('|')})?|(?:${VERB_ENDINGS.join('|')}))$`,
);

/** Lowercase, ё as е, apostrophes dropped: how Russian and English words are looked up. */
function asWritten(word: string): string {
  return word
    .normalize('NFC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/['ʻʼ’‘`]/g, '');
}

function isCyrillic(word: string): boolean {
  return /[\u0400-\u04FF]/.test(word);
}

function isTurkicStopKey(key: string): boolean {
  return TURKIC.has(key) || GENERIC_VERB.test(key);
}

/**
 * Whether a word (as written, punctuation around it allowed) carries no decision. `foreign` says
 * whether words that are stop words in Russian or English but content words in Uzbek (она, it) are
 * read as Russian/English; see `stopWordsOf` for deciding that from a whole text.
 */
export function isStopWord(
  word: string,
  foreign: { en: boolean; ru: boolean } = { en: false, ru: false },
): boolean {
  const written = asWritten(word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  if (written === '') return true;
  if (isCyrillic(written)) {
    if (RUSSIAN.has(written) && (!HOMOGRAPH_RU.has(written) || foreign.ru)) return true;
  } else if (ENGLISH.has(written) && (!HOMOGRAPH_EN.has(written) || foreign.en)) return true;
  const tokens = looseKey(word).split(' ');
  return tokens.every((token) => token === '' || isTurkicStopKey(token));
}

/**
 * A stop-word test for the words of one text: a word that is a stop word in Russian or English but
 * a content word in Uzbek (она "she"/"mother", it "it"/"dog") counts as a stop word only when the
 * text's other stop words are mostly Russian (or English) rather than Uzbek.
 */
export function stopWordsOf(text: string): (word: string) => boolean {
  const words = text
    .split(/\s+/)
    .map((raw) => asWritten(raw).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((word) => word !== '');
  // Only a text with a homograph needs the vote (and its loose keys, the costly part).
  const foreign = words.some((word) => HOMOGRAPH_EN.has(word) || HOMOGRAPH_RU.has(word))
    ? languageVote(words)
    : { en: false, ru: false };
  const memo = new Map<string, boolean>();
  return (word) => {
    let stop = memo.get(word);
    if (stop === undefined) {
      stop = isStopWord(word, foreign);
      memo.set(word, stop);
    }
    return stop;
  };
}

/** Whether the text's unambiguous stop words are mostly Russian (Cyrillic) and English (Latin) rather than Uzbek. */
function languageVote(words: readonly string[]): { en: boolean; ru: boolean } {
  let russian = 0;
  let english = 0;
  let turkicCyrillic = 0;
  let turkicLatin = 0;
  for (const word of words) {
    const cyrillic = isCyrillic(word);
    const foreign = cyrillic
      ? RUSSIAN.has(word) && !HOMOGRAPH_RU.has(word)
      : ENGLISH.has(word) && !HOMOGRAPH_EN.has(word);
    const turkic = TURKIC.has(looseKey(word));
    if (foreign && !turkic) {
      if (cyrillic) russian++;
      else english++;
    } else if (turkic && !foreign) {
      if (cyrillic) turkicCyrillic++;
      else turkicLatin++;
    }
  }
  return { ru: russian > turkicCyrillic, en: english > turkicLatin };
}
