/**
 * Quality comparison on a real public data set (KZgovData, see docs/nlp.md): our classifier,
 * trained exactly as `murojaat nlp train` does, against TF-IDF + logistic regression from
 * scikit-learn (bench/nlp-baseline.py), on the same fixed split made by bench/nlp-kzgov-prepare.py
 * into NLP_KZGOV_DIR (default /tmp/murojaat-kzgov; the data is not kept in this repository).
 *
 *   NLP_KZGOV_DIR=/tmp/murojaat-kzgov npx tsx bench/nlp-compare.ts
 *   → prints both macro-F1 per task, writes bench/results/nlp-compare.json
 *
 * Needs Debian's python3-sklearn at /usr/bin/python3 (apt-get install -y python3-sklearn).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { evaluate, type LabelledText, loadModel, train } from '../src/nlp/index.ts';

const DATA = pathToFileURL(`${(process.env.NLP_KZGOV_DIR ?? '/tmp/murojaat-kzgov').replace(/\/$/, '')}/`);
if (!existsSync(new URL('train.jsonl', DATA))) {
  console.error(
    `no split in ${DATA.pathname}: make it first with bench/nlp-kzgov-prepare.py (see docs/nlp.md)`,
  );
  process.exit(1);
}

function read(name: string): LabelledText[] {
  return readFileSync(new URL(name, DATA), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const { text, label } = JSON.parse(line);
      return { text: String(text), label: String(label) };
    });
}

const results: Record<string, unknown> = {};
for (const task of ['category', 'urgency']) {
  const prefix = task === 'category' ? '' : 'urgency-';
  const trainSet = read(`${prefix}train.jsonl`);
  const testSet = read(`${prefix}test.jsonl`);
  const started = performance.now();
  const model = loadModel(train(trainSet));
  const seconds = (performance.now() - started) / 1000;
  const ours = evaluate(model, testSet);
  const baselineOutput = execFileSync(
    '/usr/bin/python3',
    [
      new URL('./nlp-baseline.py', import.meta.url).pathname,
      new URL(`${prefix}train.jsonl`, DATA).pathname,
      new URL(`${prefix}test.jsonl`, DATA).pathname,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const baseline = JSON.parse(baselineOutput.trim().split('\n').at(-1) ?? '{}');
  results[task] = {
    train: trainSet.length,
    test: testSet.length,
    ours: { accuracy: ours.accuracy, macroF1: ours.macroF1, trainSeconds: Number(seconds.toFixed(1)) },
    baseline,
  };
}
const output = { command: 'NLP_KZGOV_DIR=/tmp/murojaat-kzgov npx tsx bench/nlp-compare.ts', ...results };
writeFileSync(new URL('./results/nlp-compare.json', import.meta.url), `${JSON.stringify(output, null, 2)}\n`);
console.log(JSON.stringify(output, null, 2));
