/**
 * A multi-class linear text classifier for any label set (categories, executing units, urgency).
 *
 * Multinomial logistic regression over hashed features (see features.ts), trained with row-wise
 * Adagrad and L2, balanced class weights, and temperature scaling fitted on a held-out slice so
 * that `confidence` means what it says. The model is a plain JSON object with compact weights.
 */

import { decodeBase64, encodeBase64 } from './base64.ts';
import {
  DEFAULT_FEATURE_OPTIONS,
  type FeatureOptions,
  featurize,
  type SparseVector,
  tracePieces,
} from './features.ts';
import { type Evaluation, evaluatePredictions } from './metrics.ts';
import { mulberry32, shuffleInPlace } from './random.ts';

export type { Evaluation, LabelMetrics } from './metrics.ts';

/** The model file format this build reads and writes. */
export const MODEL_FORMAT_VERSION = 1;
const MODEL_KIND = 'murojaat-text-classifier';

export interface LabelledText {
  text: string;
  label: string;
  /**
   * Examples sharing a group (the same applicant, or variants of one written sentence) are held
   * out together, so the held-out slice measures unseen text rather than near-copies.
   */
  group?: string;
}

export interface TrainOptions {
  features: FeatureOptions;
  /** Passes over the data; 'auto' gives small sets 12 and large ones fewer (about 300k updates, at least 3). */
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
  /** Stored precision of the weights: 8 bits, or 4 for a model half the size (e.g. one kept in git). */
  weightBits: 8 | 4;
  /** Share of examples (stratified) kept out of training for calibration and evaluation. */
  holdout: number;
  seed: number;
  /** Copied into the model as-is; the caller supplies it so that training stays deterministic. */
  createdAt?: string;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  epochs: 'auto',
  learningRate: 0.4,
  l2: 1e-5,
  classWeight: 'balanced',
  idf: true,
  minDocumentFrequency: 1,
  weightBits: 8,
  holdout: 0.1,
  seed: 1,
};

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

export interface Prediction {
  label: string;
  confidence: number;
  top: { label: string; confidence: number }[];
  explanation: string[];
}

