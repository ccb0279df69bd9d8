/**
 * The classifier's model file: a plain JSON object whose weights are stored per vocabulary row and
 * quantised (see `serialise`), read back into the arrays the classifier predicts with.
 */

import { decodeBase64, encodeBase64 } from './base64.ts';
import type { FeatureOptions } from './features.ts';
import type { Evaluation } from './metrics.ts';

/** The model file format this build reads and writes. */
export const MODEL_FORMAT_VERSION = 1;
const MODEL_KIND = 'murojaat-text-classifier';

/** How a model is trained; the model file records these settings (all but `createdAt`) in `options`. */
export interface TrainOptions {
  features: FeatureOptions;
  /**
   * Passes over the data; 'auto': for the SVMs at most 20 (fewer above 25k examples: 500k visits,
   * at least 5), for softmax 12 for small sets and fewer for large ones (300k updates, at least 3).
   */
  epochs: number | 'auto';
  learningRate: number;
  /** L2 penalty applied to each weight row an example touches. */
  l2: number;
  /** 'balanced' weighs each class by n / (classes × n_class), as scikit-learn does. */
  classWeight: 'balanced' | 'none';
  /** Scale features by inverse document frequency (as TF-IDF does) before normalising. */
  idf: boolean;
  /** Features seen in fewer training examples are dropped (a way to shrink a model). */
  minDocumentFrequency: number;
  /**
   * At most this many features (weight rows), the ones seen in the most training examples, as a
   * TF-IDF vectoriser's max_features. 'auto': no limit with 8-bit weights; with 4-bit weights (a
   * model kept in a repository) as many as keep the file under 1 MB (31,250 rows for 32 labels).
   */
  maxFeatures?: number | 'auto';
  /** Stored precision of the weights: 8 bits, or 4 for a model half the size (e.g. one kept in git). */
  weightBits: 8 | 4;
  /**
   * 'softmax': multinomial logistic regression; 'squared-hinge': one linear SVM per label against
   * the rest (the squared hinge, as scikit-learn's LinearSVC).
   */
  loss?: 'softmax' | 'squared-hinge' | 'multinomial';
  /** The SVMs' C (inverse regularisation), for the squared hinge. */
  c?: number;
  /**
   * With the squared hinge: one-vs-rest logistic regressions (C 10, balanced class weights) are
   * trained on the same features and their weights added to the SVMs' times this share, so the
   * model stays one linear model and predicts as fast. 0 or absent (models before it): SVMs only.
   */
  logisticShare?: number;
  /**
   * With the squared hinge: a multinomial (softmax) logistic regression (C `multinomialC`, balanced
   * class weights) trained full-batch to convergence by L-BFGS on the same features, its weights
   * added to the model's times this share (still one linear model). With `loss: 'multinomial'` that
   * regression is the whole model. 0 or absent (models before it): none.
   */
  multinomialShare?: number;
  /** The multinomial logistic regression's C (inverse regularisation, as scikit-learn's); default 10. */
  multinomialC?: number;
  /** L-BFGS iterations at most for the multinomial regression; default 1000. */
  multinomialIterations?: number;
  /** It stops once no gradient component exceeds this (as scikit-learn's tol); default 1e-4. */
  multinomialTolerance?: number;
  /** Predict with the average of the weights over the passes after the first (averaged SGD). */
  average?: boolean;
  /** Share of examples (stratified) kept out of training for calibration and evaluation. */
  holdout: number;
  /**
   * After the temperature and the evaluation are taken on held-out examples, train again on every
   * example (same settings and passes), so that nothing is lost to the model. With `refit`, the
   * held-out scores come from grouped, stratified cross-validation (`calibrationFolds` folds), so
   * that every example is scored once by a model that did not see it (nor its group).
   */
  refit?: boolean;
  /**
   * Folds of the cross-validation behind the temperature when `refit` is on: 'auto' takes
   * round(1 / holdout) between 2 and 5 (5 for the default holdout 0.1).
   */
  calibrationFolds?: number | 'auto';
  seed: number;
  /** Copied into the model as-is; the caller supplies it so that training stays deterministic. */
  createdAt?: string;
}

/** The JSON a trained model is saved as. */
export interface ModelJson {
  kind: typeof MODEL_KIND;
  formatVersion: typeof MODEL_FORMAT_VERSION;
  createdAt: string | null;
  labels: string[];
  options: Omit<TrainOptions, 'createdAt'>;
  trainingExamples: number;
  temperature: number;
  /** Float32 per label, base64. */
  bias: string;
  /**
   * One row per vocabulary bucket: the buckets (delta-encoded varints), a float32 scale per row,
   * a signed `bits`-bit weight per row and label (4-bit ones packed two to a byte, low nibble
   * first), and the row's idf as a byte (null without idf); all base64.
   */
  weights: { rows: number; bits: 8 | 4; buckets: string; scales: string; values: string; idf: string | null };
  evaluation: Evaluation | null;
}

