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
    const probabilities = this.probabilities(text);
    const order = [...probabilities.keys()].sort((a, b) => (probabilities[b] ?? 0) - (probabilities[a] ?? 0));
    const best = order[0] ?? 0;
    return {
      label: this.labels[best] ?? '',
      confidence: probabilities[best] ?? 0,
      top: order.slice(0, 3).map((k) => ({ label: this.labels[k] ?? '', confidence: probabilities[k] ?? 0 })),
      explanation: this.explain(text, best),
    };
  }

  /**
   * The words and word pairs whose features pushed hardest towards `labelIndex` relative to the
   * average label, strongest first.
   */
  explain(text: string, labelIndex: number, limit = 5): string[] {
    const classes = this.labels.length;
    const scored = new Map<string, number>();
    for (const piece of tracePieces(text, this.features)) {
      let score = 0;
      for (const bucket of piece.buckets) {
        const row = this.rowOf[bucket] ?? -1;
        if (row < 0) continue;
        let mean = 0;
        for (let k = 0; k < classes; k++) mean += this.weights[row * classes + k] ?? 0;
        score += (this.weights[row * classes + labelIndex] ?? 0) - mean / classes;
      }
      if (piece.surface !== '')
        scored.set(piece.surface, Math.max(scored.get(piece.surface) ?? -Infinity, score));
    }
    return [...scored]
      .filter(([, score]) => score > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([surface]) => surface);
  }
}

/** Reads a model from its parsed JSON, refusing files of another format version. */
export function loadModel(json: unknown): TextClassifier {
  return new TextClassifier(readModelJson(json));
}

/** Predicts with a loaded model (the functional form of `model.predict`). */
export function predict(model: TextClassifier, text: string): Prediction {
  return model.predict(text);
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
