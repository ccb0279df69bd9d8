// (f) Many processes (issue 18): two API processes (ROLE=api) and one worker (ROLE=worker) on one PostgreSQL
// database, behind a round-robin balancer on loopback (./balancer.ts). Citizens file appeals through the
// balancer; one API process is killed with SIGKILL mid-load. Checked: both processes served; every appeal
// answered 201 is stored (number, text, history) and numbering stays gap-free; after the kill every request
// is answered by the survivor (the balancer skips the refused backend); a clerk's live stream placed by the
// balancer on the surviving process hears an appeal written by the other process, a change the worker made,
// and, after the kill, an appeal filed through the balancer.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { freePort, type Started } from '../../bench/lib/processes.ts';
import { type Balancer, startBalancer } from './balancer.ts';
import {
  appealBody,
  createClerk,
  DATA_KEY,
  type FreshDatabase,
  freshDatabase,
  listen,
  type Outcome,
  postgresAdminUrl,
  root,
  signIn,
  sleep,
  startServer,
  verifyAcks,
  waitFor,
} from './harness.ts';

/** Starts `ROLE=worker` (no HTTP port): ready once it prints that it is. */
async function startWorker(database: FreshDatabase): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ...database.env,
      ROLE: 'worker',
      LOG_LEVEL: 'error',
      REQUIRE_TOTP_ROLES: '',
      MUROJAAT_DATA_KEY: DATA_KEY,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const keep = (chunk: Buffer) => {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      lines.splice(0, Math.max(0, lines.length - 200));
      if (lines.some((l) => l.startsWith('Murojaat is ready'))) resolve();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    void exited.then(() => reject(new Error(`the worker exited while starting:\n${lines.join('\n')}`)));
    setTimeout(
      () => reject(new Error(`the worker did not start in 90 s:\n${lines.join('\n')}`)),
      90_000,
    ).unref();
  });
  const started: Started = {
    child,
    pid: child.pid ?? 0,
    url: '',
    output: () => lines.join('\n'),
    exited,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
  try {
    await ready;
  } catch (error) {
    await started.kill();
    throw error;
  }
  return started;
}

