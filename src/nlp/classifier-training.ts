/**
 * Training the text classifier for any label set (categories, executing units, urgency).
 *
 * One-vs-rest linear SVMs over hashed features (see features.ts) with a share of one-vs-rest
 * logistic regressions added to their weights (or the earlier softmax model), balanced class
 * weights, and temperature scaling fitted on cross-validated scores so that `confidence` means
 * what it says. The result is the model file (classifier-codec.ts).
 */

import {
  dequantiseIdf,
  type ModelJson,
  resolveEpochs,
  resolveMaxFeatures,
  serialise,
  type TrainOptions,
} from './classifier-codec.ts';
import {
  exponentiateInPlace,
  firstRowFrom,
  softmax,
  TextClassifier,
  toRows,
} from './classifier-inference.ts';
import { charBlockStart, DEFAULT_FEATURE_OPTIONS, featurize, type SparseVector } from './features.ts';
import { type Evaluation, evaluatePredictions } from './metrics.ts';
import { fitMultinomial, type SparseRows } from './multinomial.ts';
import { mulberry32, shuffleInPlace } from './random.ts';

export interface LabelledText {
  text: string;
  label: string;
  /**
   * Examples sharing a group (the same applicant, or variants of one written sentence) are held
   * out together, so the held-out slice measures unseen text rather than near-copies.
   */
  group?: string;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  epochs: 'auto',
  learningRate: 0.4,
  l2: 1e-5,
  classWeight: 'balanced',
  idf: true,
  minDocumentFrequency: 1,
  maxFeatures: 'auto',
  weightBits: 8,
  loss: 'squared-hinge',
  logisticShare: 0.1,
  average: true,
  holdout: 0.1,
  refit: true,
  calibrationFolds: 'auto',
  seed: 1,
};

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

/** Examples featurised once and packed into flat arrays, so epochs allocate nothing. */
type PackedSet = SparseRows;

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
  const classes = labels.length;
  const fitOn = (rows: number[]) => {
    const vocabulary = buildVocabulary(raw, rows, buckets, settings, resolveMaxFeatures(settings, classes));
    const charRow = firstRowFrom(vocabulary.rowOf, charBlockStart(settings.features));
    const vectors = raw.map((vector) => toRows(vector, vocabulary.rowOf, vocabulary.idf, charRow));
    const trainSet = pack(
      rows.map((i) => vectors[i] ?? emptyVector()),
      rows.map((i) => y[i] ?? 0),
    );
    if (settings.loss === 'multinomial') {
      const { weights, bias } = fitSoftmaxLbfgs(trainSet, classes, vocabulary.buckets.length, settings);
      const model = serialise({ settings, labels, vocabulary, weights, bias, trainingExamples: rows.length });
      return { model, vectors };
    }
    // Each fit draws its own order from the seed, so the refit does not depend on the first fit.
    const solve = settings.loss === 'squared-hinge' ? fitSvm : fitWeights;
    const { weights, bias } = solve(
      trainSet,
      classes,
      vocabulary.buckets.length,
      settings,
      mulberry32(settings.seed + rows.length),
    );
    const multinomialShare = settings.loss === 'squared-hinge' ? (settings.multinomialShare ?? 0) : 0;
    if (multinomialShare > 0) {
      const multinomial = fitSoftmaxLbfgs(trainSet, classes, vocabulary.buckets.length, settings);
      for (let j = 0; j < weights.length; j++)
        weights[j] = (weights[j] ?? 0) + multinomialShare * (multinomial.weights[j] ?? 0);
      for (let k = 0; k < classes; k++)
        bias[k] = (bias[k] ?? 0) + multinomialShare * (multinomial.bias[k] ?? 0);
    }
    const share = settings.loss === 'squared-hinge' ? (settings.logisticShare ?? 0) : 0;
    if (share > 0) {
      // A second view of the same features, added as weights: still one linear model.
      const logistic = fitLogistic(
        trainSet,
        classes,
        vocabulary.buckets.length,
        settings,
        mulberry32(settings.seed + rows.length),
      );
      for (let j = 0; j < weights.length; j++)
        weights[j] = (weights[j] ?? 0) + share * (logistic.weights[j] ?? 0);
      for (let k = 0; k < classes; k++) bias[k] = (bias[k] ?? 0) + share * (logistic.bias[k] ?? 0);
    }
    const model = serialise({ settings, labels, vocabulary, weights, bias, trainingExamples: rows.length });
    return { model, vectors };
  };
  if (settings.refit === true && split.held.length > 0) {
    // Cross-validated scores: the temperature is fitted on scores of examples no model saw, then
    // the model is trained on everything and stored with it. A single slice gave too few wrong
    // answers to weigh, and the refit model then claimed 0.9997 where it was wrong.
    const folds = groupedFolds(
      y,
      examples.map((example) => example.group),
      calibrationFoldCount(settings),
      random,
    );
    const heldLogits: Float64Array[] = [];
    const heldLabels: number[] = [];
    for (const fold of folds) {
      if (fold.length === 0) continue;
      const inFold = new Set(fold);
      const fitted = fitOn(y.map((_, i) => i).filter((i) => !inFold.has(i)));
      const classifier = new TextClassifier(fitted.model);
      for (const i of fold) {
        heldLogits.push(classifier.logits(fitted.vectors[i] ?? emptyVector()));
        heldLabels.push(y[i] ?? 0);
      }
    }
    const { temperature, evaluation } = calibrate(heldLogits, heldLabels, labels);
    const model = fitOn(y.map((_, i) => i)).model;
    return { ...model, temperature, evaluation };
  }
  const first = fitOn(split.train);
  if (split.held.length === 0) return first.model;
  const classifier = new TextClassifier(first.model);
  const { temperature, evaluation } = calibrate(
    split.held.map((i) => classifier.logits(first.vectors[i] ?? emptyVector())),
    split.held.map((i) => y[i] ?? 0),
    labels,
  );
  return { ...first.model, temperature, evaluation };
}

