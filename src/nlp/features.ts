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
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  buckets: 1 << 18,
  charMin: 2,
  charMax: 5,
  wordBigrams: true,
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

/** Calls `emit` with the bucket of every feature of one token. */
function tokenFeatures(token: string, options: FeatureOptions, emit: (bucket: number) => void): void {
  const mask = options.buckets - 1;
  emit(hashSlice(token, 0, token.length, WORD_SEED) & mask);
  const padded = `<${token}>`;
  for (let n = options.charMin; n <= options.charMax; n++) {
    // The whole padded word is already the word feature; skip n-grams that would repeat it.
    if (n >= padded.length) break;
    for (let i = 0; i + n <= padded.length; i++) emit(hashSlice(padded, i, i + n, CHAR_SEED + n) & mask);
  }
}

function bigramBucket(a: string, b: string, options: FeatureOptions): number {
  return hashSlice(`${a} ${b}`, 0, a.length + b.length + 1, BIGRAM_SEED) & (options.buckets - 1);
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
  let norm = 0;
  for (let j = 0; j < touched.length; j++) {
    const bucket = touched[j] ?? 0;
    const value = 1 + Math.log(scratch[bucket] ?? 1);
    scratch[bucket] = 0;
    values[j] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < values.length; k++) values[k] = (values[k] ?? 0) * scale;
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
}

/**
 * The original words (and adjacent pairs) of a text with the feature buckets each produced, so
 * that the classifier can say which words drove a decision in the words the applicant used.
 */
export function tracePieces(text: string, options: FeatureOptions): TracedPiece[] {
  const words = normalizeText(text).split(/\s+/);
  const flat: { token: string; surface: string }[] = [];
  for (const word of words) {
    for (const token of tokens(word))
      flat.push({ token, surface: word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '') });
  }
  const pieces: TracedPiece[] = [];
  for (let i = 0; i < flat.length; i++) {
    const current = flat[i];
    if (current === undefined) continue;
    const buckets: number[] = [];
    tokenFeatures(current.token, options, (bucket) => buckets.push(bucket));
    pieces.push({ surface: current.surface, buckets });
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
