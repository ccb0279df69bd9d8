// The import's proof at full size: a generated 50,000-row workbook with four bad rows, brought in by the
// real command (`node bin/murojaat.js import`, a process of its own as `npx murojaat import` is) into a
// fresh embedded database: a dry run, the import, then the same file again. Prints each run's wall time,
// peak memory (when /usr/bin/time is there) and output.
//
//   node --import tsx bench/import.ts [--rows 50000] [--keep]
//
// The temporary folder (workbook, report, the embedded cluster) is removed unless --keep.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sampleMapping, sampleRegisterRows, sampleWorkbook } from '../src/server/appeals/import-sample.ts';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '50000' }, keep: { type: 'boolean', default: false } },
});
const rows = Number(values.rows);
const dir = await mkdtemp(path.join(tmpdir(), 'murojaat-import-bench-'));
const file = path.join(dir, 'appeals.xlsx');
const mapping = path.join(dir, 'mapping.json');
const env = { ...process.env, DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' };
const timer = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'peak RSS %M KiB'] : [];

function run(label: string, extra: string[] = []) {
  const args = [
    ...timer,
    process.execPath,
    'bin/murojaat.js',
    'import',
    '--file',
    file,
    '--mapping',
    mapping,
    ...extra,
  ];
  const started = performance.now();
  const child = spawnSync(args[0] ?? '', args.slice(1), { env, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  const rss = /peak RSS (\d+) KiB/.exec(child.stderr)?.[1];
  console.log(
    `${label}: ${seconds.toFixed(1)} s, exit ${child.status}${rss ? `, peak RSS ${Math.round(Number(rss) / 1024)} MB` : ''}`,
  );
  console.log(`  ${child.stdout.trim().replace(/\n/g, '\n  ')}`);
}

try {
  const t = performance.now();
  const bad = { 17: 'date', 9001: 'status', 25000: 'text', [rows - 1]: 'unit' } as const;
  await writeFile(file, sampleWorkbook(sampleRegisterRows(rows, bad)));
  await writeFile(mapping, JSON.stringify(sampleMapping));
  const size = Math.round((await readFile(file)).length / 1024);
  console.log(`generated ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s (${size} KiB)`);
  console.log(`load average before: ${(await readFile('/proc/loadavg', 'utf8').catch(() => '?')).trim()}`);
  run('dry run (the first start of the embedded database included)', ['--dry-run']);
  run('import');
  run('same file again');
  const report = await readFile(`${file}.report.csv`, 'utf8');
  console.log(
    `refused in the report:\n  ${report
      .split('\n')
      .filter((l) => l.includes(',refused,'))
      .join('\n  ')}`,
  );
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else await rm(dir, { recursive: true, force: true });
}