/** Thrown for a model file this build cannot read; the message says why and what to do. */
export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

/** Checks parsed JSON is a model file this build reads, refusing another format version or a damaged file. */
export function readModelJson(json: unknown): ModelJson {
  if (typeof json !== 'object' || json === null || !('kind' in json) || json.kind !== MODEL_KIND) {
    throw new ModelFormatError(
      'not a murojaat text-classifier model (missing "kind": "murojaat-text-classifier")',
    );
  }
  if (!('formatVersion' in json) || json.formatVersion !== MODEL_FORMAT_VERSION) {
    const found = 'formatVersion' in json ? JSON.stringify(json.formatVersion) : 'none';
    throw new ModelFormatError(
      `model format version ${found} is not supported: this build reads version ${MODEL_FORMAT_VERSION}; ` +
        'retrain the model with `murojaat nlp train`',
    );
  }
  if (!isModelJson(json))
    throw new ModelFormatError('model file is damaged: a required field is missing or malformed');
  return json;
}

function isModelJson(value: object): value is ModelJson {
  const v: Partial<Record<keyof ModelJson, unknown>> = value;
  const weights = v.weights;
  const options = v.options;
  return (
    Array.isArray(v.labels) &&
    v.labels.every((label) => typeof label === 'string') &&
    typeof v.bias === 'string' &&
    typeof v.temperature === 'number' &&
    typeof weights === 'object' &&
    weights !== null &&
    'rows' in weights &&
    typeof weights.rows === 'number' &&
    'bits' in weights &&
    (weights.bits === 8 || weights.bits === 4) &&
    'buckets' in weights &&
    typeof weights.buckets === 'string' &&
    'scales' in weights &&
    typeof weights.scales === 'string' &&
    'values' in weights &&
    typeof weights.values === 'string' &&
    'idf' in weights &&
    (weights.idf === null || typeof weights.idf === 'string') &&
    typeof options === 'object' &&
    options !== null &&
    'features' in options &&
    typeof options.features === 'object' &&
    options.features !== null &&
    'buckets' in options.features &&
    typeof options.features.buckets === 'number'
  );
}

/** The number of passes `epochs` stands for with `n` training examples. */
export function resolveEpochs(epochs: number | 'auto', n: number, loss?: TrainOptions['loss']): number {
  if (epochs !== 'auto') return epochs;
  // Dual coordinate descent stops early once converged; at most 20 passes, fewer for large sets
  // (500k example visits, at least 5) so that 100k appeals still train in about a minute.
  if (loss === 'squared-hinge') return Math.min(20, Math.max(5, Math.ceil(500_000 / Math.max(1, n))));
  return Math.min(12, Math.max(3, Math.ceil(300_000 / Math.max(1, n))));
}

/**
 * The row limit `maxFeatures` stands for: with 4-bit weights, the rows that fit in 1,000,000 bytes
 * of model file (per row, base64 of a bucket varint of about 3 bytes, a float32 scale, an idf byte
 * and half a byte per label).
 */
export function resolveMaxFeatures(settings: TrainOptions, classes: number): number {
  const limit = settings.maxFeatures ?? 'auto';
  if (limit !== 'auto') return limit;
  if (settings.weightBits !== 4) return Number.POSITIVE_INFINITY;
  return Math.floor(1_000_000 / ((4 / 3) * (3 + 4 + 1 + classes / 2)));
}

/** Idf values from their stored bytes (steps of 1/16 above 1). */
export function dequantiseIdf(bytes: Uint8Array): Float32Array {
  return Float32Array.from(bytes, (byte) => 1 + byte / 16);
}

/** `count` float32 values from base64, refusing a wrong length as a damaged file. */
export function decodeFloats(base64: string, count: number, what: string): Float32Array {
  const bytes = decodeBase64(base64);
  if (bytes.length !== count * 4)
    throw new ModelFormatError(`model file is damaged: ${what} has the wrong length`);
  return new Float32Array(bytes.buffer, bytes.byteOffset, count);
}

/**
 * Weights are stored per vocabulary row and quantised: the row's bucket (delta-encoded varints),
 * one float32 scale per row, one int8 per row and label, and one idf byte per row. A 32-label
 * model trained on 100k texts stays a few megabytes and loads in well under a second.
 */
