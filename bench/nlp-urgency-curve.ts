/**
 * The precision/recall curve of `assessUrgency` on src/nlp/data/urgency-labelled.jsonl, and the
 * threshold chosen from it. The set is split by a hash of each text (FNV-1a, even → tuning half,
 * odd → test half): the threshold is chosen on the tuning half only, as the one with the best F2
 * (recall weighted twice precision: a missed threat costs more than an officer reading a quarrel),
 * the higher threshold on a tie; the test half is reported at that threshold, never used to choose.
 *
 *   npx tsx bench/nlp-urgency-curve.ts [--misses]   → bench/results/nlp-urgency.json
 *
 * --misses prints the tuning half's errors (never the test half's).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { assessUrgency } from '../src/nlp/urgency.ts';
import { parseUrgencySet, splitHalf, urgencyMetrics } from '../src/nlp/urgency-evaluation.ts';

const set = parseUrgencySet(
  readFileSync(new URL('../src/nlp/data/urgency-labelled.jsonl', import.meta.url), 'utf8'),
);
const tune = set.filter((item) => splitHalf(item.text) === 'tune');
const test = set.filter((item) => splitHalf(item.text) === 'test');
const scored = (items: typeof set) =>
  items.map((item) => ({ ...item, score: assessUrgency(item.text).score }));
const tuneScored = scored(tune);
const testScored = scored(test);

const thresholds = Array.from({ length: 19 }, (_, i) => Number(((i + 1) * 0.05).toFixed(2)));
const curve = thresholds.map((threshold) => ({ threshold, ...urgencyMetrics(tuneScored, threshold) }));
const chosen = curve.reduce((best, point) => (point.f2 >= best.f2 ? point : best));
const testAtChosen = urgencyMetrics(testScored, chosen.threshold);
const handTest = testScored.filter((item) => item.source === 'hand');
const byLanguage = Object.fromEntries(
  ['uz-Latn', 'uz-Cyrl', 'ru', 'en'].map((language) => [
    language,
    urgencyMetrics(
      testScored.filter((item) => item.language === language),
      chosen.threshold,
    ),
  ]),
);
const neighbourThreats = set.filter(
  (item) =>
    item.kind === 'neighbour_quarrel' &&
    assessUrgency(item.text).reasons.some((reason) => reason.kind === 'threat_to_life'),
).length;

const round = (x: number) => Number(x.toFixed(3));
console.log('tuning half (n = %d, urgent %d)', tune.length, tune.filter((i) => i.urgent).length);
console.log('threshold  precision  recall  F1     F2');
for (const point of curve)
  console.log(
    `${point.threshold.toFixed(2).padEnd(11)}${round(point.precision).toFixed(3).padEnd(11)}${round(point.recall).toFixed(3).padEnd(8)}${round(point.f1).toFixed(3).padEnd(7)}${round(point.f2).toFixed(3)}${point === chosen ? '  ← chosen' : ''}`,
  );
console.log(
  'test half (n = %d) at %s: precision %s, recall %s (hand-written part, n = %d: precision %s, recall %s)',
  test.length,
  chosen.threshold,
  round(testAtChosen.precision),
  round(testAtChosen.recall),
  handTest.length,
  round(urgencyMetrics(handTest, chosen.threshold).precision),
  round(urgencyMetrics(handTest, chosen.threshold).recall),
);
console.log('neighbour quarrels read as a threat to life: %d', neighbourThreats);

if (process.argv.includes('--misses')) {
  for (const item of tuneScored) {
    if (item.urgent !== item.score >= chosen.threshold)
      console.log(`${item.urgent ? 'MISSED' : 'FALSE '} ${item.score.toFixed(2)} ${item.kind} ${item.text}`);
  }
}

writeFileSync(
  new URL('results/nlp-urgency.json', import.meta.url),
  `${JSON.stringify(
    {
      data: 'src/nlp/data/urgency-labelled.jsonl',
      lines: set.length,
      rule: 'tuning half = FNV-1a(text) even; threshold with the best F2 on it, the higher one on a tie',
      tuning: { n: tune.length, urgent: tune.filter((i) => i.urgent).length, curve },
      chosen: chosen.threshold,
      test: {
        urgent: test.filter((i) => i.urgent).length,
        ...testAtChosen,
        byLanguage,
        handWritten: urgencyMetrics(handTest, chosen.threshold),
      },
      neighbourQuarrelsReadAsThreatToLife: neighbourThreats,
    },
    null,
    2,
  )}\n`,
);
