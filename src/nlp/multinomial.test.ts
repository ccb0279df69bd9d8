import { describe, expect, it } from 'vitest';
import { loadModel, train } from './index.ts';
import { fitMultinomial, lbfgs, multinomialObjective, type SparseRows } from './multinomial.ts';

/** Rows of (feature index, value) pairs with their labels, packed as the trainer packs them. */
function rowsOf(examples: { features: [number, number][]; label: number }[]): SparseRows {
  const offsets = new Int32Array(examples.length + 1);
  const indices: number[] = [];
  const values: number[] = [];
  examples.forEach((example, i) => {
    for (const [index, value] of example.features) {
      indices.push(index);
      values.push(value);
    }
    offsets[i + 1] = indices.length;
  });
  return {
    offsets,
    indices: Int32Array.from(indices),
    values: Float32Array.from(values),
    labels: Int32Array.from(examples.map((example) => example.label)),
  };
}

/** A small, deterministic three-class problem: feature k marks class k, plus noise features 3..7. */
function synthetic(): SparseRows {
  const examples: { features: [number, number][]; label: number }[] = [];
  let state = 7;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let i = 0; i < 60; i++) {
    const label = i % 3;
    const noise = 3 + Math.floor(next() * 5);
    examples.push({
      features: [
        [label, 0.8],
        [noise, 0.6],
      ],
      label,
    });
  }
  return rowsOf(examples);
}

describe('lbfgs', () => {
  it('finds the minimum of a convex quadratic (its known solution) to the tolerance', () => {
    // f(x) = ½ xᵀAx − bᵀx with A diagonal and condition number 99: the minimum is b / diag(A).
    const diagonal = Float64Array.from({ length: 50 }, (_, i) => 1 + 2 * i);
    const b = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i + 1));
    const x = new Float64Array(50);
    const result = lbfgs(
      x,
      (point, gradient) => {
        let value = 0;
        for (let i = 0; i < point.length; i++) {
          const xi = point[i] ?? 0;
          value += 0.5 * (diagonal[i] ?? 0) * xi * xi - (b[i] ?? 0) * xi;
          gradient[i] = (diagonal[i] ?? 0) * xi - (b[i] ?? 0);
        }
        return value;
      },
      { memory: 10, maxIterations: 500, gradientTolerance: 1e-7 },
    );
    expect(result.converged).toBe(true);
    expect(result.gradientMax).toBeLessThanOrEqual(1e-7);
    for (let i = 0; i < 50; i++) expect(x[i]).toBeCloseTo((b[i] ?? 0) / (diagonal[i] ?? 1), 6);
  });
});

