// (e) Sustained load: 200 concurrent clients for a minute mixing intake, tracking and staff reads against
// the real server on a database holding seeded appeals. No errors, and memory stays flat: what the server
// keeps after a full garbage collection (read through the inspector every few seconds) must not climb.
import autocannon from 'autocannon';
import { connectInspector, type MemoryAfterGc } from '../../bench/lib/inspector.ts';
import { freePort, rssMb } from '../../bench/lib/processes.ts';
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

  const inspectPort = await freePort();
  const server = await startServer(database, { nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`] });
  const inspector = await connectInspector(inspectPort);
  const samples: number[] = [];
  const kept: MemoryAfterGc[] = [];
  let collecting = false;
  const sampler = setInterval(() => {
    void rssMb(server.pid).then((mb) => samples.push(mb));
  }, 1_000);
  const collector = setInterval(() => {
    if (collecting) return;
    collecting = true;
    void inspector
      .memoryAfterGc()
      .then((m) => kept.push(m))
      .finally(() => {
        collecting = false;
      });
  }, 5_000);
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
    clearInterval(collector);
    kept.push(await inspector.memoryAfterGc());
    // A leak lifts what survives a full collection; RSS also carries garbage not yet collected and pages
    // the allocator keeps, which climb for minutes under load with nothing leaking (seen here: RSS medians
    // 568 → 724 MB while two heap snapshots 50 s apart were the same size). So the rule compares what
    // the server keeps after a collection, middle third of the run against the last third; RSS is shown.
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const thirds = (values: number[]) => {
      const third = Math.max(1, Math.floor(values.length / 3));
      return { middle: values.slice(third, 2 * third), last: values.slice(2 * third) };
    };
    const keptMb = kept.map((m) => m.heapUsedMb + m.externalMb);
    const keptThirds = thirds(keptMb);
    const keptMiddle = median(keptThirds.middle);
    const keptLast = median(keptThirds.last);
    const flat = kept.length >= 6 && keptLast <= keptMiddle * 1.1 + 16;
    const rss = thirds(samples);
    const line = (label: string, r: autocannon.Result) =>
      `${label}: ${r['2xx']} ok (${Math.round(r['2xx'] / r.duration)}/s), non-2xx ${r.non2xx}, errors ${r.errors}, ` +
      `timeouts ${r.timeouts}, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`;
    details.push(
      `${clients} clients for ${seconds} s on ${engine} with 20,000 seeded appeals`,
      line('intake', intake),
      line('tracking', track),
      line('staff reads', staff),
      `kept after a full collection (heap + external, MB, ${kept.length} samples): first ${keptMb[0]}; ` +
        `middle third median ${keptMiddle}, last third median ${keptLast}; end ${keptMb.at(-1)} → ` +
        `${flat ? 'flat' : 'GROWING'}`,
      `server RSS (MB) every second: start ${samples[0]}; middle third median ${median(rss.middle)} ` +
        `(peak ${Math.max(...rss.middle)}), last third median ${median(rss.last)} (peak ${Math.max(...rss.last)}); ` +
        `end ${samples.at(-1)}`,
    );
    const clean = [intake, track, staff].every((r) => r.non2xx === 0 && r.errors === 0 && r['2xx'] > 0);
    return { name: `sustained load (${engine})`, passed: clean && flat, details };
  } finally {
    clearInterval(sampler);
    clearInterval(collector);
    inspector.close();
    await server.stop();
    await database.drop();
  }
}
