/**
 * Measuring `assessUrgency` on the labelled set (src/nlp/data/urgency-labelled.jsonl): the fixed
 * split into a tuning half and a test half, and precision/recall at a threshold. Used by
 * bench/nlp-urgency-curve.ts and the test that holds the measured figures; the callers read the
 * file (this folder does no I/O).
 */

export interface LabelledUrgency {
  text: string;
  urgent: boolean;
  kind: string;
  language: string;
  source: 'hand' | 'template';
}

/** The lines of the labelled set's JSONL text. */
export function parseUrgencySet(text: string): LabelledUrgency[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledUrgency);
}

/** Which half a text belongs to: FNV-1a of its UTF-16 code units, even → tuning, odd → test. */
export function splitHalf(text: string): 'tune' | 'test' {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 2 === 0 ? 'tune' : 'test';
}

export interface UrgencyMetrics {
  n: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
  f2: number;
}

/** Precision, recall, F1 and F2 of "urgent" when a score at or above `threshold` means urgent. */
export function urgencyMetrics(
  items: readonly { urgent: boolean; score: number }[],
  threshold: number,
): UrgencyMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { urgent, score } of items) {
    const flagged = score >= threshold;
    if (flagged && urgent) tp++;
    else if (flagged) fp++;
    else if (urgent) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f = (beta: number) =>
    precision + recall === 0
      ? 0
      : ((1 + beta * beta) * precision * recall) / (beta * beta * precision + recall);
  return {
    n: items.length,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision,
    recall,
    f1: f(1),
    f2: f(2),
  };
}
