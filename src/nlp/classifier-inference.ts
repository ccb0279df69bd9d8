/**
 * A trained multi-class linear text classifier, loaded from its model file: calibrated probabilities,
 * the best labels and the words that drove them.
 */

import { decodeFloats, decodeWeights, type ModelJson, readModelJson } from './classifier-codec.ts';
import {
  charBlockStart,
  type FeatureOptions,
  featurize,
  normaliseBlocks,
  type SparseVector,
  tokensOfKey,
  tracePieces,
  vectorize,
} from './features.ts';
import type { Evaluation } from './metrics.ts';
import { stopWordsOf } from './stopwords.ts';

export interface Prediction {
  label: string;
  confidence: number;
  top: { label: string; confidence: number }[];
  explanation: string[];
}

/** A loaded model, ready to predict. */
export class TextClassifier {
  readonly labels: readonly string[];
  readonly evaluation: Evaluation | null;
  readonly json: ModelJson;
  private readonly rowOf: Int32Array;
  private readonly weights: Float32Array;
  private readonly bias: Float32Array;
  private readonly temperature: number;
  private readonly features: FeatureOptions;
  private readonly idf: Float32Array;
  /** The first weight row of the character block (rows are in bucket order). */
  private readonly charRow: number;

  constructor(json: ModelJson) {
    this.json = json;
    this.labels = json.labels;
    this.evaluation = json.evaluation;
    this.features = json.options.features;
    this.temperature = json.temperature;
    this.bias = decodeFloats(json.bias, json.labels.length, 'bias');
    const { rowOf, weights, idf } = decodeWeights(json.weights, json.labels.length, this.features.buckets);
    this.rowOf = rowOf;
    this.weights = weights;
    this.idf = idf;
    this.charRow = firstRowFrom(rowOf, charBlockStart(this.features));
  }

  /** The text's feature vector as the model was trained on it, indexed by weight row. */
  vectorize(text: string): SparseVector {
    return toRows(featurize(text, this.features), this.rowOf, this.idf, this.charRow);
  }

  /** Raw scores (before temperature) for every label. */
  logits(vector: SparseVector): Float64Array {
    const classes = this.labels.length;
    const out = new Float64Array(classes);
    for (let k = 0; k < classes; k++) out[k] = this.bias[k] ?? 0;
    for (let j = 0; j < vector.indices.length; j++) {
      const value = vector.values[j] ?? 0;
      const base = (vector.indices[j] ?? 0) * classes;
      for (let k = 0; k < classes; k++) out[k] = (out[k] ?? 0) + value * (this.weights[base + k] ?? 0);
    }
    return out;
  }

  /** Calibrated probabilities for every label, in `labels` order. */
  probabilities(text: string): Float64Array {
    return softmax(this.logits(this.vectorize(text)), this.temperature);
  }

  /** The same probabilities from the text's loose key, when the caller has normalised the text already. */
  probabilitiesOfKey(key: string): Float64Array {
    const vector = toRows(vectorize(tokensOfKey(key), this.features), this.rowOf, this.idf, this.charRow);
    return softmax(this.logits(vector), this.temperature);
  }

  /** The best label with its calibrated confidence, the top 3, and the words that drove it. */
  predict(text: string): Prediction {
    const vector = this.vectorize(text);
    const probabilities = softmax(this.logits(vector), this.temperature);
    const order = [...probabilities.keys()].sort((a, b) => (probabilities[b] ?? 0) - (probabilities[a] ?? 0));
    const best = order[0] ?? 0;
    return {
      label: this.labels[best] ?? '',
      confidence: probabilities[best] ?? 0,
      top: order.slice(0, 3).map((k) => ({ label: this.labels[k] ?? '', confidence: probabilities[k] ?? 0 })),
      explanation: explainUnits(this.contributions(text, vector, best), stopWordsOf(text)),
    };
  }

  /**
   * The words and phrases of the appeal, as written, that pushed hardest towards `labelIndex`
   * relative to the average label, strongest first; never a stop word on its own (see
   * `stopwords.ts`). Each feature's share of the score (its value in the appeal's vector times its
   * weight for the label minus the mean weight) is split among the words that produced it; adjacent
   * contributing words, or a pair whose bigram contributes, are merged into one phrase.
   */
  explain(text: string, labelIndex: number, limit = 5): string[] {
    const units = this.contributions(text, this.vectorize(text), labelIndex);
    return explainUnits(units, stopWordsOf(text), limit);
  }