export function serialise(input: {
  settings: TrainOptions;
  labels: string[];
  vocabulary: { buckets: number[]; idfBytes: Uint8Array | null };
  weights: Float32Array;
  bias: Float32Array;
  trainingExamples: number;
}): ModelJson {
  const { settings, labels, vocabulary, weights, bias } = input;
  const classes = labels.length;
  const rows = vocabulary.buckets.length;
  const bits = settings.weightBits;
  const levels = bits === 8 ? 127 : 7;
  const scales = new Float32Array(rows);
  const quantised = new Int8Array(rows * classes);
  for (let row = 0; row < rows; row++) {
    let max = 0;
    for (let k = 0; k < classes; k++) max = Math.max(max, Math.abs(weights[row * classes + k] ?? 0));
    const scale = max > 0 ? max / levels : 0;
    scales[row] = scale;
    if (scale === 0) continue;
    for (let k = 0; k < classes; k++)
      quantised[row * classes + k] = Math.round((weights[row * classes + k] ?? 0) / scale);
  }
  const values = bits === 8 ? new Uint8Array(quantised.buffer) : packNibbles(quantised);
  const { createdAt, ...rest } = settings;
  // The model records how many passes were actually made, not 'auto'.
  const options = { ...rest, epochs: resolveEpochs(rest.epochs, input.trainingExamples, rest.loss) };
  return {
    kind: MODEL_KIND,
    formatVersion: MODEL_FORMAT_VERSION,
    createdAt: createdAt ?? null,
    labels,
    options,
    trainingExamples: input.trainingExamples,
    temperature: 1,
    bias: encodeBase64(new Uint8Array(bias.buffer, bias.byteOffset, bias.byteLength)),
    weights: {
      rows,
      bits,
      buckets: encodeBase64(encodeVarintDeltas(vocabulary.buckets)),
      scales: encodeBase64(new Uint8Array(scales.buffer)),
      values: encodeBase64(values),
      idf: vocabulary.idfBytes === null ? null : encodeBase64(vocabulary.idfBytes),
    },
    evaluation: null,
  };
}

/** The stored weights as dense rows, with the row of each bucket (−1 for none) and each row's idf. */
export function decodeWeights(
  stored: ModelJson['weights'],
  classes: number,
  buckets: number,
): { rowOf: Int32Array; weights: Float32Array; idf: Float32Array } {
  const kept = decodeVarintDeltas(decodeBase64(stored.buckets), stored.rows);
  const scales = decodeFloats(stored.scales, stored.rows, 'the weight scales');
  const valueBytes = decodeBase64(stored.values);
  const idfBytes = stored.idf === null ? null : decodeBase64(stored.idf);
  const count = stored.rows * classes;
  if (
    kept.length !== stored.rows ||
    valueBytes.length !== (stored.bits === 8 ? count : Math.ceil(count / 2)) ||
    (idfBytes !== null && idfBytes.length !== stored.rows)
  ) {
    throw new ModelFormatError('model file is damaged: weight arrays do not match their declared size');
  }
  const values =
    stored.bits === 8
      ? new Int8Array(valueBytes.buffer, valueBytes.byteOffset, count)
      : unpackNibbles(valueBytes, count);
  const rowOf = new Int32Array(buckets).fill(-1);
  const weights = new Float32Array(stored.rows * classes);
  kept.forEach((bucket, row) => {
    if (bucket >= buckets) throw new ModelFormatError('model file is damaged: bucket index out of range');
    rowOf[bucket] = row;
    const scale = scales[row] ?? 0;
    for (let k = 0; k < classes; k++) weights[row * classes + k] = (values[row * classes + k] ?? 0) * scale;
  });
  const idf = idfBytes === null ? new Float32Array(stored.rows).fill(1) : dequantiseIdf(idfBytes);
  return { rowOf, weights, idf };
}

/** Signed 4-bit values (−7..7), two to a byte, low nibble first. */
function packNibbles(values: Int8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(values.length / 2));
  for (let i = 0; i < values.length; i++) {
    const nibble = (values[i] ?? 0) & 0x0f;
    out[i >> 1] = (out[i >> 1] ?? 0) | (i % 2 === 0 ? nibble : nibble << 4);
  }
  return out;
}

function unpackNibbles(bytes: Uint8Array, count: number): Int8Array {
  const out = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const nibble = ((bytes[i >> 1] ?? 0) >> (i % 2 === 0 ? 0 : 4)) & 0x0f;
    out[i] = nibble >= 8 ? nibble - 16 : nibble;
  }
  return out;
}

function encodeVarintDeltas(sorted: number[]): Uint8Array {
  const bytes: number[] = [];
  let previous = 0;
  for (const value of sorted) {
    let delta = value - previous;
    previous = value;
    while (delta >= 0x80) {
      bytes.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    bytes.push(delta);
  }
  return Uint8Array.from(bytes);
}

function decodeVarintDeltas(bytes: Uint8Array, count: number): number[] {
  const out: number[] = [];
  let previous = 0;
  let i = 0;
  while (out.length < count && i < bytes.length) {
    let delta = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[i++] ?? 0;
      delta |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80 && i < bytes.length);
    previous += delta;
    out.push(previous);
  }
  return out;
}
