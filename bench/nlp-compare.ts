/**
 * Quality comparison on real public appeals (docs/nlp.md "Quality against standard baselines"): our
 * classifier, trained exactly as `murojaat nlp train` does (its defaults), against the two
 * scikit-learn baselines of bench/nlp-baseline.py (TF-IDF + LinearSVC C 0.5, TF-IDF +
 * LogisticRegression C 10), trained in the same run on the same time-split sets made by
 * bench/nlp-spb-prepare.py into NLP_SPB_DIR (default /tmp/murojaat-spb; the data is not kept here).
 *
 *   NLP_SPB_DIR=/tmp/murojaat-spb npx tsx bench/nlp-compare.ts [set …]
 *   → prints a Markdown table, writes bench/results/nlp-compare.json
 *
 * A set is any folder with train.jsonl and test.jsonl, so the KZgovData split of
 * bench/nlp-kzgov-prepare.py runs too: NLP_SPB_DIR=/tmp npx tsx bench/nlp-compare.ts murojaat-kzgov
 *
 * NLP_TRAIN_OPTIONS='{"multinomialShare":0.1}' trains ours with those options instead of the
 * defaults and writes bench/results/nlp-compare-variant.json instead.
 *
 * Needs Debian's python3-sklearn at /usr/bin/python3 (apt-get install -y python3-sklearn).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { evaluate, type LabelledText, loadModel, train } from '../src/nlp/index.ts';

const DIR = (process.env.NLP_SPB_DIR ?? '/tmp/murojaat-spb').replace(/\/$/, '');
const SETS = process.argv.length > 2 ? process.argv.slice(2) : ['reason-small', 'category', 'reason'];
for (const set of SETS) {
  if (!existsSync(`${DIR}/${set}/train.jsonl`)) {
    console.error(
      `no set ${set} in ${DIR}: make the sets first with bench/nlp-spb-prepare.py (see docs/nlp.md)`,
    );
    process.exit(1);
  }
}

function read(path: string): LabelledText[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { text, label } = JSON.parse(line);
      return { text: String(text), label: String(label) };
    });
}

interface Score {
  accuracy: number;
  macroF1: number;
  trainSeconds: number;
}

const VARIANT = process.env.NLP_TRAIN_OPTIONS;
const OPTIONS = VARIANT === undefined ? {} : JSON.parse(VARIANT);
const RESULTS = new URL(
  VARIANT === undefined ? './results/nlp-compare.json' : './results/nlp-compare-variant.json',
  import.meta.url,
);
// Sets measured by an earlier run and not named now are kept, so sets can be run one at a time.
const { command: _, ...earlier } = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
const results: Record<string, unknown> = earlier;
const rows: string[] = [];
for (const set of SETS) {
  const trainPath = `${DIR}/${set}/train.jsonl`;
  const testPath = `${DIR}/${set}/test.jsonl`;
  // The baselines run in a child process while ours trains here.
  const baselineRun = promisify(execFile)(
    '/usr/bin/python3',
    [new URL('./nlp-baseline.py', import.meta.url).pathname, trainPath, testPath],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  const trainSet = read(trainPath);
  const testSet = read(testPath);
  const started = performance.now();
  const json = train(trainSet, OPTIONS);
  const trainSeconds = (performance.now() - started) / 1000;
  const loadStarted = performance.now();
  const model = loadModel(JSON.parse(JSON.stringify(json)));
  const ours = evaluate(model, testSet);
  const predictSeconds = (performance.now() - loadStarted) / 1000;
  const { stdout } = await baselineRun;
  const baseline = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { svm: Score; lr: Score };
  const best = Math.max(baseline.svm.macroF1, baseline.lr.macroF1);
  const labels = new Set(trainSet.map((example) => example.label)).size;
  const result = {
    train: trainSet.length,
    test: testSet.length,
    labels,
    ours: {
      accuracy: ours.accuracy,
      macroF1: ours.macroF1,
      trainSeconds: Number(trainSeconds.toFixed(1)),
      // load + predict every test text, the way `murojaat nlp eval` does
      textsPerSecond: Math.round(testSet.length / predictSeconds),
      modelBytes: JSON.stringify(json).length,
    },
    baseline,
    ratioToBest: Number((ours.macroF1 / best).toFixed(3)),
  };
  results[set] = result;
  rows.push(
    `| ${set} | ${labels} | ${trainSet.length} / ${testSet.length} | **${ours.macroF1.toFixed(3)}** | ${baseline.svm.macroF1.toFixed(3)} | ${baseline.lr.macroF1.toFixed(3)} | **${result.ratioToBest.toFixed(3)}** | ${ours.accuracy.toFixed(3)} / ${baseline.svm.accuracy.toFixed(3)} / ${baseline.lr.accuracy.toFixed(3)} | ${result.ours.trainSeconds} / ${baseline.svm.trainSeconds} / ${baseline.lr.trainSeconds} |`,
  );
  console.error(rows.at(-1));
  // Written after every set (a long run that is stopped keeps what it measured).
  const command = 'NLP_SPB_DIR=/tmp/murojaat-spb npx tsx bench/nlp-compare.ts';
  const output = {
    command: VARIANT === undefined ? command : `NLP_TRAIN_OPTIONS='${VARIANT}' ${command}`,
    ...results,
  };
  writeFileSync(RESULTS, `${JSON.stringify(output, null, 2)}\n`);
}
console.log(
  [
    '| set | labels | train / test | ours macro-F1 | SVM macro-F1 | LR macro-F1 | ours / best | accuracy ours / SVM / LR | training s ours / SVM / LR |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n'),
);
