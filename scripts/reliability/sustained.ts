// (e) Sustained load: 200 concurrent clients for a minute mixing intake, tracking and staff reads against
// the real server on a database holding seeded appeals. No errors, and memory stays flat.
import autocannon from 'autocannon';
import { rssMb } from '../../bench/lib/processes.ts';
import type { Engine } from '../../src/server/db/database.ts';
import { openDatabase } from '../../src/server/db/database.ts';
import { createUser } from '../../src/server/people/accounts.ts';
import { loadReferenceSnapshot } from '../../src/server/routing/reference-snapshot.ts';
import { DataProtector } from '../../src/server/security/data-protector.ts';
import { seedAppeals } from '../../src/server/seed/copy-seed.ts';
import { seededAccessCode } from '../../src/server/seed/generate-appeals.ts';
import { seedReference } from '../../src/server/setup/seed-reference.ts';
import { appealBody, audit, DATA_KEY, freshDatabase, type Outcome, sleep, startServer } from './harness.ts';

const PASSWORD = 'reliability-password-long';
const SEED = 3;

export async function sustainedTest(engine: Engine, seconds: number, clients: number): Promise<Outcome> {
  const database = await freshDatabase(engine);
  const details: string[] = [];
  // Seed before the server starts (the embedded cluster can have one owner at a time).
  const opened = await openDatabase({
    databaseUrl: database.env.DATABASE_URL,
    dataDir: database.dataDir,
    poolSize: 4,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  });
  try {
    await seedReference(opened.db, audit, new Date());
    const ref = await loadReferenceSnapshot(opened.db);
    await seedAppeals({
      connection: opened.ownerConnection,
      protector: new DataProtector(Buffer.from(DATA_KEY, 'base64')),
      audit,
      ref,
      appeals: 20_000,
      seed: SEED,
      years: 1,
      until: new Date(),
    });
    const ministry = ref.units.byCode('IIV');
    if (!ministry) throw new Error('no ministry unit');
    await createUser(opened.db, {
      login: 'rel.clerk',
      role: 'clerk',
      unitId: ministry.id,
      scopeSubtree: true,
      password: PASSWORD,
      mustChangePassword: false,
      actor: { id: null, label: 'reliability' },
      now: new Date(),
      audit,
    });
  } finally {
    await opened.close();
  }

  const server = await startServer(database);
  const samples: number[] = [];
  const sampler = setInterval(() => {
    void rssMb(server.pid).then((mb) => samples.push(mb));
  }, 1_000);
  try {
    const pool = await database.pool();
    const numbers = (
      await pool.query<{ number: string }>('select number from appeals order by random() limit 2000')
    ).rows.map((r) => r.number);
    const trackBodies = numbers.map((n) =>
      JSON.stringify({ number: n, accessCode: seededAccessCode(SEED, n) }),
    );
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'rel.clerk', password: PASSWORD }),
    });
    const cookie =
      login.headers
        .getSetCookie()
        .find((c) => c.startsWith('murojaat_session='))
        ?.split(';')[0] ?? '';
    const staffPaths = [
      '/api/v1/appeals?pageSize=50',
      '/api/v1/appeals?status=in_progress,assigned&sort=due_asc',
      `/api/v1/appeals?q=${encodeURIComponent("telefonimni o'g'irlab")}`,
      '/api/v1/appeals?queue=overdue&territory=1726',
      ...numbers.slice(0, 50).map((n) => `/api/v1/appeals/${n}`),
    ];
    let i = 0;
    let s = 0;
    let t = 0;
    const share = (part: number) => Math.max(1, Math.round(clients * part));
    const common = { url: server.url, duration: seconds, timeout: 20 };
    const [intake, track, staff] = await Promise.all([
      autocannon({
        ...common,
        connections: share(0.4),
        requests: [
          {
            method: 'POST',
            path: '/api/v1/appeals',
            headers: { 'content-type': 'application/json' },
            setupRequest: (r) => ({ ...r, body: appealBody(`sustained-${i}`, i++).body }),
          },
        ],
      }),
      autocannon({
        ...common,
        connections: share(0.4),
        requests: [
          {
            method: 'POST',
            path: '/api/v1/appeals/track',
            headers: { 'content-type': 'application/json' },
            setupRequest: (r) => ({ ...r, body: trackBodies[t++ % trackBodies.length] ?? '{}' }),
          },
        ],
      }),
      autocannon({
        ...common,
        connections: share(0.2),
        requests: [
          {
            method: 'GET',
            headers: { cookie },
            setupRequest: (r) => ({ ...r, path: staffPaths[s++ % staffPaths.length] ?? '/api/v1/appeals' }),
          },
        ],
      }),
    ]);
    await sleep(1_000);
    clearInterval(sampler);
    const third = Math.max(1, Math.floor(samples.length / 3));
    const middle = samples.slice(third, 2 * third);
    const last = samples.slice(2 * third);
    const middlePeak = Math.max(...middle);
    const lastPeak = Math.max(...last);
    // A leak lifts the whole curve; the garbage collector's saw-tooth moves single peaks by tens of MB
    // from run to run. So the rule compares the thirds' medians, and the peaks are shown beside them.
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const middleMedian = median(middle);
    const lastMedian = median(last);
    const flat = lastMedian <= middleMedian * 1.15 + 30;
    const line = (label: string, r: autocannon.Result) =>
      `${label}: ${r['2xx']} ok (${Math.round(r['2xx'] / r.duration)}/s), non-2xx ${r.non2xx}, errors ${r.errors}, ` +
      `timeouts ${r.timeouts}, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`;
    details.push(
      `${clients} clients for ${seconds} s on ${engine} with 20,000 seeded appeals`,
      line('intake', intake),
      line('tracking', track),
      line('staff reads', staff),
      `server RSS (MB) every second: start ${samples[0]}; middle third median ${middleMedian} (peak ${middlePeak}), ` +
        `last third median ${lastMedian} (peak ${lastPeak}); end ${samples.at(-1)} → ${flat ? 'flat' : 'GROWING'}`,
    );
    const clean = [intake, track, staff].every((r) => r.non2xx === 0 && r.errors === 0 && r['2xx'] > 0);
    return { name: `sustained load (${engine})`, passed: clean && flat, details };
  } finally {
    clearInterval(sampler);
    await server.stop();
    await database.drop();
  }
}