async function file(url: string, token: string, index: number) {
  const { body, text } = appealBody(token, index);
  const response = await fetch(`${url}/api/v1/appeals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  const answer = (await response.json().catch(() => ({}))) as { number?: unknown; accessCode?: unknown };
  return {
    status: response.status,
    backend: response.headers.get('x-backend'),
    text,
    number: typeof answer.number === 'string' ? answer.number : undefined,
    accessCode: typeof answer.accessCode === 'string' ? answer.accessCode : undefined,
  };
}

interface Attempt {
  started: number;
  status: number | 'network';
  backend: string | null;
  number: string | undefined;
}

/** Whether PostgreSQL answers at the suite's address (the test is skipped, with a message, when not). */
async function postgresReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: postgresAdminUrl(), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function processesTest(options: { clients: number; seconds: number }): Promise<Outcome> {
  const name = 'many processes: 2 API + 1 worker behind a balancer (postgres)';
  const unreachable = await postgresReachable();
  if (unreachable) {
    const where = new URL(postgresAdminUrl()).host;
    return {
      name,
      passed: true,
      skipped: true,
      details: [`skipped: no PostgreSQL at ${where} (${unreachable})`],
    };
  }
  const details: string[] = [];
  const database = await freshDatabase('postgres');
  const processes: Started[] = [];
  let balancer: Balancer | undefined;
  let stream: ReturnType<typeof listen> | undefined;
  let pool: pg.Pool | undefined;
  try {
    const t0 = performance.now();
    const apiEnv = { ROLE: 'api', TRUST_PROXY: '127.0.0.1' };
    // The first start migrates the fresh database; the second API process then finds it ready.
    const one = await startServer(database, { port: await freePort(), env: apiEnv });
    processes.push(one);
    const two = await startServer(database, { port: await freePort(), env: apiEnv });
    processes.push(two);
    const backends = [
      { name: 'api-1', url: one.url, process: one },
      { name: 'api-2', url: two.url, process: two },
    ];
    balancer = await startBalancer(backends);
    pool = await database.pool();
    await createClerk(pool, 'rel.processes');
    details.push(`two API processes up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // The clerk's stream goes through the balancer; whichever process it lands on is the one that survives.
    stream = listen(balancer.url, await signIn(balancer.url, 'rel.processes'));
    await stream.opened;
    const survivor = backends.find((b) => b.name === stream?.backend());
    const victim = backends.find((b) => b !== survivor);
    if (!survivor || !victim)
      throw new Error(`the live stream was not placed by the balancer (${stream.backend()})`);
    await sleep(300);

    // A write on the other process reaches the stream (PostgreSQL LISTEN/NOTIFY across processes). No
    // worker runs yet, so whatever the stream hears of it now comes from the API process's own write.
    const probe = await file(victim.url, 'processes-probe', 1);
    const liveStream = stream;
    const crossHeard = await waitFor(async () => liveStream.numbers.has(probe.number ?? ''), 10_000);
    await sleep(1_000);
    const heardBeforeWorker = stream.events.filter((e) => e.number === probe.number).length;
    const analysedBeforeWorker = await pool.query(
      'select 1 from appeal_analysis a join appeals p on p.id = a.appeal_id where p.number = $1',
      [probe.number],
    );
    details.push(
      crossHeard
        ? `live: ${probe.number} written by ${victim.name} reached the clerk's stream on ${survivor.name} (${heardBeforeWorker} event(s) before any worker ran)`
        : `live: ${probe.number} written by ${victim.name} (status ${probe.status}) NEVER reached the stream on ${survivor.name}`,
    );

    // The worker starts, takes the queued triage job and writes the analysis; its change is announced too.
    const tw = performance.now();
    const worker = await startWorker(database);
    processes.push(worker);
    const livePool = pool;
    const triaged = await waitFor(async () => {
      const { rowCount } = await livePool.query(
        'select 1 from appeal_analysis a join appeals p on p.id = a.appeal_id where p.number = $1',
        [probe.number],
      );
      return (rowCount ?? 0) > 0;
    }, 60_000);
    const workerHeard =
      triaged &&
      (await waitFor(
        async () => liveStream.events.filter((e) => e.number === probe.number).length > heardBeforeWorker,
        10_000,
      ));
    const workerEvents = stream.events.filter((e) => e.number === probe.number).slice(heardBeforeWorker);
    details.push(
      workerHeard
        ? `live: the worker (up in ${((performance.now() - tw) / 1000).toFixed(1)} s) triaged ${probe.number}; the stream on ${survivor.name} heard its change (${workerEvents.map((e) => e.status).join(', ')})`
        : `live: worker triaged ${probe.number}: ${triaged}; the stream heard ${workerEvents.length} event(s) after it`,
    );

    // Load through the balancer; the victim is killed with SIGKILL half-way.
    const attempts: Attempt[] = [];
    const acks: { number: string; accessCode: string; text: string }[] = [];
    let running = true;
    let counter = 0;
    const client = async () => {
      while (running) {
        const index = counter++;
        const started = performance.now();
        const attempt: Attempt = { started, status: 'network', backend: null, number: undefined };
        try {
          const r = await file(balancer?.url ?? '', 'processes', index);
          attempt.status = r.status;
          attempt.backend = r.backend;
          attempt.number = r.number;
          if (r.status === 201 && r.number && r.accessCode) {
            acks.push({ number: r.number, accessCode: r.accessCode, text: r.text });
          }
        } catch {
          await sleep(50);
        }
        attempts.push(attempt);
      }
    };
    const loadStarted = performance.now();
    const clients = Array.from({ length: options.clients }, () => client());
    // The kill comes half-way, and not before both processes have acknowledged appeals (a process's first
    // appeal also loads the category model, which takes a moment on a busy machine).
    const acknowledgedBy = (backend: string) =>
      attempts.filter((a) => a.backend === backend && a.status === 201).length;
    await sleep((options.seconds * 1_000) / 2);
    await waitFor(async () => backends.every((b) => acknowledgedBy(b.name) >= 5), 30_000);
    const beforeKill = new Map(backends.map((b) => [b.name, acknowledgedBy(b.name)]));
    await victim.process.kill();
    const killedAt = performance.now();
    details.push(
      `kill -9 ${victim.name} (pid ${victim.process.pid}) after ${((killedAt - loadStarted) / 1000).toFixed(1)} s of load: ${[...beforeKill].map(([n, c]) => `${n} ${c}`).join(', ')} acknowledged so far`,
    );
    await sleep((options.seconds * 1_000) / 2);

    // After the kill, an appeal filed through the balancer still reaches the clerk's stream.
    const after = await file(balancer.url, 'processes-after', 2);
    const afterHeard = await waitFor(async () => liveStream.numbers.has(after.number ?? ''), 10_000);
    running = false;
    await Promise.all(clients);

    const v = await verifyAcks(pool, acks);
    const afterKill = attempts.filter((a) => a.started > killedAt);
    const afterKillFailed = afterKill.filter((a) => a.status !== 201);
    const failed = attempts.filter((a) => a.status !== 201);
    // Requests cut off by the kill were not acknowledged; whether each was stored is the database's
    // word (a commit may have happened just before the process died): informative, not a failure.
    const cutNumbers = failed.map((a) => a.number).filter((n): n is string => Boolean(n));
    const tallies = [...balancer.counts].map(
      ([n, c]) =>
        `${n}: ${[...c.answered].map(([s, k]) => `${k}×${s}`).join(', ') || 'nothing'}; ${c.refused} refused (sent on), ${c.broken} cut off`,
    );
    const survivorAfter = afterKill.filter((a) => a.backend === survivor.name && a.status === 201).length;
    details.push(
      `load: ${options.clients} clients for ${options.seconds} s, ${attempts.length} requests, ${acks.length} acknowledged (201 with a number)`,
      `balancer: ${tallies.join(' | ')}; ${balancer.unplaced()} unplaced`,
      `after the kill: ${afterKill.length} requests, ${survivorAfter} answered 201 by ${survivor.name}, ${afterKillFailed.length} failed`,
      `cut off by the kill: ${failed.length} request(s) not acknowledged${cutNumbers.length ? ` (${cutNumbers.length} with a number)` : ''}`,
      `stored: ${v.lost.length} lost of ${v.acknowledged} acknowledged; wrong text ${v.wrongText.length}; without history ${v.noHistory.length}; numbering ${v.gapFree ? 'gap-free' : 'HAS GAPS'}`,
      afterHeard
        ? `live after the kill: ${after.number} (filed through the balancer, answered by ${after.backend}) reached the stream on ${survivor.name}, which never broke`
        : `live after the kill: ${after.number} (status ${after.status}) never reached the stream; broken: ${stream.broken()}`,
    );
    const both = backends.every((b) => (beforeKill.get(b.name) ?? 0) > 0);
    if (!both) details.push('NOT spread: a backend answered no 201 before the kill');
    const passed =
      crossHeard &&
      analysedBeforeWorker.rowCount === 0 &&
      workerHeard &&
      both &&
      (balancer.counts.get(victim.name)?.refused ?? 0) > 0 &&
      survivorAfter > 0 &&
      afterKillFailed.length === 0 &&
      failed.length <= options.clients &&
      balancer.unplaced() === 0 &&
      v.acknowledged > 0 &&
      v.lost.length === 0 &&
      v.wrongText.length === 0 &&
      v.noHistory.length === 0 &&
      v.gapFree &&
      after.status === 201 &&
      after.backend === survivor.name &&
      afterHeard &&
      !stream.broken();
    details.push(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return { name, passed, details };
  } finally {
    stream?.stop();
    for (const p of processes) await p.stop(5_000).catch(() => {});
    await balancer?.close();
    await database.drop();
  }
}