describe('multinomial logistic regression', () => {
  it('has the gradient of its objective (finite differences)', () => {
    const data = synthetic();
    const classWeights = Float64Array.from([2, 1, 0.5]);
    const objective = multinomialObjective(data, 3, 8, 10, classWeights);
    const x = Float64Array.from({ length: 8 * 3 + 3 }, (_, i) => Math.cos(i) * 0.5);
    const gradient = new Float64Array(x.length);
    objective(x, gradient);
    const scratch = new Float64Array(x.length);
    for (let j = 0; j < x.length; j++) {
      const h = 1e-6;
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[j] = (plus[j] ?? 0) + h;
      minus[j] = (minus[j] ?? 0) - h;
      const numeric = (objective(plus, scratch) - objective(minus, scratch)) / (2 * h);
      expect(gradient[j]).toBeCloseTo(numeric, 5);
    }
  });

  it('converges: the gradient at the result is below the tolerance', () => {
    const data = synthetic();
    const fitted = fitMultinomial(data, 3, 8, {
      c: 10,
      memory: 10,
      maxIterations: 1000,
      gradientTolerance: 1e-6,
    });
    expect(fitted.result.converged).toBe(true);
    const x = Float64Array.from([...fitted.weights, ...fitted.bias]);
    const gradient = new Float64Array(x.length);
    multinomialObjective(data, 3, 8, 10)(x, gradient);
    // Float32 rounding of the returned weights adds a little.
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-3);
  });

  it('separates a separable problem: each example scores its own class highest', () => {
    const data = synthetic();
    const { weights, bias } = fitMultinomial(data, 3, 8, {
      c: 10,
      memory: 10,
      maxIterations: 1000,
      gradientTolerance: 1e-6,
    });
    for (let i = 0; i < data.labels.length; i++) {
      const scores = Array.from(bias);
      for (let j = data.offsets[i] ?? 0; j < (data.offsets[i + 1] ?? 0); j++)
        for (let k = 0; k < 3; k++)
          scores[k] =
            (scores[k] ?? 0) + (data.values[j] ?? 0) * (weights[(data.indices[j] ?? 0) * 3 + k] ?? 0);
      expect(scores.indexOf(Math.max(...scores))).toBe(data.labels[i]);
    }
  });

  it('with no features, learns the (class-weighted) label shares as its bias', () => {
    // 6, 3 and 1 examples: softmax(bias) = (0.6, 0.3, 0.1); balanced weights make it uniform.
    const data = rowsOf([0, 0, 0, 0, 0, 0, 1, 1, 1, 2].map((label) => ({ features: [], label })));
    const options = { c: 10, memory: 10, maxIterations: 200, gradientTolerance: 1e-10 };
    const plain = fitMultinomial(data, 3, 0, options).bias;
    expect((plain[0] ?? 0) - (plain[1] ?? 0)).toBeCloseTo(Math.log(2), 5);
    expect((plain[1] ?? 0) - (plain[2] ?? 0)).toBeCloseTo(Math.log(3), 5);
    const balanced = fitMultinomial(data, 3, 0, {
      ...options,
      classWeights: Float64Array.from([10 / 18, 10 / 9, 10 / 3]),
    }).bias;
    expect((balanced[0] ?? 0) - (balanced[1] ?? 0)).toBeCloseTo(0, 5);
    expect((balanced[1] ?? 0) - (balanced[2] ?? 0)).toBeCloseTo(0, 5);
  });

  it('is deterministic', () => {
    const options = { c: 10, memory: 10, maxIterations: 1000, gradientTolerance: 1e-6 };
    expect(fitMultinomial(synthetic(), 3, 8, options)).toEqual(fitMultinomial(synthetic(), 3, 8, options));
  });
});

const TEXTS: Record<string, string[]> = {
  theft: ["telefonimni o'g'irlab ketishdi", 'у меня украли телефон', 'someone stole my car'],
  road: ['svetofor ishlamayapti', 'светофор не работает', 'the traffic light is broken'],
  gratitude: ['katta rahmat xodimlarga', 'спасибо сотрудникам полиции', 'thank you to the officers'],
};
const EXAMPLES = Object.entries(TEXTS).flatMap(([label, texts]) =>
  texts.flatMap((text) => [
    { text, label },
    { text: `Assalomu alaykum. ${text}. Iltimos javob bering`, label },
  ]),
);

describe('train with the multinomial regression', () => {
  it('trains it alone (loss multinomial) and learns the training texts', () => {
    const json = train(EXAMPLES, { createdAt: 'x', loss: 'multinomial', holdout: 0 });
    const model = loadModel(json);
    for (const { text, label } of EXAMPLES) expect(model.predict(text).label).toBe(label);
  });

  it("adds it into the SVMs' rows (multinomialShare): same size, other weights, deterministic", () => {
    const plain = train(EXAMPLES, { createdAt: 'x', multinomialShare: 0 });
    const withShare = train(EXAMPLES, { createdAt: 'x', multinomialShare: 0.5 });
    expect(withShare.weights.rows).toBe(plain.weights.rows);
    expect(withShare.weights.values).not.toBe(plain.weights.values);
    expect(train(EXAMPLES, { createdAt: 'x', multinomialShare: 0.5 })).toEqual(withShare);
    const model = loadModel(withShare);
    for (const { text, label } of EXAMPLES) expect(model.predict(text).label).toBe(label);
  });
});