  /** Each word of the text (as written) with its contribution, and the contribution of its bigram with the next. */
  private contributions(text: string, vector: SparseVector, labelIndex: number): ExplainUnit[] {
    const classes = this.labels.length;
    const valueOfRow = new Map<number, number>();
    for (let j = 0; j < vector.indices.length; j++)
      valueOfRow.set(vector.indices[j] ?? 0, vector.values[j] ?? 0);
    const pieces = tracePieces(text, this.features);
    const occurrences = new Map<number, number>();
    for (const piece of pieces)
      for (const bucket of piece.buckets) occurrences.set(bucket, (occurrences.get(bucket) ?? 0) + 1);
    const share = (buckets: readonly number[]) => {
      let score = 0;
      for (const bucket of buckets) {
        const row = this.rowOf[bucket] ?? -1;
        if (row < 0) continue;
        let mean = 0;
        for (let k = 0; k < classes; k++) mean += this.weights[row * classes + k] ?? 0;
        const margin = (this.weights[row * classes + labelIndex] ?? 0) - mean / classes;
        score += ((valueOfRow.get(row) ?? 0) * margin) / (occurrences.get(bucket) ?? 1);
      }
      return score;
    };
    // tracePieces lists each word, then its pair with the next word (a surface with a space).
    const units: ExplainUnit[] = [];
    for (const piece of pieces) {
      const last = units.at(-1);
      if (piece.surface.includes(' ')) {
        if (last !== undefined) last.link += share(piece.buckets);
        continue;
      }
      const score = share(piece.buckets);
      // One word the loose key splits in two ("telefon-ni") is one unit with its inner pair.
      if (last !== undefined && last.surface === piece.surface && !last.breakAfter) {
        last.score += score + last.link;
        last.link = 0;
        last.breakAfter = piece.breakAfter;
      } else units.push({ surface: piece.surface, score, link: 0, breakAfter: piece.breakAfter });
    }
    return units;
  }
}

/** A word of the appeal with its contribution and that of the pair it forms with the next word. */
export interface ExplainUnit {
  surface: string;
  score: number;
  link: number;
  /** A sentence or clause break follows the word: no phrase runs across it. */
  breakAfter?: boolean;
}

/** Longest phrase an explanation shows, in words. */
const MAX_PHRASE = 4;
/** A word or pair stands on its own in an explanation when it reaches this share of the strongest one… */
const ANCHOR_SHARE = 0.2;
/** …and a neighbouring word joins its phrase when it reaches this share. */
const COMPANION_SHARE = 0.05;

/**
 * Phrases from scored words. A word stands on its own when it is no stop word and reaches a fifth
 * of the strongest contribution; a neighbour joins it when it reaches a twentieth (украли
 * телефон), also across one stop word (stole my phone); two words join whenever their pair does.
 * A phrase never starts or ends with a stop word, is at most four words, and is ranked by its total.
 */
