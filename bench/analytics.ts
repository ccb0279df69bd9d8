// Every leader view at volume, through the real server process, one request at a time:
// the hierarchy view, the territory map, workload and quality, the surge alerts list, the head's dashboard,
// the staff appeal list with filters, and the public statistics page and open data.
//
//   npm run bench -- analytics [--engines embedded,postgres] [--appeals N] [--reps R] [--no-cache]
//   node --import tsx bench/analytics.ts [same options]
//
// Seeds N appeals (default 1,000,000) over three years with `murojaat seed`'s generator into a fresh
// database (a cached seeded copy of the day when there is one, as `npm run bench` does). Every request of a
// view asks a different unit, period or filter than the one before it (the units are walked in turn, the
// filters rotate), so that no answer is a repeat of the last; the first request of each view is a warm-up and
// is not counted. Prints p50/p95/max per view and writes bench/results/analytics.json. Docs: bench/README.md.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { appealTypes, channels } from '../src/contracts/enums.ts';
import { rollupTables } from '../src/server/analytics/daily-rollup.repository.ts';
import { attachRunningEmbedded } from '../src/server/db/embedded.ts';
import {
  BENCH_DATA_KEY,
  BENCH_PASSWORD,
  type BenchDatabase,
  type Engine,
  prepareDatabase,
} from './lib/databases.ts';
import { freePort, percentile, round1, startNode } from './lib/processes.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== 'analytics'),
  options: {
    engines: { type: 'string', default: 'embedded,postgres' },
    appeals: { type: 'string', default: '1000000' },
    reps: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    'no-cache': { type: 'boolean', default: false },
    /** Only the views whose label contains one of these texts (e.g. `--only hierarchy,map`). */
    only: { type: 'string' },
    out: { type: 'string' },
  },
  strict: true,
});
const appeals = Number(values.appeals);
const reps = Number(values.reps);
const seed = Number(values.seed);
const engines = (values.engines ?? '')
  .split(',')
  .filter((e): e is Engine => e === 'embedded' || e === 'postgres');
const root = path.resolve(import.meta.dirname, '..');
const outFile = values.out ?? path.join(root, 'bench', 'results', 'analytics.json');
const log = (m: string) => process.stdout.write(`${m}\n`);

/** The targets of issue 16: staff views p95 < 500 ms, the public page p95 < 200 ms. */
const STAFF_TARGET_MS = 500;
const PUBLIC_TARGET_MS = 200;

type Who = 'analyst' | 'head' | 'clerk' | 'public';

/** One view: the i-th request it makes (a different scope or filter each time). */
interface ViewCase {
  label: string;
  who: Who;
  target: number;
  path: (i: number) => string;
}

interface ViewResult {
  label: string;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  targetMs: number;
  met: boolean;
}