function calibrate(
  heldLogits: Float64Array[],
  heldLabels: number[],
  labels: string[],
): { temperature: number; evaluation: Evaluation } {
  const temperature = fitTemperature(heldLogits, heldLabels);
  const predicted = heldLogits.map((logits) => labels[argmax(logits)] ?? '');
  const evaluation = evaluatePredictions(
    heldLabels.map((k) => labels[k] ?? ''),
    predicted,
  );
  return { temperature, evaluation };
}

function calibrationFoldCount(settings: TrainOptions): number {
  const folds = settings.calibrationFolds ?? 'auto';
  if (folds !== 'auto') return Math.max(2, Math.round(folds));
  return Math.min(5, Math.max(2, Math.round(1 / settings.holdout)));
}

/**
 * Grouped, stratified folds: for each label its groups are shuffled and dealt round-robin to the
 * folds (starting where the previous label stopped, so that folds stay even), all of a group's
 * examples in one fold.
 */
function groupedFolds(
  labels: number[],
  groups: (string | undefined)[],
  count: number,
  random: () => number,
): number[][] {
  const byLabel = new Map<number, Map<string, number[]>>();
  labels.forEach((label, i) => {
    const units = byLabel.get(label) ?? new Map<string, number[]>();
    byLabel.set(label, units);
    const key = groups[i] ?? `#${i}`;
    const members = units.get(key) ?? [];
    members.push(i);
    units.set(key, members);
  });
  const folds: number[][] = Array.from({ length: count }, () => []);
  let next = 0;
  for (const label of [...byLabel.keys()].sort((a, b) => a - b)) {
    const units = shuffleInPlace([...(byLabel.get(label)?.values() ?? [])], random);
    for (const members of units) {
      folds[next % count]?.push(...members);
      next++;
    }
  }
  return folds;
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
 * The buckets seen in at least `minDocumentFrequency` training examples (at most `maxFeatures` of
 * them, the most frequent), with their smoothed idf
 * (log((1+n)/(1+df)) + 1, as scikit-learn) quantised to a byte in steps of 1/16.
 */
function buildVocabulary(
  vectors: SparseVector[],
  rows: number[],
  buckets: number,
  settings: TrainOptions,
  maxFeatures: number,
): Vocabulary {
  const df = new Uint32Array(buckets);
  for (const i of rows) for (const bucket of vectors[i]?.indices ?? []) df[bucket] = (df[bucket] ?? 0) + 1;
  let kept: number[] = [];
  for (let bucket = 0; bucket < buckets; bucket++) {
    if ((df[bucket] ?? 0) >= Math.max(1, settings.minDocumentFrequency)) kept.push(bucket);
  }
  if (kept.length > maxFeatures) {
    // The most frequent features, ties by bucket so that the choice is deterministic.
    kept = kept
      .sort((a, b) => (df[b] ?? 0) - (df[a] ?? 0) || a - b)
      .slice(0, maxFeatures)
      .sort((a, b) => a - b);
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

function emptyVector(): SparseVector {
  return { indices: new Int32Array(0), values: new Float32Array(0) };
}

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if ((values[k] ?? 0) > (values[best] ?? 0)) best = k;
  return best;
}

/**
 * Row-wise Adagrad on the softmax cross-entropy or the one-vs-rest squared hinge; only the labels
 * with a non-negligible gradient are updated per example. With `average`, the weights returned are
 * the mean of the iterates from the second pass on (kept lazily: u += t·Δ, mean = w − u/t).
 */
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
  const classWeights = perClass(data.labels, classes, settings, 1);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const logits = new Float64Array(classes);
  const gradient = new Float64Array(classes);
  const active = new Int32Array(classes);
  const { learningRate, l2 } = settings;
  const hinge = settings.loss === 'squared-hinge';
  const epochs = resolveEpochs(settings.epochs, n);
  const averaging = settings.average === true && epochs > 1;
  const sumWeights = averaging ? new Float64Array(rows * classes) : null;
  const sumBias = averaging ? new Float64Array(classes) : null;
  let t = 0;

  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    const averageNow = sumWeights !== null && sumBias !== null && epoch > 0;
    for (let o = 0; o < n; o++) {
      if (averageNow) t++;
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
      const weight = classWeights[label] ?? 1;
      let activeCount = 0;
      let gradientNorm = 0;
      if (hinge) {
        for (let k = 0; k < classes; k++) {
          const sign = k === label ? 1 : -1;
          const slack = 1 - sign * (logits[k] ?? 0);
          if (slack <= 0) continue;
          const g = -2 * sign * slack * weight;
          gradient[k] = g;
          active[activeCount++] = k;
          gradientNorm += g * g;
        }
      } else {
        const sum = exponentiateInPlace(logits);
        for (let k = 0; k < classes; k++) {
          const g = weight * ((logits[k] ?? 0) / sum - (k === label ? 1 : 0));
          if (Math.abs(g) < 1e-4) continue;
          gradient[k] = g;
          active[activeCount++] = k;
          gradientNorm += g * g;
        }
      }
      if (activeCount === 0) continue;
      for (let a = 0; a < activeCount; a++) {
        const k = active[a] ?? 0;
        const g = gradient[k] ?? 0;
        biasAccumulated[k] = (biasAccumulated[k] ?? 0) + g * g;
        const delta = -(learningRate * g) / Math.sqrt(biasAccumulated[k] ?? 1);
        bias[k] = (bias[k] ?? 0) + delta;
        if (averageNow && sumBias !== null) sumBias[k] = (sumBias[k] ?? 0) + t * delta;
      }
      for (let j = start; j < end; j++) {
        const row = data.indices[j] ?? 0;
        const base = row * classes;
        const value = data.values[j] ?? 0;
        accumulated[row] = (accumulated[row] ?? 0) + (value * value * gradientNorm) / activeCount;
        const step = learningRate / Math.sqrt(accumulated[row] ?? 1);
        for (let a = 0; a < activeCount; a++) {
          const k = active[a] ?? 0;
          const w = weights[base + k] ?? 0;
          const delta = -step * ((gradient[k] ?? 0) * value + l2 * w);
          weights[base + k] = w + delta;
          if (averageNow && sumWeights !== null)
            sumWeights[base + k] = (sumWeights[base + k] ?? 0) + t * delta;
        }
      }
    }
  }
  if (sumWeights !== null && sumBias !== null && t > 0) {
    for (let j = 0; j < weights.length; j++) weights[j] = (weights[j] ?? 0) - (sumWeights[j] ?? 0) / t;
    for (let k = 0; k < classes; k++) bias[k] = (bias[k] ?? 0) - (sumBias[k] ?? 0) / t;
  }
  return { weights, bias };
}

