// The surge detector over a year of seeded appeals: `npx murojaat analytics detect` as the hourly job runs
// it (yesterday and today), and the same detector re-examining every day of the year (dry run), timed.
//
//   node --import tsx bench/analytics-detect.ts [--appeals N] [--engine embedded|postgres] [--no-cache]
//
// Seeds N appeals (default 500,000) over the last year with `murojaat seed`'s generator into a fresh
// database (a cached seeded copy of the day when there is one, as `npm run bench` does) and prints the
// times the command reports. Docs: docs/analytics.md.
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { main } from '../src/cli/main.ts';
import { BENCH_DATA_KEY, type Engine, prepareDatabase } from './lib/databases.ts';

const { values } = parseArgs({
  options: {
    appeals: { type: 'string', default: '500000' },
    engine: { type: 'string', default: 'embedded' },
    'no-cache': { type: 'boolean', default: false },
  },
});
const appeals = Number(values.appeals);
const engine: Engine = values.engine === 'postgres' ? 'postgres' : 'embedded';
const root = path.resolve(import.meta.dirname, '..');
const log = (m: string) => process.stdout.write(`${m}\n`);

const database = await prepareDatabase(engine, {
  appeals,
  seed: 1,
  years: 1,
  cache: !values['no-cache'],
  workDir: path.join(root, 'bench', 'results', 'tmp'),
  log,
});
Object.assign(process.env, database.env, { MUROJAAT_DATA_KEY: BENCH_DATA_KEY });

async function detect(args: string[]): Promise<{ seconds: number; out: string }> {
  const stdout = new PassThrough();
  let out = '';
  stdout.on('data', (c) => {
    out += String(c);
  });
  const started = performance.now();
  const code = await main(['analytics', 'detect', ...args], {
    stdin: Readable.from(['']),
    stdout,
    stderr: process.stderr,
  });
  if (code !== 0) throw new Error(`murojaat analytics detect ${args.join(' ')} exited with ${code}`);
  return { seconds: Math.round(performance.now() - started) / 1000, out };
}

try {
  log(
    `${engine}: ${appeals} appeals seeded over one year${database.seedSeconds === null ? ' (cached copy)' : ` in ${Math.round(database.seedSeconds)} s`}`,
  );
  for (const [label, args] of [
    ['hourly run (yesterday and today, writes alerts)', []],
    ['the whole year re-examined (365 days, dry run)', ['--days', '365', '--dry-run']],
  ] as const) {
    const { seconds, out } = await detect([...args]);
    log(`\n${label}: ${seconds} s in all, the database opened and closed included\n${out.trimEnd()}`);
  }
} finally {
  await database.drop();
}
