import { exponentiateInPlace } from './classifier-inference.ts';

/**
 * Multinomial (softmax) logistic regression over packed sparse features, trained full-batch to
 * convergence with L-BFGS (Nocedal 1980; Nocedal & Wright, Numerical Optimization, algorithm 7.4
 * and 7.5). The objective is scikit-learn's LogisticRegression(multi_class='multinomial') one:
 *
 *   f(W, b) = Σ_i s_i · (log Σ_k exp(z_ik) − z_i,y_i) + ‖W‖² / (2·C),   z_i = x_i W + b
 *
 * with s_i the class weight of example i (balanced: n / (classes × n_label)) and the bias not
 * penalised; its gradient tolerance means what scikit-learn 1.2's `tol` does with lbfgs. Written
 * for this project.
 */

/** Examples as compressed rows: example i's features are indices/values[offsets[i]..offsets[i+1]). */
export interface SparseRows {
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  labels: Int32Array;
}

export interface LbfgsOptions {
  /** Pairs (s, y) kept for the inverse-Hessian estimate. */
  memory: number;
  maxIterations: number;
  /** Stop once no gradient component exceeds this (scipy's gtol, scikit-learn's tol). */
  gradientTolerance: number;
  /**
   * Also stop once an iteration lowers f by no more than this, relative to max(|f|, 1) (scipy's
   * ftol, whose default 2.2e-9 scikit-learn 1.2 keeps); absent: only at machine precision.
   */
  valueTolerance?: number;
}

export interface LbfgsResult {
  value: number;
  iterations: number;
  evaluations: number;
  /** Largest absolute gradient component at the returned point. */
  gradientMax: number;
  /** The gradient tolerance was met (not the iteration limit, nor the value tolerance). */
  converged: boolean;
}

/**
 * Minimises a smooth convex function in place from `x`. `evaluate(x, gradient)` returns f(x) and
 * writes ∇f(x) into `gradient`. The step satisfies Armijo's condition by backtracking from 1
 * (from 1/‖g‖ on the first iteration); for a convex function every pair then has sᵀy ≥ 0, and
 * pairs with too little curvature are not stored.
 */
export function lbfgs(
  x: Float64Array,
  evaluate: (x: Float64Array, gradient: Float64Array) => number,
  options: LbfgsOptions,
): LbfgsResult {
  const n = x.length;
  const m = Math.max(1, options.memory);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(m);
  const gradient = new Float64Array(n);
  const direction = new Float64Array(n);
  const trial = new Float64Array(n);
  const trialGradient = new Float64Array(n);
  let value = evaluate(x, gradient);
  let evaluations = 1;
  let iterations = 0;
  let gradientMax = maxAbs(gradient);
  while (gradientMax > options.gradientTolerance && iterations < options.maxIterations) {
    // Two-loop recursion: direction = −H·g.
    for (let i = 0; i < n; i++) direction[i] = -(gradient[i] ?? 0);
    for (let j = s.length - 1; j >= 0; j--) {
      const a = (rho[j] ?? 0) * dot(s[j] as Float64Array, direction);
      alpha[j] = a;
      axpy(-a, y[j] as Float64Array, direction);
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const yy = dot(y[last] as Float64Array, y[last] as Float64Array);
      const gamma = 1 / ((rho[last] ?? 1) * yy);
      for (let i = 0; i < n; i++) direction[i] = (direction[i] ?? 0) * gamma;
    }
    for (let j = 0; j < s.length; j++) {
      const b = (rho[j] ?? 0) * dot(y[j] as Float64Array, direction);
      axpy((alpha[j] ?? 0) - b, s[j] as Float64Array, direction);
    }
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // Not a descent direction (rounding): restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -(gradient[i] ?? 0);
      slope = dot(gradient, direction);
    }
    let step = s.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let trialValue = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let search = 0; search < 40; search++) {
      for (let i = 0; i < n; i++) trial[i] = (x[i] ?? 0) + step * (direction[i] ?? 0);
      trialValue = evaluate(trial, trialGradient);
      evaluations++;
      if (trialValue <= value + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    // The new pair, reusing the oldest arrays once the memory is full.
    const sNew = s.length === m ? (s.shift() as Float64Array) : new Float64Array(n);
    const yNew = y.length === m ? (y.shift() as Float64Array) : new Float64Array(n);
    if (rho.length === m) rho.shift();
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const si = (trial[i] ?? 0) - (x[i] ?? 0);
      const yi = (trialGradient[i] ?? 0) - (gradient[i] ?? 0);
      sNew[i] = si;
      yNew[i] = yi;
      sy += si * yi;
    }
    const decrease = value - trialValue;
    x.set(trial);
    gradient.set(trialGradient);
    value = trialValue;
    iterations++;
    gradientMax = maxAbs(gradient);
    if (sy > 1e-10 * dot(yNew, yNew)) {
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
    }
    if (decrease <= Math.max(options.valueTolerance ?? 0, 1e-15) * Math.max(Math.abs(value), 1)) break;
  }
  return {
    value,
    iterations,
    evaluations,
    gradientMax,
    converged: gradientMax <= options.gradientTolerance,
  };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] = (y[i] ?? 0) + a * (x[i] ?? 0);
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] ?? 0));
  return max;
}

