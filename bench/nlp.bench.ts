/**
 * Classifier performance on this machine: training time on 100,000 appeals, prediction latency
 * (p50/p99 over 10,000 calls), model file size, load time and memory.
 *
 *   npx tsx bench/nlp.bench.ts   → prints the figures, writes bench/results/nlp.json
 *
 * The 100,000 training texts are the starter appeals (bench/nlp-starter-data.ts) with random
 * names, numbers and places added so that no two are alike; the latency texts are the held-out
 * starter test appeals, varied the same way.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { detectTextLanguage, evaluate, type LabelledText, loadModel, train } from '../src/nlp/index.ts';
import { mulberry32 } from '../src/nlp/random.ts';
import { generateStarter } from './nlp-starter-data.ts';

const TRAIN_SIZE = 100_000;
const PREDICT_CALLS = 10_000;
const random = mulberry32(7);
const pick = <T>(items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
};
const NAMES = [
  'Karimov Aziz',
  'Abdullayeva Dilnoza',
  'Иванов Сергей',
  'Раҳимов Жасур',
  'Tursunov Bekzod',
  'Юсупова Нилуфар',
];
const PLACES = ['Chilonzor 12-kvartal', 'Olmazor tumani', 'г. Андижан', 'Қарши шаҳри', 'Nukus', 'Yangiyoʻl'];

function varied(text: string): string {
  const extras = [
    `Men ${pick(NAMES)}.`,
    `${Math.floor(random() * 900 + 100)}-uy.`,
    pick(PLACES),
    `тел. 9${Math.floor(random() * 1e8)}`,
  ];
  const chosen = extras.filter(() => random() < 0.6);
  return random() < 0.5 ? `${text} ${chosen.join(' ')}` : `${chosen.join(' ')} ${text}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

const { train: starterTrain, test: starterTest } = generateStarter();
const examples: LabelledText[] = Array.from({ length: TRAIN_SIZE }, () => {
  const base = pick(starterTrain);
  return { text: varied(base.text), label: base.label };
});
const averageChars = examples.reduce((sum, e) => sum + e.text.length, 0) / examples.length;

const rssBefore = process.memoryUsage().rss;
const trainStarted = performance.now();
const cpuBefore = process.cpuUsage();
const model = train(examples, { createdAt: 'bench' });
const trainCpu = process.cpuUsage(cpuBefore);
const trainSeconds = (performance.now() - trainStarted) / 1000;
// CPU time is what the process itself used: on a machine shared with other work, wall time is not.
const trainCpuSeconds = (trainCpu.user + trainCpu.system) / 1e6;
const peakRssMb = process.resourceUsage().maxRSS / 1024;

const modelPath = '/tmp/murojaat-nlp-bench-model.json';
writeFileSync(modelPath, JSON.stringify(model));
const modelBytes = statSync(modelPath).size;
const loadStarted = performance.now();
const classifier = loadModel(JSON.parse(readFileSync(modelPath, 'utf8')));
const loadMs = performance.now() - loadStarted;

const queries = Array.from({ length: PREDICT_CALLS }, () => varied(pick(starterTest).text));
for (const text of queries.slice(0, 500)) classifier.predict(text);
const predictTimes: number[] = [];
const withLanguageTimes: number[] = [];
for (const text of queries) {
  const t0 = performance.now();
  classifier.predict(text);
  const t1 = performance.now();
  detectTextLanguage(text);
  const t2 = performance.now();
  predictTimes.push(t1 - t0);
  withLanguageTimes.push(t2 - t0);
}
predictTimes.sort((a, b) => a - b);
withLanguageTimes.sort((a, b) => a - b);

const result = {
  command: 'npx tsx bench/nlp.bench.ts',
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', node: process.version },
  training: {
    examples: TRAIN_SIZE,
    averageChars: round(averageChars, 1),
    labels: model.labels.length,
    seconds: round(trainSeconds, 2),
    cpuSeconds: round(trainCpuSeconds, 2),
    loadAverageDuringRun: round(os.loadavg()[0] ?? 0, 2),
    rssBeforeMb: round(rssBefore / 2 ** 20, 0),
    peakRssMb: round(peakRssMb, 0),
    epochs: model.options.epochs,
    heldOut: model.evaluation && { n: model.evaluation.n, macroF1: model.evaluation.macroF1 },
  },
  model: { bytes: modelBytes, rows: model.weights.rows, loadMs: round(loadMs, 1) },
  predict: {
    calls: PREDICT_CALLS,
    p50Ms: round(percentile(predictTimes, 50)),
    p99Ms: round(percentile(predictTimes, 99)),
    maxMs: round(predictTimes.at(-1) ?? 0),
    withLanguageP99Ms: round(percentile(withLanguageTimes, 99)),
  },
  starterTestWithThisModel: evaluate(classifier, starterTest).macroF1,
};
writeFileSync(new URL('./results/nlp.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
