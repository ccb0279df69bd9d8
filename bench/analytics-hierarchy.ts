// The leaders' hierarchy view (GET /api/v1/analytics/hierarchy) over seeded appeals, through the real
// server process, one request at a time: the ministry as a national analyst (month, quarter, year, a year
// filtered by channel) and the region as its head.
//
//   node --import tsx bench/analytics-hierarchy.ts [--appeals N] [--engine embedded|postgres] [--reps R] [--no-cache]
//
// Seeds N appeals (default 1,000,000) over three years with `murojaat seed`'s generator into a fresh
// database (a cached seeded copy of the day when there is one, as `npm run bench` does). Docs:
// docs/analytics.md ("The hierarchy view").
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DATA_KEY, BENCH_PASSWORD, type Engine, prepareDatabase } from './lib/databases.ts';
import { freePort, percentile, round1, startNode } from './lib/processes.ts';

const { values } = parseArgs({
  options: {
    appeals: { type: 'string', default: '1000000' },
    engine: { type: 'string', default: 'embedded' },
    reps: { type: 'string', default: '20' },
    'no-cache': { type: 'boolean', default: false },
  },
});
const appeals = Number(values.appeals);
const reps = Number(values.reps);
const engine: Engine = values.engine === 'postgres' ? 'postgres' : 'embedded';
const root = path.resolve(import.meta.dirname, '..');
const log = (m: string) => process.stdout.write(`${m}\n`);

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

log(
  `${engine}: ${appeals} appeals (load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')})`,
);
const database = await prepareDatabase(engine, {
  appeals,
  seed: 1,
  years: 3,
  cache: !values['no-cache'],
  workDir: path.join(root, 'bench', 'results', 'tmp'),
  log,
});
log(database.seedSeconds === null ? 'cached seeded copy' : `seeded in ${Math.round(database.seedSeconds)} s`);
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
    ROLE: 'api',
  },
});
try {
  const cookies = {
    analyst: await signIn(server.url, 'bench.analyst'),
    head: await signIn(server.url, 'bench.head'),
  };
  const cases: { who: keyof typeof cookies; query: string }[] = [
    { who: 'analyst', query: 'period=month' },
    { who: 'analyst', query: 'period=quarter' },
    { who: 'analyst', query: 'period=year' },
    { who: 'analyst', query: 'period=year&channel=telegram' },
    { who: 'head', query: 'period=year' },
  ];
  const all: number[] = [];
  for (const c of cases) {
    const times: number[] = [];
    for (let i = 0; i < reps + 1; i++) {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/v1/analytics/hierarchy?${c.query}`, {
        headers: { cookie: cookies[c.who] },
      });
      if (response.status !== 200) throw new Error(`${c.query}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
      if (i > 0) times.push(performance.now() - started);
    }
    all.push(...times);
    log(
      `  ${c.who} ${c.query}: p50 ${round1(percentile(times, 50))} ms, p95 ${round1(percentile(times, 95))} ms, max ${round1(Math.max(...times))} ms`,
    );
  }
  log(`all cases: p95 ${round1(percentile(all, 95))} ms over ${all.length} requests`);
} finally {
  await server.stop();
  await database.drop();
}
