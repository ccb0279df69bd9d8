import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWeights, readModelJson, serialise } from './classifier-codec.ts';
import { DEFAULT_TRAIN_OPTIONS } from './classifier-training.ts';

// A smaller bucket count than the default keeps each of the hundred runs cheap; the codec does not care.
const BUCKETS = 1 << 16;

/** A vocabulary of distinct ascending buckets, some far apart so their deltas take several varint bytes. */
const vocabularies = fc
  .uniqueArray(fc.integer({ min: 0, max: BUCKETS - 1 }), { minLength: 1, maxLength: 60 })
  .map((buckets) => buckets.sort((a, b) => a - b));

/** A stored vocabulary with a weight per row and label. */
const stored = fc
  .record({
    buckets: vocabularies,
    classes: fc.integer({ min: 2, max: 7 }),
    bits: fc.constantFrom<8 | 4>(8, 4),
    idf: fc.boolean(),
  })
  .chain((shape) => {
    const count = shape.buckets.length * shape.classes;
    return fc
      .float32Array({ min: -3, max: 3, noNaN: true, minLength: count, maxLength: count })
      .map((weights) => ({ ...shape, weights }));
  });

describe('the model codec', () => {
  it('reads back every bucket, idf byte and weight it stored, each weight within half a quantisation step', () => {
    fc.assert(
      fc.property(stored, ({ buckets, classes, bits, idf, weights }) => {
        const idfBytes = idf ? Uint8Array.from(buckets, (bucket) => bucket % 256) : null;
        const model = serialise({
          settings: {
            ...DEFAULT_TRAIN_OPTIONS,
            features: { ...DEFAULT_TRAIN_OPTIONS.features, buckets: BUCKETS },
            weightBits: bits,
          },
          labels: Array.from({ length: classes }, (_, k) => `label${k}`),
          vocabulary: { buckets, idfBytes },
          weights,
          bias: new Float32Array(classes),
          trainingExamples: 10,
        });
        const read = readModelJson(JSON.parse(JSON.stringify(model)));
        const decoded = decodeWeights(read.weights, classes, BUCKETS);

        buckets.forEach((bucket, row) => {
          expect(decoded.rowOf[bucket]).toBe(row);
          expect(decoded.idf[row]).toBe(idfBytes === null ? 1 : 1 + (idfBytes[row] ?? 0) / 16);
          const rowWeights = weights.subarray(row * classes, (row + 1) * classes);
          const step = Math.max(...rowWeights.map(Math.abs)) / (bits === 8 ? 127 : 7);
          rowWeights.forEach((weight, k) => {
            expect(Math.abs((decoded.weights[row * classes + k] ?? 0) - weight)).toBeLessThanOrEqual(
              step / 2 + 1e-6,
            );
          });
        });
        expect(decoded.rowOf.filter((row) => row >= 0)).toHaveLength(buckets.length);
      }),
      { numRuns: 200 },
    );
  });
});
