/**
 * Language identification for appeals: uz-Latn, uz-Cyrl, ru, kaa (Karakalpak, either script), en
 * and other. Script decides the candidates, letters only one language has decide outright, and a
 * naive Bayes model over character 1–4-grams (the profile built by bench/nlp-langid-profile.ts)
 * decides the rest. Works per sentence, because Uzbek and Russian mix inside one appeal.
 */

import { LANGID_PROFILE } from './data/langid-profile.ts';

export const LANGUAGES = ['uz-Latn', 'uz-Cyrl', 'ru', 'kaa', 'en', 'other'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface LanguageGuess {
  language: Language;
  /** Share of the evidence for the winner among the candidates, 0..1; a rough guide only. */
  confidence: number;
}

export interface LanguageSegment extends LanguageGuess {
  text: string;
  start: number;
  end: number;
}

/** The serialised profile: per language, n-gram counts and the total count they come from. */
export interface LangidProfile {
  version: 1;
  maxOrder: number;
  languages: Record<string, { total: number; grams: Record<string, number> }>;
}

const SMOOTHING = 0.5;

/**
 * What the model tells apart: the languages it answers, and Russian typed in Latin letters
 * ("pomogite, ukrali telefon"), which it answers as Russian.
 */
type ProfileLanguage = Language | 'ru-Latn';
const PROFILE_LANGUAGES: readonly ProfileLanguage[] = [...LANGUAGES, 'ru-Latn'];

interface CompiledProfile {
  maxOrder: number;
  logProb: Map<string, Float64Array>;
  unseen: Float64Array;
  order: ProfileLanguage[];
}

function compile(profile: LangidProfile): CompiledProfile {
  const order = PROFILE_LANGUAGES.filter((language) => profile.languages[language] !== undefined);
  const vocabulary = new Set<string>();
  for (const language of order)
    for (const gram of Object.keys(profile.languages[language]?.grams ?? {})) vocabulary.add(gram);
  const v = vocabulary.size;
  // One penalty for an unseen n-gram in every language: otherwise the language with the smallest
  // profile (Karakalpak) pays least for strange n-grams and wins on any foreign text.
  const largest = Math.max(...order.map((language) => profile.languages[language]?.total ?? 0));
  const unseenLogProb = Math.log(SMOOTHING / (largest + SMOOTHING * v));
  const unseen = Float64Array.from(order, () => unseenLogProb);
  const logProb = new Map<string, Float64Array>();
  for (const gram of vocabulary) {
    logProb.set(
      gram,
      Float64Array.from(order, (language, i) => {
        const entry = profile.languages[language];
        const count = entry?.grams[gram];
        if (entry === undefined || count === undefined) return unseen[i] ?? 0;
        return Math.log((count + SMOOTHING) / (entry.total + SMOOTHING * v));
      }),
    );
  }
  return { maxOrder: profile.maxOrder, logProb, unseen, order };
}

let compiled: CompiledProfile | undefined;

function model(): CompiledProfile {
  if (compiled === undefined) {
    const parsed: LangidProfile = JSON.parse(LANGID_PROFILE);
    compiled = compile(parsed);
  }
  return compiled;
}

/** The text as the n-gram model sees it: lowercase letters, one apostrophe, single spaces. */
export function langidForm(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/['`´‘’‛ʹʻʼʽʾʿ′＇]/gu, "'")
    .replace(/[^\p{L}\p{M}']+/gu, ' ')
    .trim();
}

/** Character 1..maxOrder-grams of each word padded with spaces, as the profile was built. */
export function charGrams(form: string, maxOrder: number): string[] {
  const grams: string[] = [];
  for (const word of form.split(' ')) {
    if (word === '') continue;
    const padded = ` ${word} `;
    for (let n = 1; n <= maxOrder; n++) {
      for (let i = 0; i + n <= padded.length; i++) {
        const gram = padded.slice(i, i + n);
        if (gram !== ' ') grams.push(gram);
      }
    }
  }
  return grams;
}

const KAA_CYRILLIC = /[әөүң]/u;
const UZ_KAA_SHARED_CYRILLIC = /[әғқҳў]/u;
const OTHER_CYRILLIC = /[іұһїєґӣӯҷ]/u;
const UZ_CYRILLIC = /[ўқғҳ]/gu;
const KAA_LATIN_MARKS = ['ǵ', 'ń', 'ı', 'á', 'ó', 'ú', 'w'];
const NOT_KAA_LATIN = /[şçğöüéèêñàâäßœ]/u;
const CYRILLIC_YERU = /ы/u;
const UZ_OKINA = /[og]['`´‘’ʻʼ][a-z]/u;

/** Detects the language of one sentence or short text. */
export function detectLanguage(text: string): LanguageGuess {
  let latin = 0;
  let cyrillic = 0;
  let other = 0;
  for (const ch of text) {
    if (!/\p{L}/u.test(ch) || /[ʻʼ]/u.test(ch)) continue;
    if (/\p{Script=Latin}/u.test(ch)) latin++;
    else if (/\p{Script=Cyrillic}/u.test(ch)) cyrillic++;
    else other++;
  }
  if (latin + cyrillic + other === 0 || (other > latin && other > cyrillic))
    return { language: 'other', confidence: 1 };
  const form = langidForm(text);
  const boosts = new Map<ProfileLanguage, number>();
  let candidates: ProfileLanguage[];
  if (cyrillic >= latin) {
    if (OTHER_CYRILLIC.test(form)) return { language: 'other', confidence: 0.9 };
    if (KAA_CYRILLIC.test(form)) {
      if (UZ_KAA_SHARED_CYRILLIC.test(form)) return { language: 'kaa', confidence: 0.9 };
      candidates = ['kaa', 'other'];
    } else {
      // Karakalpak typed without its own letters looks like Russian or Uzbek to the script: the model
      // decides (its profile holds Karakalpak written that way too).
      candidates = ['uz-Cyrl', 'ru', 'kaa', 'other'];
      // ў қ ғ ҳ are Uzbek or Karakalpak; with ы, which Uzbek does not write, it is Karakalpak.
      const uzLetters = form.match(UZ_CYRILLIC)?.length ?? 0;
      if (uzLetters > 0 && CYRILLIC_YERU.test(form)) candidates = ['kaa', 'uz-Cyrl'];
      else if (uzLetters > 0) boosts.set('uz-Cyrl', Math.min(3, uzLetters));
    }
  } else {
    candidates = ['uz-Latn', 'en', 'ru-Latn', 'other'];
    // Karakalpak Latin writes ǵ ń ı á ó ú w and none of the Turkish or Western letters; the more
    // of them a text shows, the stronger the case (ı alone is also Turkish).
    const kaaMarks = KAA_LATIN_MARKS.filter((mark) => form.includes(mark)).length;
    // Without any of them (typed on a plain keyboard) Karakalpak is still a candidate, on the model alone.
    if (!NOT_KAA_LATIN.test(form)) candidates.push('kaa');
    if (kaaMarks >= 1 && !NOT_KAA_LATIN.test(form)) {
      boosts.set('kaa', 0.5 * (kaaMarks - 1) + (/[ǵń]/u.test(form) ? 0.5 : 0));
    }
    if (UZ_OKINA.test(form)) boosts.set('uz-Latn', 0.5);
  }
  return scoreCandidates(form, candidates, boosts);
}

function scoreCandidates(
  form: string,
  candidates: ProfileLanguage[],
  boosts: Map<ProfileLanguage, number>,
): LanguageGuess {
  const { maxOrder, logProb, unseen, order } = model();
  const grams = charGrams(form, maxOrder);
  const index = candidates.map((language) => order.indexOf(language));
  const scores = new Float64Array(candidates.length);
  for (const gram of grams) {
    const row = logProb.get(gram);
    for (let c = 0; c < candidates.length; c++) {
      const i = index[c] ?? -1;
      if (i < 0) continue;
      scores[c] = (scores[c] ?? 0) + (row === undefined ? (unseen[i] ?? 0) : (row[i] ?? 0));
    }
  }
  // Average per n-gram so that boosts (in nats per n-gram) weigh the same in short and long text.
  const count = Math.max(1, grams.length);
  let best = 0;
  for (let c = 0; c < candidates.length; c++) {
    const language = candidates[c];
    scores[c] =
      (index[c] ?? -1) < 0
        ? -Infinity
        : (scores[c] ?? 0) / count + (language ? (boosts.get(language) ?? 0) : 0);
    if ((scores[c] ?? -Infinity) > (scores[best] ?? -Infinity)) best = c;
  }
  // Sharpen the per-gram averages back towards whole-text likelihoods for the confidence.
  let sum = 0;
  const bestScore = scores[best] ?? 0;
  for (const score of scores) sum += Math.exp((score - bestScore) * Math.min(count, 30));
  const winner = candidates[best] ?? 'other';
  return { language: winner === 'ru-Latn' ? 'ru' : winner, confidence: Number((1 / sum).toFixed(4)) };
}

/** Splits a text into sentences and detects each; adjacent sentences in one language are merged. */
export function detectLanguages(text: string): LanguageSegment[] {
  const segments: LanguageSegment[] = [];
  const sentence = /[^.!?…\n]+[.!?…]*/gu;
  for (const match of text.matchAll(sentence)) {
    const raw = match[0];
    const start = (match.index ?? 0) + (raw.length - raw.trimStart().length);
    const body = raw.trim();
    if (!/\p{L}/u.test(body)) continue;
    const guess = detectLanguage(body);
    const previous = segments.at(-1);
    // A word or two ("Rahmat.", "OK") carries too little evidence to start a new segment.
    const tooShort = (body.match(/\p{L}/gu)?.length ?? 0) < 8;
    if (previous !== undefined && (previous.language === guess.language || tooShort)) {
      previous.end = start + body.length;
      previous.text = text.slice(previous.start, previous.end);
      continue;
    }
    segments.push({ ...guess, text: body, start, end: start + body.length });
  }
  return segments;
}

/** The language of a whole text: the one that covers most of its letters, sentence by sentence. */
export function detectTextLanguage(text: string): LanguageGuess {
  const segments = detectLanguages(text);
  if (segments.length === 0) return { language: 'other', confidence: 1 };
  if (segments.length === 1) return detectLanguage(text);
  const letters = new Map<Language, number>();
  for (const segment of segments) {
    const count = segment.text.match(/\p{L}/gu)?.length ?? 0;
    letters.set(segment.language, (letters.get(segment.language) ?? 0) + count);
  }
  const total = [...letters.values()].reduce((a, b) => a + b, 0);
  const [language, count] = [...letters].sort((a, b) => b[1] - a[1])[0] ?? ['other', 0];
  return { language, confidence: Number((count / Math.max(1, total)).toFixed(4)) };
}