/**
 * One-vs-rest linear SVMs with the squared hinge, solved by dual coordinate descent (the method of
 * LIBLINEAR, which scikit-learn's LinearSVC runs): per example and label a closed-form step on its
 * dual variable, the bias as a constant feature. With balanced class weights the positives of each
 * label's problem get C × n / (classes × n_label), the negatives C, as LIBLINEAR does.
 */
function fitSvm(
  data: PackedSet,
  classes: number,
  rows: number,
  settings: TrainOptions,
  random: () => number,
): { weights: Float32Array; bias: Float32Array } {
  const weights = new Float32Array(rows * classes);
  const bias = new Float32Array(classes);
  const n = data.labels.length;
  const c = settings.c ?? 0.5;
  const positiveC = perClass(data.labels, classes, settings, c);
  const negativeDiagonal = 1 / (2 * c);
  const alpha = new Float32Array(n * classes);
  const squaredNorm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 1; // the bias feature
    for (let j = data.offsets[i] ?? 0; j < (data.offsets[i + 1] ?? 0); j++) sum += (data.values[j] ?? 0) ** 2;
    squaredNorm[i] = sum;
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const scores = new Float64Array(classes);
  const deltas = new Float64Array(classes);
  const changed = new Int32Array(classes);
  const epochs = resolveEpochs(settings.epochs, n, settings.loss);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    let largest = 0;
    for (let o = 0; o < n; o++) {
      const i = order[o] ?? 0;
      const start = data.offsets[i] ?? 0;
      const end = data.offsets[i + 1] ?? 0;
      const label = data.labels[i] ?? 0;
      for (let k = 0; k < classes; k++) scores[k] = bias[k] ?? 0;
      for (let j = start; j < end; j++) {
        const base = (data.indices[j] ?? 0) * classes;
        const value = data.values[j] ?? 0;
        for (let k = 0; k < classes; k++) scores[k] = (scores[k] ?? 0) + value * (weights[base + k] ?? 0);
      }
      let changedCount = 0;
      for (let k = 0; k < classes; k++) {
        const y = k === label ? 1 : -1;
        const diagonal = y > 0 ? 1 / (2 * (positiveC[k] ?? c)) : negativeDiagonal;
        const a = alpha[i * classes + k] ?? 0;
        const g = y * (scores[k] ?? 0) - 1 + diagonal * a;
        const projected = a > 0 ? g : Math.min(g, 0);
        if (projected === 0) continue;
        largest = Math.max(largest, Math.abs(projected));
        const next = Math.max(a - g / ((squaredNorm[i] ?? 1) + diagonal), 0);
        if (next === a) continue;
        alpha[i * classes + k] = next;
        const d = (next - a) * y;
        deltas[k] = d;
        changed[changedCount++] = k;
        bias[k] = (bias[k] ?? 0) + d;
      }
      if (changedCount === 0) continue;
      for (let j = start; j < end; j++) {
        const base = (data.indices[j] ?? 0) * classes;
        const value = data.values[j] ?? 0;
        for (let a = 0; a < changedCount; a++) {
          const k = changed[a] ?? 0;
          weights[base + k] = (weights[base + k] ?? 0) + (deltas[k] ?? 0) * value;
        }
      }
    }
    // Converged: no projected gradient left above 0.01.
    if (largest < 0.01) break;
  }
  return { weights, bias };
}

