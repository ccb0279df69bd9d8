/** Classification metrics, computed the way scikit-learn reports them so figures compare. */

export interface LabelMetrics {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  n: number;
  accuracy: number;
  macroF1: number;
  perLabel: Record<string, LabelMetrics>;
}

const round = (x: number) => Number(x.toFixed(4));

/**
 * Accuracy, macro-F1 and per-label scores. Macro-F1 averages over every label seen in either the
 * gold or the predicted labels (scikit-learn's `average="macro"`).
 */
export function evaluatePredictions(gold: readonly string[], predicted: readonly string[]): Evaluation {
  if (gold.length !== predicted.length) throw new RangeError('gold and predicted labels differ in length');
  const labels = [...new Set([...gold, ...predicted])].sort();
  const perLabel: Record<string, LabelMetrics> = {};
  let correct = 0;
  let f1Sum = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      const isGold = gold[i] === label;
      const isPredicted = predicted[i] === label;
      if (isGold && isPredicted) tp++;
      else if (isPredicted) fp++;
      else if (isGold) fn++;
    }
    const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
    const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    f1Sum += f1;
    perLabel[label] = { precision: round(precision), recall: round(recall), f1: round(f1), support: tp + fn };
  }
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  return {
    n: gold.length,
    accuracy: gold.length > 0 ? round(correct / gold.length) : 0,
    macroF1: labels.length > 0 ? round(f1Sum / labels.length) : 0,
    perLabel,
  };
}
