// The import's proof at full size: a generated 50,000-row workbook with a few bad rows, brought in by the
// real command (`murojaat import`) into a fresh embedded database, then run again, with the time of each.
//
//   node --import tsx bench/import.ts [--rows 50000] [--data-dir DIR]
//
// Without --data-dir it makes a temporary DATA_DIR (a new embedded cluster) and removes it afterwards.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { main } from '../src/cli/main.ts';
import { sampleMapping, sampleRegisterRows, sampleWorkbook } from '../src/server/appeals/import-sample.ts';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '50000' }, 'data-dir': { type: 'string' } },
});
const rows = Number(values.rows);
const dir = await mkdtemp(path.join(tmpdir(), 'murojaat-import-bench-'));
process.env.DATA_DIR = values['data-dir'] ?? path.join(dir, 'data');
process.env.LOG_LEVEL ??= 'warn';

const bad = { 17: 'date', 9001: 'status', 25000: 'text', [rows - 1]: 'unit' } as const;
const file = path.join(dir, 'appeals.xlsx');
const mapping = path.join(dir, 'mapping.json');

async function run(label: string, args: string[]) {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c) => {
    out += String(c);
  });
  const started = performance.now();
  const code = await main(args, { stdin: Readable.from(['']), stdout, stderr: process.stderr });
  const seconds = (performance.now() - started) / 1000;
  const rss = Math.round(process.memoryUsage().rss / 1_048_576);
  console.log(
    `${label}: ${seconds.toFixed(1)} s, exit ${code}, RSS ${rss} MB\n  ${out.trim().replace(/\n/g, '\n  ')}`,
  );
}

try {
  let t = performance.now();
  await writeFile(file, sampleWorkbook(sampleRegisterRows(rows, bad)));
  await writeFile(mapping, JSON.stringify(sampleMapping));
  console.log(
    `generated ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s (${Math.round((await readFile(file)).length / 1024)} KiB)`,
  );
  t = performance.now();
  await run('dry run (first start of the database included)', [
    'import',
    '--file',
    file,
    '--mapping',
    mapping,
    '--dry-run',
  ]);
  await run('import', ['import', '--file', file, '--mapping', mapping]);
  await run('again', ['import', '--file', file, '--mapping', mapping]);
  const report = await readFile(`${file}.report.csv`, 'utf8');
  console.log(
    `refused lines in the report: ${report
      .split('\n')
      .filter((l) => l.includes(',refused,'))
      .join(' | ')}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
