// `npm run bench -- analytics [...]`: every leader view only (bench/analytics.ts).
// `npm run bench [-- --quick] [--engines embedded,postgres] [--appeals N] [--seconds S] [--no-cache]`
//
// For each engine: a fresh database with N seeded appeals (1,000,000; --quick: 100,000), the real
// server process (`node --import tsx src/app/main.ts`, RATE_LIMITS=off) and beside it the ceiling
// server (bench/ceiling-server.ts: bare Fastify + the same pg Pool doing one INSERT / one indexed
// SELECT). Intake and tracking run at 50 concurrent loopback clients against both, one after the other
// in the same run; search and dashboard latencies are sampled one request at a time. Results go to
// bench/results/latest.json (--quick: quick.json), one object per engine.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { attachRunningEmbedded } from '../src/server/db/embedded.ts';
import type { Database } from '../src/server/db/schema.ts';
import { loadReferenceSnapshot } from '../src/server/routing/reference-snapshot.ts';
import { seededAccessCode } from '../src/server/seed/generate-appeals.ts';
import {
  BENCH_DATA_KEY,
  BENCH_PASSWORD,
  type BenchDatabase,
  type Engine,
  prepareDatabase,
} from './lib/databases.ts';
import { postLoad } from './lib/load.ts';
import { freePort, percentile, round1, rssMb, type Started, startNode } from './lib/processes.ts';
import { dashboardQueries, intakeBodies, searchCases } from './lib/workload.ts';

// `npm run bench -- analytics …`: only the leader views (bench/analytics.ts), not intake and search.
if (process.argv[2] === 'analytics') {
  await import('./analytics.ts');
  process.exit(0);
}

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    engines: { type: 'string', default: 'embedded,postgres' },
    appeals: { type: 'string' },
    seed: { type: 'string', default: '1' },
    seconds: { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
  strict: true,
});
const quick = values.quick ?? false;
const appeals = Number(values.appeals ?? (quick ? 100_000 : 1_000_000));
const seed = Number(values.seed ?? 1);
const seconds = Number(values.seconds ?? (quick ? 5 : 20));
const warmUpSeconds = quick ? 2 : 3;
const engines = (values.engines ?? '')
  .split(',')
  .filter((e): e is Engine => e === 'embedded' || e === 'postgres');
const root = path.resolve(import.meta.dirname, '..');
const outFile = values.out ?? path.join(root, 'bench', 'results', quick ? 'quick.json' : 'latest.json');
const workDir = path.join(root, 'bench', 'results', 'tmp');
const CONNECTIONS = 50;

const log = (message: string) => process.stdout.write(`${message}\n`);

/** One engine's figures, in the shape issue 7 fixes. */
interface EngineResult {
  engine: Engine;
  appeals: number;
  intake: { appealsPerSec: number; p50Ms: number; p99Ms: number; ceilingPerSec: number; ratio: number };
  track: { requestsPerSec: number; p50Ms: number; p99Ms: number; ceilingPerSec: number; ratio: number };
  search: { p50Ms: number; p95Ms: number };
  dashboard: { p50Ms: number; p95Ms: number };
  rssMb: number;
}

async function signIn(url: string, login: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: BENCH_PASSWORD }),
  });
  if (!response.ok)
    throw new Error(`sign-in of ${login} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('murojaat_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] ?? '';
}

/**
 * How long `run` took. A request the server drops (it closes connections idle for 30 s) counts with the
 * time it took, and is logged: a dashboard that never answers is the slowest dashboard, not a crash.
 */
async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  try {
    await run();
  } catch (error) {
    log(
      `    !! failed after ${round1(performance.now() - started)} ms: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return performance.now() - started;
}

