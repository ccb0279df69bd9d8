/**
 * Hashed text features shared by the classifier: character n-grams of each word of the loose
 * key plus word unigrams and bigrams. Built on the loose key, a Cyrillic appeal and its Latin
 * twin (with or without apostrophes) produce the same features.
 */

import { looseKey, normalizeText } from './normalize.ts';

export interface FeatureOptions {
  /** Number of hash buckets, a power of two. */
  buckets: number;
  /** Shortest and longest character n-gram, counted on the word padded with < and >. */
  charMin: number;
  charMax: number;
  wordBigrams: boolean;
  /**
   * Words (and word pairs) and character n-grams as two blocks, each L2-normalised on its own (as
   * a union of a word and a character TF-IDF vectoriser): words hash into the lower half of the
   * buckets, n-grams into the upper half. Without it (models before this option) one block.
   */
  blocks?: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  buckets: 1 << 20,
  charMin: 2,
  charMax: 5,
  wordBigrams: true,
  blocks: true,
};

/** A sparse, L2-normalised feature vector: bucket indices with their weights. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

const WORD_SEED = 0x9747b28c;
const BIGRAM_SEED = 0x2545f491;
const CHAR_SEED = 0x811c9dc5;

/** FNV-1a over a slice of a string's code units, with a per-kind seed so kinds do not collide. */
function hashSlice(s: string, start: number, end: number, seed: number): number {
  let h = seed >>> 0;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** The first bucket of the character block (the bucket count when there is one block). */
export function charBlockStart(options: FeatureOptions): number {
  return options.blocks === true ? options.buckets >>> 1 : options.buckets;
}

/** Calls `emit` with the bucket of every feature of one token. */
function tokenFeatures(token: string, options: FeatureOptions, emit: (bucket: number) => void): void {
  const blocks = options.blocks === true;
  const wordMask = (blocks ? options.buckets >>> 1 : options.buckets) - 1;
  const charOffset = blocks ? options.buckets >>> 1 : 0;
  emit(hashSlice(token, 0, token.length, WORD_SEED) & wordMask);
  const padded = `<${token}>`;
  for (let n = options.charMin; n <= options.charMax; n++) {
    // The whole padded word is already the word feature; skip n-grams that would repeat it.
    if (n >= padded.length) break;
    for (let i = 0; i + n <= padded.length; i++)
      emit(charOffset + (hashSlice(padded, i, i + n, CHAR_SEED + n) & wordMask));
  }
}

function bigramBucket(a: string, b: string, options: FeatureOptions): number {
  const mask = (options.blocks === true ? options.buckets >>> 1 : options.buckets) - 1;
  return hashSlice(`${a} ${b}`, 0, a.length + b.length + 1, BIGRAM_SEED) & mask;
}

/**
 * Scales `values` in place to unit L2 norm, separately below and from `split` in `indices`
 * (one block when `split` is past every index); with two blocks each ends at norm 1/√2.
 */
export function normaliseBlocks(
  indices: Int32Array,
  values: Float32Array,
  count: number,
  split: number,
): void {
  let low = 0;
  let high = 0;
  for (let j = 0; j < count; j++) {
    const v = values[j] ?? 0;
    if ((indices[j] ?? 0) < split) low += v * v;
    else high += v * v;
  }
  const blocks = low > 0 && high > 0 ? Math.SQRT1_2 : 1;
  const lowScale = low > 0 ? blocks / Math.sqrt(low) : 0;
  const highScale = high > 0 ? blocks / Math.sqrt(high) : 0;
  for (let j = 0; j < count; j++)
    values[j] = (values[j] ?? 0) * ((indices[j] ?? 0) < split ? lowScale : highScale);
}

/** The loose-key tokens a text is classified on. */
export function tokens(text: string): string[] {
  return tokensOfKey(looseKey(text));
}

/** The tokens of a loose key already computed. */
export function tokensOfKey(key: string): string[] {
  return key === '' ? [] : key.split(' ');
}

// Scratch space for counting, reused across calls: featurising 100k appeals should not allocate
// a map per appeal. Sized for the largest bucket count seen so far.
let counts = new Float64Array(0);

/** Turns tokens into a sparse vector: log-scaled counts, L2-normalised. */
export function vectorize(tokenList: readonly string[], options: FeatureOptions): SparseVector {
  if (counts.length < options.buckets) counts = new Float64Array(options.buckets);
  const scratch = counts;
  const touched: number[] = [];
  const add = (bucket: number) => {
    if (scratch[bucket] === 0) touched.push(bucket);
    scratch[bucket] = (scratch[bucket] ?? 0) + 1;
  };
  for (let i = 0; i < tokenList.length; i++) {
    const token = tokenList[i] ?? '';
    tokenFeatures(token, options, add);
    const next = tokenList[i + 1];
    if (options.wordBigrams && next !== undefined) add(bigramBucket(token, next, options));
  }
  const indices = Int32Array.from(touched);
  const values = new Float32Array(touched.length);
  for (let j = 0; j < touched.length; j++) {
    const bucket = touched[j] ?? 0;
    values[j] = 1 + Math.log(scratch[bucket] ?? 1);
    scratch[bucket] = 0;
  }
  normaliseBlocks(indices, values, values.length, charBlockStart(options));
  return { indices, values };
}

/** The features of a text. */
export function featurize(text: string, options: FeatureOptions): SparseVector {
  return vectorize(tokens(text), options);
}

/** A piece of the original text (a word or a pair of words) with the buckets it produced. */
export interface TracedPiece {
  surface: string;
  buckets: number[];
  /** The word is followed by a sentence or clause break (. , ; : ! ? …): an explanation's phrase ends here. */
  breakAfter?: boolean;
}

/** Punctuation after a word that ends a phrase of an explanation. */
const PHRASE_BREAK = /[.,;:!?…)\]»"”]/u;

/**
 * The original words (and adjacent pairs) of a text with the feature buckets each produced, so
 * that the classifier can say which words drove a decision in the words the applicant used.
 */
export function tracePieces(text: string, options: FeatureOptions): TracedPiece[] {
  const words = normalizeText(text).split(/\s+/);
  const flat: { token: string; surface: string; breakAfter: boolean }[] = [];
  for (const word of words) {
    const trailing = /[^\p{L}\p{N}]+$/u.exec(word)?.[0] ?? '';
    const surface = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    const parts = tokens(word);
    parts.forEach((token, k) => {
      flat.push({ token, surface, breakAfter: k === parts.length - 1 && PHRASE_BREAK.test(trailing) });
    });
  }
  const pieces: TracedPiece[] = [];
  for (let i = 0; i < flat.length; i++) {
    const current = flat[i];
    if (current === undefined) continue;
    const buckets: number[] = [];
    tokenFeatures(current.token, options, (bucket) => buckets.push(bucket));
    pieces.push({ surface: current.surface, buckets, breakAfter: current.breakAfter });
    const next = flat[i + 1];
    if (options.wordBigrams && next !== undefined) {
      pieces.push({
        surface: `${current.surface} ${next.surface}`,
        buckets: [bigramBucket(current.token, next.token, options)],
      });
    }
  }
  return pieces;
}
