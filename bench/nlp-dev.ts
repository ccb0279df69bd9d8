/**
 * Choosing classifier settings without looking at a test set: each training file is split by date
 * (earlier 80 % to train, the latest 20 % to validate), and every variant given as JSON options is
 * trained on the first part and scored on the second.
 *
 *   npx tsx bench/nlp-dev.ts DIR[,DIR…] '{"epochs":20}' '{"l2":1e-6}' …
 *   (DIR holds train.jsonl whose lines have "date"; the default variant {} is run first unless
 *   NLP_DEV_SKIP_DEFAULT=1)
 */
import { readFileSync } from 'node:fs';
import { evaluate, type LabelledText, loadModel, train } from '../src/nlp/index.ts';

const [dirs = '', ...variants] = process.argv.slice(2);
for (const dir of dirs.split(',')) {
  const rows = readFileSync(`${dir}/train.jsonl`, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledText & { date?: string });
  rows.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  const cut = Math.floor(rows.length * 0.8);
  const fit = rows.slice(0, cut);
  const labels = new Set(fit.map((row) => row.label));
  const validation = rows.slice(cut).filter((row) => labels.has(row.label));
  for (const variant of process.env.NLP_DEV_SKIP_DEFAULT === '1' ? variants : ['{}', ...variants]) {
    const started = performance.now();
    const model = loadModel(train(fit, JSON.parse(variant)));
    const seconds = (performance.now() - started) / 1000;
    const result = evaluate(model, validation);
    console.log(
      `${dir.split('/').at(-1)}\t${variant}\tmacroF1 ${result.macroF1.toFixed(4)}\tacc ${result.accuracy.toFixed(4)}\t${seconds.toFixed(1)} s`,
    );
  }
}