/**
 * The multinomial logistic regression (multinomial.ts) with the settings' C, class weights and
 * stopping rule: full-batch L-BFGS from zero, deterministic.
 */
function fitSoftmaxLbfgs(
  data: PackedSet,
  classes: number,
  rows: number,
  settings: TrainOptions,
): { weights: Float32Array; bias: Float32Array } {
  const classWeights = perClass(data.labels, classes, settings, 1);
  const { weights, bias } = fitMultinomial(data, classes, rows, {
    c: settings.multinomialC ?? 10,
    classWeights,
    memory: 10,
    maxIterations: settings.multinomialIterations ?? 1000,
    gradientTolerance: settings.multinomialTolerance ?? 1e-4,
    // scipy's default ftol (factr 1e7 × machine epsilon), which scikit-learn 1.2's lbfgs keeps.
    valueTolerance: 2.220446049250313e-9,
  });
  return { weights, bias };
}

/**
 * Each label's C (or, with `c` 1, its examples' weight): balanced class weights scale it by
 * n / (labels × n_label), as LIBLINEAR and scikit-learn apply them; otherwise it is `c` for every label.
 */
function perClass(labels: Int32Array, classes: number, settings: TrainOptions, c: number): Float64Array {
  const n = labels.length;
  const classCounts = new Float64Array(classes);
  for (const label of labels) classCounts[label] = (classCounts[label] ?? 0) + 1;
  return Float64Array.from(classCounts, (count) =>
    settings.classWeight === 'balanced' && count > 0 ? (c * n) / (classes * count) : c,
  );
}