export function explainUnits(
  units: readonly ExplainUnit[],
  isStop: (word: string) => boolean,
  limit = 5,
): string[] {
  const stop = units.map((unit) => isStop(unit.surface));
  let strongest = 0;
  units.forEach((unit, i) => {
    if (!stop[i]) strongest = Math.max(strongest, unit.score);
    if (i + 1 < units.length && !(stop[i] && stop[i + 1])) strongest = Math.max(strongest, unit.link);
  });
  if (strongest <= 0) return [];
  const anchor = units.map((unit, i) => !stop[i] && unit.score >= strongest * ANCHOR_SHARE);
  const companion = units.map((unit, i) => !stop[i] && unit.score >= strongest * COMPANION_SHARE);
  const pairs = (a: number, b: number) =>
    (anchor[a] === true && companion[b] === true) || (companion[a] === true && anchor[b] === true);
  const joined = units.map(
    (unit, i) =>
      i + 1 < units.length &&
      unit.breakAfter !== true &&
      (unit.link >= strongest * ANCHOR_SHARE || pairs(i, i + 1)),
  );
  for (let i = 1; i + 1 < units.length; i++) {
    if (units[i - 1]?.breakAfter === true || units[i]?.breakAfter === true) continue;
    if (stop[i] && pairs(i - 1, i + 1)) {
      joined[i - 1] = true;
      joined[i] = true;
    }
  }

  const phrases = new Map<string, number>();
  const add = (from: number, to: number) => {
    while (from <= to && stop[from]) from++;
    while (to >= from && stop[to]) to--;
    if (from > to) return;
    if (to - from + 1 > MAX_PHRASE) {
      // Split a long run at its weakest link.
      let weakest = from;
      for (let i = from; i < to; i++) if ((units[i]?.link ?? 0) < (units[weakest]?.link ?? 0)) weakest = i;
      add(from, weakest);
      add(weakest + 1, to);
      return;
    }
    let score = 0;
    for (let i = from; i <= to; i++) score += (units[i]?.score ?? 0) + (i < to ? (units[i]?.link ?? 0) : 0);
    if (score <= 0) return;
    const surface = units
      .slice(from, to + 1)
      .map((unit) => unit.surface)
      .join(' ');
    phrases.set(surface, Math.max(phrases.get(surface) ?? -Infinity, score));
  };
  let start = 0;
  for (let i = 0; i < units.length; i++) {
    if (joined[i]) continue;
    if (i > start || anchor[i]) add(start, i);
    start = i + 1;
  }
  return [...phrases]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([surface]) => surface);
}

/** Reads a model from its parsed JSON, refusing files of another format version. */
export function loadModel(json: unknown): TextClassifier {
  return new TextClassifier(readModelJson(json));
}

/** Predicts with a loaded model (the functional form of `model.predict`). */
export function predict(model: TextClassifier, text: string): Prediction {
  return model.predict(text);
}

/**
 * Each score replaced by e^(score − the largest score), the numerically safe numerators of a softmax; returns
 * their sum, the denominator. Training uses it in place, on its own scratch array.
 */
export function exponentiateInPlace(scores: Float64Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of scores) max = Math.max(max, value);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k] ?? 0) - max);
    scores[k] = e;
    sum += e;
  }
  return sum;
}

/** Probabilities from raw scores, divided by `temperature` first. */
export function softmax(logits: Float64Array, temperature: number): Float64Array {
  let max = -Infinity;
  for (const value of logits) max = Math.max(max, value / temperature);
  const out = new Float64Array(logits.length);
  let sum = 0;
  for (let k = 0; k < logits.length; k++) {
    const e = Math.exp((logits[k] ?? 0) / temperature - max);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < out.length; k++) out[k] = (out[k] ?? 0) / sum;
  return out;
}

/** The number of weight rows whose bucket lies below `bucket` (rows are numbered in bucket order). */
export function firstRowFrom(rowOf: Int32Array, bucket: number): number {
  let rows = 0;
  for (let b = 0; b < bucket && b < rowOf.length; b++) if ((rowOf[b] ?? -1) >= 0) rows++;
  return rows;
}

/**
 * Maps a bucket-indexed vector to weight rows: features outside the vocabulary are dropped (as a
 * TF-IDF vectoriser ignores unknown words), the rest scaled by idf and L2-normalised again, each
 * block on its own (rows from `charRow` on are the character block).
 */
export function toRows(
  vector: SparseVector,
  rowOf: Int32Array,
  idf: Float32Array,
  charRow = Number.MAX_SAFE_INTEGER,
): SparseVector {
  const rows = new Int32Array(vector.indices.length);
  const values = new Float32Array(vector.indices.length);
  let kept = 0;
  for (let j = 0; j < vector.indices.length; j++) {
    const row = rowOf[vector.indices[j] ?? 0] ?? -1;
    if (row < 0) continue;
    rows[kept] = row;
    values[kept] = (vector.values[j] ?? 0) * (idf[row] ?? 1);
    kept++;
  }
  normaliseBlocks(rows, values, kept, charRow);
  return { indices: rows.subarray(0, kept), values: values.subarray(0, kept) };
}