async function benchEngine(engine: Engine): Promise<EngineResult> {
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
    workDir,
    log,
  });
  const servers: Started[] = [];
  let stopping = false;
  let peakRss = 0;
  let sampler: NodeJS.Timeout | undefined;
  try {
    const port = await freePort();
    const server = await startNode({
      script: 'src/app/main.ts',
      cwd: root,
      port,
      env: {
        ...database.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        RATE_LIMITS: 'off',
        LOG_LEVEL: 'warn',
        REQUIRE_TOTP_ROLES: '',
        MUROJAAT_DATA_KEY: BENCH_DATA_KEY,
        // The full run is a default deployment (workers in the server). --quick leaves the jobs queued
        // (ROLE=api): draining triage after the intake burst took 70–85 s per engine, more than the
        // rest of a quick run together.
        ROLE: quick ? 'api' : 'all',
      },
    });
    servers.push(server);
    void server.exited.then((code) => {
      if (!stopping)
        log(`  !! the server exited (code ${code}) during the run; its last output:\n${server.output()}`);
    });
    sampler = setInterval(() => {
      void rssMb(server.pid).then((mb) => {
        peakRss = Math.max(peakRss, mb);
      });
    }, 250);
    const ceilingPort = await freePort();
    const ceiling = await startNode({
      script: 'bench/ceiling-server.ts',
      cwd: root,
      port: ceilingPort,
      env: { ...database.env, PORT: String(ceilingPort) },
    });
    servers.push(ceiling);

    const connection = database.env.DATABASE_URL
      ? { connectionString: database.env.DATABASE_URL }
      : (await attachRunningEmbedded(database.dataDir))?.owner;
    if (!connection) throw new Error('cannot reach the embedded database');
    const pool = new pg.Pool({ ...connection, max: 2 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      const ref = await loadReferenceSnapshot(db);
      const bodies = intakeBodies(ref, 600);

      const sample = await pool.query<{ number: string }>(
        `select number from appeals where year < 2999 and not sandbox and seq % 7 = 3 and number in (
           select number from appeals tablesample system (2)) limit 3000`,
      );
      const trackBodies = sample.rows.map((r) =>
        JSON.stringify({ number: r.number, accessCode: seededAccessCode(seed, r.number) }),
      );
      log('  intake: warm-up');
      await postLoad({
        url: server.url,
        path: '/api/v1/appeals',
        bodies,
        connections: CONNECTIONS,
        seconds: warmUpSeconds,
      });
      await postLoad({
        url: ceiling.url,
        path: '/ceiling/intake',
        bodies,
        connections: CONNECTIONS,
        seconds: warmUpSeconds,
      });
      const intakeCeiling = await postLoad({
        url: ceiling.url,
        path: '/ceiling/intake',
        bodies,
        connections: CONNECTIONS,
        seconds,
      });
      const intake = await postLoad({
        url: server.url,
        path: '/api/v1/appeals',
        bodies,
        connections: CONNECTIONS,
        seconds,
      });
      log(
        `  intake: ${round1(intake.okPerSec)}/s p50 ${intake.p50Ms} ms p99 ${intake.p99Ms} ms ` +
          `(statuses ${JSON.stringify(intake.statusCounts)}, errors ${intake.errors}); ceiling ${round1(intakeCeiling.okPerSec)}/s ` +
          `p50 ${intakeCeiling.p50Ms} ms p99 ${intakeCeiling.p99Ms} ms`,
      );

      // Each intake queues a triage and a notification job, which the server's workers run after commit.
      // The next phases measure reading, not that backlog: wait for it, and report how long it took.
      await waitForJobs(pool, log);

      const probe = await fetch(`${server.url}/api/v1/appeals/track`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: trackBodies[0] ?? '{}',
      });
      if (probe.status !== 200) throw new Error(`tracking a seeded appeal answered ${probe.status}`);
      await postLoad({
        url: server.url,
        path: '/api/v1/appeals/track',
        bodies: trackBodies,
        connections: CONNECTIONS,
        seconds: warmUpSeconds,
      });
      const trackCeiling = await postLoad({
        url: ceiling.url,
        path: '/ceiling/track',
        bodies: trackBodies,
        connections: CONNECTIONS,
        seconds,
      });
      const track = await postLoad({
        url: server.url,
        path: '/api/v1/appeals/track',
        bodies: trackBodies,
        connections: CONNECTIONS,
        seconds,
      });
      log(
        `  track: ${round1(track.okPerSec)}/s p50 ${track.p50Ms} ms p99 ${track.p99Ms} ms ` +
          `(statuses ${JSON.stringify(track.statusCounts)}); ceiling ${round1(trackCeiling.okPerSec)}/s ` +
          `p50 ${trackCeiling.p50Ms} ms p99 ${trackCeiling.p99Ms} ms`,
      );

      await waitForJobs(pool, log);
      log(
        `  load average now ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
      const today = new Date().toISOString().slice(0, 10);
      const cookies: Record<'clerk' | 'head' | 'analyst', string> = {
        clerk: await signIn(server.url, 'bench.clerk'),
        head: await signIn(server.url, 'bench.head'),
        analyst: '',
      };
      const searchTimes: number[] = [];
      const reps = quick ? 3 : 10;
      for (const c of searchCases(today)) {
        const qs = new URLSearchParams({ ...c.query, pageSize: '50' }).toString();
        const times: number[] = [];
        let total = 0;
        let crossScript = false;
        for (let i = 0; i < reps + 1; i++) {
          const ms = await timed(async () => {
            const response = await fetch(`${server.url}/api/v1/appeals?${qs}`, {
              headers: { cookie: cookies[c.who] },
            });
            if (response.status !== 200)
              throw new Error(`search ${qs}: ${response.status} ${await response.text()}`);
            const page = (await response.json()) as { total: number; items: { excerpt: string }[] };
            total = page.total;
            crossScript ||= page.items.some((item) => /[а-яёўқғҳ]/i.test(item.excerpt));
          });
          // The first request of each case warms the plan cache and is not counted.
          if (i > 0) times.push(ms);
        }
        searchTimes.push(...times);
        log(
          `  search [${c.label}] ${qs}: p50 ${round1(percentile(times, 50))} ms, max ${round1(Math.max(...times))} ms, ` +
            `${total} found${crossScript ? ', incl. Cyrillic texts' : ''}`,
        );
      }

      // The dashboards: the console's endpoints as the head of a region and as a national analyst, and
      // the analyst's figures no endpoint serves yet as SQL (see docs/performance.md).
      cookies.analyst = await signIn(server.url, 'bench.analyst');
      const dashboardTimes: number[] = [];
      const endpoints: { who: 'head' | 'analyst'; path: string }[] = [
        { who: 'head', path: '/api/v1/dashboard' },
        { who: 'head', path: '/api/v1/dashboard?days=365' },
        { who: 'head', path: '/api/v1/queues' },
        { who: 'analyst', path: '/api/v1/dashboard' },
        { who: 'analyst', path: '/api/v1/dashboard?days=365' },
        // The leaders' hierarchy view at the ministry: every region side by side, three periods each.
        { who: 'analyst', path: '/api/v1/analytics/hierarchy?period=month' },
        { who: 'analyst', path: '/api/v1/analytics/hierarchy?period=year' },
        { who: 'head', path: '/api/v1/analytics/hierarchy?period=year' },
      ];
      for (const e of endpoints) {
        const times: number[] = [];
        // An endpoint that takes seconds is sampled three times rather than keeping the run waiting.
        let warmUp = 0;
        for (let i = 0; i < (warmUp > 5_000 ? 3 : reps) + 1; i++) {
          const ms = await timed(async () => {
            const response = await fetch(`${server.url}${e.path}`, { headers: { cookie: cookies[e.who] } });
            if (response.status !== 200)
              throw new Error(`${e.path}: ${response.status} ${await response.text()}`);
            await response.arrayBuffer();
          });
          if (i === 0) warmUp = ms;
          else times.push(ms);
        }
        dashboardTimes.push(...times);
        log(
          `  dashboard [${e.who}: GET ${e.path}]: p50 ${round1(percentile(times, 50))} ms, max ${round1(Math.max(...times))} ms`,
        );
      }
      const admin = new pg.Client(connection);
      await admin.connect();
      try {
        for (const q of dashboardQueries(today)) {
          const times: number[] = [];
          for (let i = 0; i < reps + 1; i++) {
            const ms = await timed(async () => {
              await admin.query(q.sql, q.values);
            });
            if (i > 0) times.push(ms);
          }
          dashboardTimes.push(...times);
          log(
            `  dashboard [${q.who} SQL: ${q.label}]: p50 ${round1(percentile(times, 50))} ms, max ${round1(Math.max(...times))} ms`,
          );
        }
      } finally {
        await admin.end();
      }
      const count = await pool.query<{ n: number }>(
        'select count(*)::int as n from appeals where not sandbox',
      );
      return {
        engine,
        appeals: count.rows[0]?.n ?? 0,
        intake: {
          appealsPerSec: round1(intake.okPerSec),
          p50Ms: intake.p50Ms,
          p99Ms: intake.p99Ms,
          ceilingPerSec: round1(intakeCeiling.okPerSec),
          ratio: Math.round((intake.okPerSec / intakeCeiling.okPerSec) * 100) / 100,
        },
        track: {
          requestsPerSec: round1(track.okPerSec),
          p50Ms: track.p50Ms,
          p99Ms: track.p99Ms,
          ceilingPerSec: round1(trackCeiling.okPerSec),
          ratio: Math.round((track.okPerSec / trackCeiling.okPerSec) * 100) / 100,
        },
        search: { p50Ms: round1(percentile(searchTimes, 50)), p95Ms: round1(percentile(searchTimes, 95)) },
        dashboard: {
          p50Ms: round1(percentile(dashboardTimes, 50)),
          p95Ms: round1(percentile(dashboardTimes, 95)),
        },
        rssMb: peakRss,
      };
    } finally {
      await db.destroy();
    }
  } finally {
    stopping = true;
    if (sampler) clearInterval(sampler);
    for (const s of servers.reverse()) await s.stop();
    await database.drop();
  }
}

const started = performance.now();
const results: EngineResult[] = [];
/** Writes after each engine, so that a later failure keeps the engines already measured. */
async function save(): Promise<void> {
  // A run of some engines replaces their entries and keeps the others' (each entry is a whole measurement).
  const previous: EngineResult[] = await readFile(outFile, 'utf8')
    .then((text) => JSON.parse(text) as EngineResult[])
    .catch(() => []);
  const merged = [...results, ...previous.filter((p) => !results.some((r) => r.engine === p.engine))].sort(
    (a, b) => a.engine.localeCompare(b.engine),
  );
  await mkdir(path.dirname(outFile), { recursive: true });
  await writeFile(outFile, `${JSON.stringify(merged, null, 2)}\n`);
}
if (engines.length === 0) throw new Error('no engine to benchmark: --engines embedded,postgres');
for (const engine of engines) {
  results.push(await benchEngine(engine));
  await save();
}
log(`\nWrote ${path.relative(root, outFile)} in ${round1((performance.now() - started) / 1000)} s`);

/** Waits until the server's job queue (triage, notifications) is empty, logging how long that took. */
async function waitForJobs(pool: pg.Pool, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  let pending = 0;
  if (quick) {
    const { rows } = await pool.query<{ n: number }>(
      "select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active')",
    );
    log(`  background jobs left queued: ${rows[0]?.n ?? 0} (--quick runs the server without workers)`);
    return;
  }
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      "select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active')",
    );
    pending = rows[0]?.n ?? 0;
    if (pending === 0 || performance.now() - started > 15 * 60_000) break;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  log(
    `  background jobs drained in ${((performance.now() - started) / 1000).toFixed(1)} s (${pending} left)`,
  );
}