/** The logistic regressions' C (inverse regularisation), as the issue-17 baseline's. */
const LOGISTIC_C = 10;

/**
 * One-vs-rest L2-regularised logistic regressions, solved in the dual by coordinate descent with a
 * Newton step per dual variable (Yu, Huang & Lin 2011, the method of LIBLINEAR's dual solver), the
 * bias as a constant feature, balanced class weights as in `fitSvm`.
 */
function fitLogistic(
  data: PackedSet,
  classes: number,
  rows: number,
  settings: TrainOptions,
  random: () => number,
): { weights: Float32Array; bias: Float32Array } {
  const weights = new Float32Array(rows * classes);
  const bias = new Float32Array(classes);
  const n = data.labels.length;
  const c = LOGISTIC_C;
  const positiveC = perClass(data.labels, classes, settings, c);
  const alpha = new Float64Array(n * classes * 2);
  const squaredNorm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 1;
    for (let j = data.offsets[i] ?? 0; j < (data.offsets[i + 1] ?? 0); j++) sum += (data.values[j] ?? 0) ** 2;
    squaredNorm[i] = sum;
    const label = data.labels[i] ?? 0;
    for (let k = 0; k < classes; k++) {
      const upper = k === label ? (positiveC[k] ?? c) : c;
      // Each dual variable and its complement to the bound; the weights they imply (below 1e-8
      // each) are left at zero.
      const a = Math.min(0.001 * upper, 1e-8);
      alpha[(i * classes + k) * 2] = a;
      alpha[(i * classes + k) * 2 + 1] = upper - a;
    }
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const scores = new Float64Array(classes);
  const deltas = new Float64Array(classes);
  const changed = new Int32Array(classes);
  const epochs = resolveEpochs(settings.epochs, n, 'squared-hinge');
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    for (let o = 0; o < n; o++) {
      const i = order[o] ?? 0;
      const start = data.offsets[i] ?? 0;
      const end = data.offsets[i + 1] ?? 0;
      const label = data.labels[i] ?? 0;
      for (let k = 0; k < classes; k++) scores[k] = bias[k] ?? 0;
      for (let j = start; j < end; j++) {
        const base = (data.indices[j] ?? 0) * classes;
        const value = data.values[j] ?? 0;
        for (let k = 0; k < classes; k++) scores[k] = (scores[k] ?? 0) + value * (weights[base + k] ?? 0);
      }
      let changedCount = 0;
      const a = squaredNorm[i] ?? 1;
      for (let k = 0; k < classes; k++) {
        const y = k === label ? 1 : -1;
        const upper = y > 0 ? (positiveC[k] ?? c) : c;
        const b = y * (scores[k] ?? 0);
        // Solve for whichever of the variable and its complement is the smaller at the optimum,
        // which keeps the Newton steps away from the bound.
        let ind1 = (i * classes + k) * 2;
        let ind2 = ind1 + 1;
        let sign = 1;
        if (0.5 * a * ((alpha[ind2] ?? 0) - (alpha[ind1] ?? 0)) + b < 0) {
          ind1 = ind2;
          ind2 = ind1 - 1;
          sign = -1;
        }
        const old = alpha[ind1] ?? 0;
        let z = old;
        if (upper - z < 0.5 * upper) z *= 0.1;
        let gp = a * (z - old) + sign * b + Math.log(z / (upper - z));
        for (let inner = 0; inner < 100 && Math.abs(gp) >= 1e-2; inner++) {
          const gpp = a + upper / (upper - z) / z;
          const next = z - gp / gpp;
          z = next <= 0 ? z * 0.1 : next;
          gp = a * (z - old) + sign * b + Math.log(z / (upper - z));
        }
        alpha[ind1] = z;
        alpha[ind2] = upper - z;
        const d = sign * (z - old) * y;
        if (d === 0) continue;
        deltas[k] = d;
        changed[changedCount++] = k;
        bias[k] = (bias[k] ?? 0) + d;
      }
      for (let j = start; j < end; j++) {
        const base = (data.indices[j] ?? 0) * classes;
        const value = data.values[j] ?? 0;
        for (let q = 0; q < changedCount; q++) {
          const k = changed[q] ?? 0;
          weights[base + k] = (weights[base + k] ?? 0) + (deltas[k] ?? 0) * value;
        }
      }
    }
  }
  return { weights, bias };
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