/** Thrown for a model file this build cannot read; the message says why and what to do. */
export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
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
  }

  /** The text's feature vector as the model was trained on it, indexed by weight row. */
  vectorize(text: string): SparseVector {
    return toRows(featurize(text, this.features), this.rowOf, this.idf);
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
  return new TextClassifier(json);
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

/** Predicts with a loaded model (the functional form of `model.predict`). */
export function predict(model: TextClassifier, text: string): Prediction {
  return model.predict(text);
}

/** Accuracy, macro-F1 and per-label precision/recall/F1 of a model on labelled texts. */
export function evaluate(model: TextClassifier, examples: readonly LabelledText[]): Evaluation {
  const predicted = examples.map((example) => {
    const p = model.probabilities(example.text);
    let best = 0;
    for (let k = 1; k < p.length; k++) if ((p[k] ?? 0) > (p[best] ?? 0)) best = k;
    return model.labels[best] ?? '';
  });
  return evaluatePredictions(
    examples.map((example) => example.label),
    predicted,
  );
}

function softmax(logits: Float64Array, temperature: number): Float64Array {
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

/** Examples featurised once and packed into flat arrays, so epochs allocate nothing. */
interface PackedSet {
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  labels: Int32Array;
}

function pack(vectors: SparseVector[], labels: number[]): PackedSet {
  const offsets = new Int32Array(vectors.length + 1);
  let total = 0;
  vectors.forEach((vector, i) => {
    total += vector.indices.length;
    offsets[i + 1] = total;
  });
  const indices = new Int32Array(total);
  const values = new Float32Array(total);
  vectors.forEach((vector, i) => {
    indices.set(vector.indices, offsets[i]);
    values.set(vector.values, offsets[i]);
  });
  return { offsets, indices, values, labels: Int32Array.from(labels) };
}

/**
 * Stratified, grouped split: for each label, `share` of its groups (at least one if it has 5+)
 * is held out with all their examples. Without groups every example is its own group.
 */
function stratifiedSplit(
  labels: number[],
  groups: (string | undefined)[],
  share: number,
  random: () => number,
): { train: number[]; held: number[] } {
  const byLabel = new Map<number, Map<string, number[]>>();
  labels.forEach((label, i) => {
    const units = byLabel.get(label) ?? new Map<string, number[]>();
    byLabel.set(label, units);
    const key = groups[i] ?? `#${i}`;
    const members = units.get(key) ?? [];
    members.push(i);
    units.set(key, members);
  });
  const train: number[] = [];
  const held: number[] = [];
  for (const units of byLabel.values()) {
    const list = shuffleInPlace([...units.values()], random);
    const take = list.length >= 5 ? Math.max(1, Math.round(list.length * share)) : 0;
    for (let i = 0; i < list.length; i++) (i < take ? held : train).push(...(list[i] ?? []));
  }
  return { train, held };
}

/** Trains a model on labelled texts. Throws on fewer than two labels. */
export function train(examples: readonly LabelledText[], options: Partial<TrainOptions> = {}): ModelJson {
  const settings: TrainOptions = {
    ...DEFAULT_TRAIN_OPTIONS,
    ...options,
    features: { ...DEFAULT_FEATURE_OPTIONS, ...options.features },
  };
  const { buckets } = settings.features;
  if (!Number.isInteger(Math.log2(buckets)))
    throw new RangeError(`buckets must be a power of two, got ${buckets}`);
  const labels = [...new Set(examples.map((example) => example.label))].sort();
  if (labels.length < 2) throw new RangeError(`training needs at least two labels, got ${labels.length}`);
  const labelIndex = new Map(labels.map((label, i) => [label, i]));
  const y = examples.map((example) => labelIndex.get(example.label) ?? 0);
  const random = mulberry32(settings.seed);
  const split =
    settings.holdout > 0 && examples.length >= 20
      ? stratifiedSplit(
          y,
          examples.map((example) => example.group),
          settings.holdout,
          random,
        )
      : { train: y.map((_, i) => i), held: [] };

  const raw = examples.map((example) => featurize(example.text, settings.features));
  const vocabulary = buildVocabulary(raw, split.train, buckets, settings);
  const vectors = raw.map((vector) => toRows(vector, vocabulary.rowOf, vocabulary.idf));
  const trainSet = pack(
    split.train.map((i) => vectors[i] ?? emptyVector()),
    split.train.map((i) => y[i] ?? 0),
  );
  const classes = labels.length;
  const { weights, bias } = fitWeights(trainSet, classes, vocabulary.buckets.length, settings, random);

  const model = serialise({
    settings,
    labels,
    vocabulary,
    weights,
    bias,
    trainingExamples: split.train.length,
  });
  if (split.held.length === 0) return model;

  const classifier = new TextClassifier(model);
  const heldLogits = split.held.map((i) => classifier.logits(vectors[i] ?? emptyVector()));
  const heldLabels = split.held.map((i) => y[i] ?? 0);
  const temperature = fitTemperature(heldLogits, heldLabels);
  const predicted = heldLogits.map((logits) => labels[argmax(logits)] ?? '');
  const evaluation = evaluatePredictions(
    heldLabels.map((k) => labels[k] ?? ''),
    predicted,
  );
  return { ...model, temperature, evaluation };
}

interface Vocabulary {
  /** The buckets that get a weight row, ascending; row r is buckets[r]. */
  buckets: number[];
  rowOf: Int32Array;
  /** Per row: the idf as stored (dequantised), or all ones without idf. */
  idf: Float32Array;
  idfBytes: Uint8Array | null;
}

/**
 * The buckets seen in at least `minDocumentFrequency` training examples, with their smoothed idf
 * (log((1+n)/(1+df)) + 1, as scikit-learn) quantised to a byte in steps of 1/16.
 */
function buildVocabulary(
  vectors: SparseVector[],
  rows: number[],
  buckets: number,
  settings: TrainOptions,
): Vocabulary {
  const df = new Uint32Array(buckets);
  for (const i of rows) for (const bucket of vectors[i]?.indices ?? []) df[bucket] = (df[bucket] ?? 0) + 1;
  const kept: number[] = [];
  for (let bucket = 0; bucket < buckets; bucket++) {
    if ((df[bucket] ?? 0) >= Math.max(1, settings.minDocumentFrequency)) kept.push(bucket);
  }
  const rowOf = new Int32Array(buckets).fill(-1);
  kept.forEach((bucket, row) => {
    rowOf[bucket] = row;
  });
  if (!settings.idf)
    return { buckets: kept, rowOf, idf: new Float32Array(kept.length).fill(1), idfBytes: null };
  const n = rows.length;
  const idfBytes = Uint8Array.from(kept, (bucket) => {
    const idf = Math.log((1 + n) / (1 + (df[bucket] ?? 0))) + 1;
    return Math.min(255, Math.max(0, Math.round((idf - 1) * 16)));
  });
  return { buckets: kept, rowOf, idf: dequantiseIdf(idfBytes), idfBytes };
}

function dequantiseIdf(bytes: Uint8Array): Float32Array {
  return Float32Array.from(bytes, (byte) => 1 + byte / 16);
}

/**
 * Maps a bucket-indexed vector to weight rows: features outside the vocabulary are dropped (as a
 * TF-IDF vectoriser ignores unknown words), the rest scaled by idf and L2-normalised again.
 */
function toRows(vector: SparseVector, rowOf: Int32Array, idf: Float32Array): SparseVector {
  const rows = new Int32Array(vector.indices.length);
  const values = new Float32Array(vector.indices.length);
  let kept = 0;
  let norm = 0;
  for (let j = 0; j < vector.indices.length; j++) {
    const row = rowOf[vector.indices[j] ?? 0] ?? -1;
    if (row < 0) continue;
    const value = (vector.values[j] ?? 0) * (idf[row] ?? 1);
    rows[kept] = row;
    values[kept] = value;
    norm += value * value;
    kept++;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < kept; j++) values[j] = (values[j] ?? 0) * scale;
  return { indices: rows.subarray(0, kept), values: values.subarray(0, kept) };
}

function decodeFloats(base64: string, count: number, what: string): Float32Array {
  const bytes = decodeBase64(base64);
  if (bytes.length !== count * 4)
    throw new ModelFormatError(`model file is damaged: ${what} has the wrong length`);
  return new Float32Array(bytes.buffer, bytes.byteOffset, count);
}

function emptyVector(): SparseVector {
  return { indices: new Int32Array(0), values: new Float32Array(0) };
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if ((values[k] ?? 0) > (values[best] ?? 0)) best = k;
  return best;
}

/** Row-wise Adagrad on the softmax cross-entropy; classes with negligible gradient are skipped. */
function fitWeights(
  data: PackedSet,
  classes: number,
  rows: number,
  settings: TrainOptions,
  random: () => number,
): { weights: Float32Array; bias: Float32Array } {
  const weights = new Float32Array(rows * classes);
  const accumulated = new Float32Array(rows).fill(1e-6);
  const bias = new Float32Array(classes);
  const biasAccumulated = new Float64Array(classes).fill(1e-6);
  const n = data.labels.length;
  const classCounts = new Float64Array(classes);
  for (const label of data.labels) classCounts[label] = (classCounts[label] ?? 0) + 1;
  const classWeights = Float64Array.from(classCounts, (count) =>
    settings.classWeight === 'balanced' && count > 0 ? n / (classes * count) : 1,
  );
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const logits = new Float64Array(classes);
  const gradient = new Float64Array(classes);
  const active = new Int32Array(classes);
  const { learningRate, l2 } = settings;

  const epochs = resolveEpochs(settings.epochs, n);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    for (let o = 0; o < n; o++) {
      const i = order[o] ?? 0;
      const start = data.offsets[i] ?? 0;
      const end = data.offsets[i + 1] ?? 0;
      const label = data.labels[i] ?? 0;
      for (let k = 0; k < classes; k++) logits[k] = bias[k] ?? 0;
      for (let j = start; j < end; j++) {
        const base = (data.indices[j] ?? 0) * classes;
        const value = data.values[j] ?? 0;
        for (let k = 0; k < classes; k++) logits[k] = (logits[k] ?? 0) + value * (weights[base + k] ?? 0);
      }
      let max = -Infinity;
      for (let k = 0; k < classes; k++) max = Math.max(max, logits[k] ?? 0);
      let sum = 0;
      for (let k = 0; k < classes; k++) {
        const e = Math.exp((logits[k] ?? 0) - max);
        logits[k] = e;
        sum += e;
      }
      const weight = classWeights[label] ?? 1;
      let activeCount = 0;
      let gradientNorm = 0;
      for (let k = 0; k < classes; k++) {
        const g = weight * ((logits[k] ?? 0) / sum - (k === label ? 1 : 0));
        if (Math.abs(g) < 1e-4) continue;
        gradient[k] = g;
        active[activeCount++] = k;
        gradientNorm += g * g;
        biasAccumulated[k] = (biasAccumulated[k] ?? 0) + g * g;
        bias[k] = (bias[k] ?? 0) - (learningRate * g) / Math.sqrt(biasAccumulated[k] ?? 1);
      }
      if (activeCount === 0) continue;
      for (let j = start; j < end; j++) {
        const row = data.indices[j] ?? 0;
        const base = row * classes;
        const value = data.values[j] ?? 0;
        accumulated[row] = (accumulated[row] ?? 0) + (value * value * gradientNorm) / activeCount;
        const step = learningRate / Math.sqrt(accumulated[row] ?? 1);
        for (let a = 0; a < activeCount; a++) {
          const k = active[a] ?? 0;
          const w = weights[base + k] ?? 0;
          weights[base + k] = w - step * ((gradient[k] ?? 0) * value + l2 * w);
        }
      }
    }
  }
  return { weights, bias };
}

/** The number of passes `epochs` stands for with `n` training examples. */
export function resolveEpochs(epochs: number | 'auto', n: number): number {
  if (epochs !== 'auto') return epochs;
  return Math.min(12, Math.max(3, Math.ceil(300_000 / Math.max(1, n))));
}

/** The temperature that minimises the negative log-likelihood of held-out labels (golden section on log T). */
function fitTemperature(logits: Float64Array[], labels: number[]): number {
  const nll = (logT: number) => {
    const t = Math.exp(logT);
    let total = 0;
    logits.forEach((row, i) => {
      const p = softmax(row, t)[labels[i] ?? 0] ?? 0;
      total -= Math.log(Math.max(p, 1e-12));
    });
    return total;
  };
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  for (let step = 0; step < 40; step++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = nll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = nll(b);
    }
  }
  return Number(Math.exp((lo + hi) / 2).toFixed(4));
}

/**
 * Weights are stored per vocabulary row and quantised: the row's bucket (delta-encoded varints),
 * one float32 scale per row, one int8 per row and label, and one idf byte per row. A 32-label
 * model trained on 100k texts stays a few megabytes and loads in well under a second.
 */
function serialise(input: {
  settings: TrainOptions;
  labels: string[];
  vocabulary: Vocabulary;
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
  const options = { ...rest, epochs: resolveEpochs(rest.epochs, input.trainingExamples) };
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

function decodeWeights(
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