export interface MultinomialOptions extends LbfgsOptions {
  /** Inverse regularisation, as scikit-learn's C. */
  c: number;
  /** Per label weight of its examples (balanced: n / (classes × n_label)); absent: all 1. */
  classWeights?: Float64Array;
}

/**
 * The objective above and its gradient at x = [W row-major (rows × classes), b], in one pass over
 * the examples.
 */
export function multinomialObjective(
  data: SparseRows,
  classes: number,
  rows: number,
  c: number,
  classWeights?: Float64Array,
): (x: Float64Array, gradient: Float64Array) => number {
  const n = data.labels.length;
  const exampleWeight = Float64Array.from(data.labels, (label) => classWeights?.[label] ?? 1);
  const penalty = 1 / c;
  const weightCount = rows * classes;
  const z = new Float64Array(classes);
  return (x, gradient) => {
    gradient.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const start = data.offsets[i] ?? 0;
      const end = data.offsets[i + 1] ?? 0;
      const label = data.labels[i] ?? 0;
      for (let k = 0; k < classes; k++) z[k] = x[weightCount + k] ?? 0;
      for (let j = start; j < end; j++) {
        const base = (data.indices[j] ?? 0) * classes;
        const value = data.values[j] ?? 0;
        for (let k = 0; k < classes; k++) z[k] = (z[k] ?? 0) + value * (x[base + k] ?? 0);
      }
      const sum = exponentiateInPlace(z);
      const w = exampleWeight[i] ?? 1;
      const correct = z[label] ?? 0;
      loss += w * (Math.log(sum) - Math.log(Math.max(correct, Number.MIN_VALUE)));
      // z becomes the residual: weight × (p − one-hot).
      for (let k = 0; k < classes; k++) z[k] = (w * (z[k] ?? 0)) / sum - (k === label ? w : 0);
      for (let k = 0; k < classes; k++)
        gradient[weightCount + k] = (gradient[weightCount + k] ?? 0) + (z[k] ?? 0);
      for (let j = start; j < end; j++) {
        const base = (data.indices[j] ?? 0) * classes;
        const value = data.values[j] ?? 0;
        for (let k = 0; k < classes; k++)
          gradient[base + k] = (gradient[base + k] ?? 0) + value * (z[k] ?? 0);
      }
    }
    let squared = 0;
    for (let j = 0; j < weightCount; j++) {
      const v = x[j] ?? 0;
      squared += v * v;
      gradient[j] = (gradient[j] ?? 0) + penalty * v;
    }
    return loss + 0.5 * penalty * squared;
  };
}

/** Fits the multinomial model by L-BFGS from zero; weights row-major (rows × classes) and bias. */
export function fitMultinomial(
  data: SparseRows,
  classes: number,
  rows: number,
  options: MultinomialOptions,
): { weights: Float32Array; bias: Float32Array; result: LbfgsResult } {
  const x = new Float64Array(rows * classes + classes);
  const objective = multinomialObjective(data, classes, rows, options.c, options.classWeights);
  const result = lbfgs(x, objective, options);
  return {
    weights: Float32Array.from(x.subarray(0, rows * classes)),
    bias: Float32Array.from(x.subarray(rows * classes)),
    result,
  };
}