async function signIn(url: string, login: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: BENCH_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in of ${login} failed: ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('murojaat_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}

/** The units, territories and categories the cases walk through, read from the seeded database. */
async function referenceOf(connection: pg.ClientConfig) {
  const client = new pg.Client(connection);
  await client.connect();
  try {
    const units = await client.query<{ code: string; level: string; parent: string | null }>(
      `select u.code, u.level, p.code as parent from units u left join units p on p.id = u.parent_id
        where u.active order by u.code`,
    );
    const categories = await client.query<{ code: string }>('select code from categories order by code');
    const regions = await client.query<{ code: string }>(
      'select code from territories where length(code) = 4 order by code',
    );
    return {
      directorates: units.rows.filter((u) => u.level === 'directorate').map((u) => u.code),
      departments: units.rows.filter((u) => u.level === 'department').map((u) => u.code),
      tashkentDepartments: units.rows
        .filter((u) => u.level === 'department' && u.parent === 'IIV-1726')
        .map((u) => u.code),
      categories: categories.rows.map((c) => c.code),
      regions: regions.rows.map((r) => r.code),
    };
  } finally {
    await client.end();
  }
}

function casesOf(ref: Awaited<ReturnType<typeof referenceOf>>): ViewCase[] {
  const at = <T>(list: readonly T[], i: number): T => {
    const item = list[i % list.length];
    if (item === undefined) throw new Error('an empty list of cases');
    return item;
  };
  const periods = ['month', 'quarter', 'year'] as const;
  // Every third request has no filter; the others filter by a category, a channel or a type in turn.
  const filter = (i: number) => {
    switch (i % 4) {
      case 1:
        return `&category=${at(ref.categories, i)}`;
      case 2:
        return `&channel=${at(channels, i)}`;
      case 3:
        return `&type=${at(appealTypes, i)}`;
      default:
        return '';
    }
  };
  // The ministry, then each directorate, then districts: the scope changes every request.
  const unitOf = (i: number) =>
    i % 3 === 0 ? 'IIV' : i % 3 === 1 ? at(ref.directorates, i) : at(ref.departments, i);
  const period = (i: number) => at(periods, Math.floor(i / 3));
  const langs = ['uz', 'oz', 'ru', 'en'];
  return [
    {
      label: 'hierarchy, analyst (ministry, regions, districts; periods and filters rotate)',
      who: 'analyst',
      target: STAFF_TARGET_MS,
      path: (i) => `/api/v1/analytics/hierarchy?unit=${unitOf(i)}&period=${period(i)}${filter(i)}`,
    },
    {
      label: 'hierarchy, ministry year (analyst; filters rotate)',
      who: 'analyst',
      target: STAFF_TARGET_MS,
      path: (i) => `/api/v1/analytics/hierarchy?unit=IIV&period=year${filter(i + 1)}`,
    },
    {
      label: 'hierarchy, region head (Tashkent city and its districts)',
      who: 'head',
      target: STAFF_TARGET_MS,
      path: (i) =>
        `/api/v1/analytics/hierarchy?unit=${i % 2 === 0 ? 'IIV-1726' : at(ref.tashkentDepartments, i)}&period=${period(i)}${filter(i)}`,
    },
    {
      label: 'territory map, analyst (regions or a region’s districts)',
      who: 'analyst',
      target: STAFF_TARGET_MS,
      path: (i) =>
        `/api/v1/analytics/map?period=${period(i)}${i % 2 === 1 ? `&region=${at(ref.regions, i)}` : ''}${filter(i)}`,
    },
    {
      label: 'territory map, region head',
      who: 'head',
      target: STAFF_TARGET_MS,
      path: (i) =>
        `/api/v1/analytics/map?period=${period(i)}${i % 2 === 1 ? '&region=1726' : ''}${filter(i)}`,
    },
    {
      label: 'workload, analyst (ministry, regions, districts)',
      who: 'analyst',
      target: STAFF_TARGET_MS,
      path: (i) =>
        `/api/v1/analytics/workload?unit=${unitOf(i)}&period=${period(i)}&sort=${i % 2 ? 'overdue' : 'open'}`,
    },
    {
      label: 'workload, region head',
      who: 'head',
      target: STAFF_TARGET_MS,
      path: (i) =>
        `/api/v1/analytics/workload?unit=${i % 2 === 0 ? 'IIV-1726' : at(ref.tashkentDepartments, i)}&period=${period(i)}`,
    },
    {
      label: 'surge alerts list (analyst and head in turn)',
      who: 'analyst',
      target: STAFF_TARGET_MS,
      path: (i) => `/api/v1/analytics/alerts?lang=${at(langs, i)}`,
    },
    {
      label: 'head dashboard, analyst (units and days rotate)',
      who: 'analyst',
      target: STAFF_TARGET_MS,
      path: (i) => `/api/v1/dashboard?unit=${unitOf(i)}&days=${at([7, 30, 90, 365], i)}`,
    },
    {
      label: 'head dashboard, region head',
      who: 'head',
      target: STAFF_TARGET_MS,
      path: (i) =>
        `/api/v1/dashboard?unit=${i % 2 === 0 ? 'IIV-1726' : at(ref.tashkentDepartments, i)}&days=${at([30, 365], i)}`,
    },
    {
      // Analysts see figures only: the list is the national clerk's.
      label: 'appeal list with filters, national clerk (owner, status, type, channel, category, overdue)',
      who: 'clerk',
      target: STAFF_TARGET_MS,
      path: (i) => {
        const filters = [
          `owner=${unitOf(i)}&status=answered`,
          `owner=${unitOf(i)}&overdue=true&sort=due_asc`,
          `territory=${at(ref.regions, i)}&type=${at(appealTypes, i)}`,
          `channel=${at(channels, i)}&category=${at(ref.categories, i)}`,
          `owner=${unitOf(i)}&repeat=true`,
          `category=${at(ref.categories, i + 3)}&receivedFrom=2026-01-01&outcome=satisfied`,
        ];
        return `/api/v1/appeals?${at(filters, i)}&pageSize=50&page=${1 + (i % 3)}`;
      },
    },
    {
      label: 'public statistics page /{lang}/stats',
      who: 'public',
      target: PUBLIC_TARGET_MS,
      path: (i) => `/${at(langs, i)}/stats`,
    },
    {
      label: 'open data /open-data/ and its CSV/JSON',
      who: 'public',
      target: PUBLIC_TARGET_MS,
      path: (i) =>
        at(['/open-data/', '/open-data/appeals-monthly.csv', '/open-data/appeals-monthly.json'], i),
    },
  ];
}

async function benchEngine(
  engine: Engine,
): Promise<{ engine: Engine; appeals: number; views: ViewResult[] }> {
  log(
    `\n== ${engine}: ${appeals} appeals (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  const database: BenchDatabase = await prepareDatabase(engine, {
    appeals,
    seed,
    years: 3,
    cache: !values['no-cache'],
    workDir: path.join(root, 'bench', 'results', 'tmp'),
    log,
  });
  const port = await freePort();
  const started = performance.now();
  const server = await startNode({
    script: 'src/app/main.ts',
    cwd: root,
    port,
    timeoutMs: 900_000,
    env: {
      ...database.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'warn',
      REQUIRE_TOTP_ROLES: '',
      MUROJAAT_DATA_KEY: BENCH_DATA_KEY,
      // The views are read by the API; the jobs that keep the rollups are run by the server's workers.
      ROLE: 'all',
    },
  });
  log(`  server ready in ${round1((performance.now() - started) / 1000)} s`);
  try {
    const connection = database.env.DATABASE_URL
      ? { connectionString: database.env.DATABASE_URL }
      : (await attachRunningEmbedded(database.dataDir))?.owner;
    if (!connection) throw new Error('cannot reach the embedded database');
    const ref = await referenceOf(connection);
    const count = await (async () => {
      const client = new pg.Client(connection);
      await client.connect();
      try {
        // A seeded copy migrated forward at start holds roll-ups no vacuum has seen yet: their first reader
        // would set every page's hint bits (writes), which a running database's autovacuum has long done.
        await client.query(`vacuum (analyze) ${rollupTables.join(', ')}`);
        // The server rebuilds the open statistics when it starts (a full pass over the appeals): measured
        // beside it, the first views would time that job, not themselves.
        const waitUntil = Date.now() + 300_000;
        while (Date.now() < waitUntil) {
          const state = await client.query('select 1 from open_stats_state where refreshed_at is not null');
          if (state.rowCount) break;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        const { rows } = await client.query<{ n: number }>(
          'select count(*)::int as n from appeals where not sandbox',
        );
        return rows[0]?.n ?? 0;
      } finally {
        await client.end();
      }
    })();
    const cookies: Record<Who, string> = {
      analyst: await signIn(server.url, 'bench.analyst'),
      head: await signIn(server.url, 'bench.head'),
      clerk: await signIn(server.url, 'bench.clerk'),
      public: '',
    };
    const views: ViewResult[] = [];
    const only = (values.only ?? '').split(',').filter(Boolean);
    for (const view of casesOf(ref).filter(
      (v) => only.length === 0 || only.some((o) => v.label.includes(o)),
    )) {
      const times: number[] = [];
      for (let i = 0; i < reps + 1; i++) {
        const url = `${server.url}${view.path(i)}`;
        // The alerts list depends only on who asks: the analyst and the head take turns.
        const who: Who = view.label.startsWith('surge') ? (i % 2 ? 'head' : 'analyst') : view.who;
        const begun = performance.now();
        // A request the server drops (it closes a connection idle for 30 s) counts with the time it took.
        try {
          const response = await fetch(url, { headers: cookies[who] ? { cookie: cookies[who] } : {} });
          await response.arrayBuffer();
          if (response.status !== 200) throw new Error(`answered ${response.status}`);
        } catch (error) {
          log(
            `    !! ${view.path(i)} failed after ${round1(performance.now() - begun)} ms: ${String(error)}`,
          );
        }
        const ms = performance.now() - begun;
        if (i > 0) times.push(ms);
      }
      const result: ViewResult = {
        label: view.label,
        p50Ms: round1(percentile(times, 50)),
        p95Ms: round1(percentile(times, 95)),
        maxMs: round1(Math.max(...times)),
        targetMs: view.target,
        met: percentile(times, 95) < view.target,
      };
      views.push(result);
      log(
        `  ${result.met ? 'ok  ' : 'SLOW'} ${view.label}: p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, max ${result.maxMs} ms (target p95 < ${view.target} ms)`,
      );
    }
    return { engine, appeals: count, views };
  } finally {
    await server.stop();
    await database.drop();
  }
}

if (engines.length === 0) throw new Error('no engine to benchmark: --engines embedded,postgres');
const results: Awaited<ReturnType<typeof benchEngine>>[] = [];
for (const engine of engines) {
  results.push(await benchEngine(engine));
  const previous: { engine: Engine }[] = await readFile(outFile, 'utf8')
    .then((text) => (JSON.parse(text) as { results: { engine: Engine }[] }).results)
    .catch(() => []);
  const merged = [...results, ...previous.filter((p) => !results.some((r) => r.engine === p.engine))];
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(
    outFile,
    `${JSON.stringify(
      {
        measuredAt: new Date().toISOString(),
        machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB`,
        results: merged,
      },
      null,
      2,
    )}\n`,
  );
}
log(`\nWrote ${path.relative(root, outFile)}`);
