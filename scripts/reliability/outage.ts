// (b) Database outage: the PostgreSQL server is stopped mid-load. The API must answer 503 with the code
// SERVICE_UNAVAILABLE (never hang, never 500), /readyz must say so, and once the database is back the
// same server process must recover by itself; nothing acknowledged may be lost. The database is
// started again whatever happens, so later tests have it.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import {
  formatStatuses,
  freshDatabase,
  intakeLoad,
  type Outcome,
  postgresAdminUrl,
  sleep,
  startServer,
  verifyAcks,
} from './harness.ts';

const run = promisify(execFile);

async function cluster(action: 'start' | 'stop'): Promise<void> {
  const versions = await readdir('/etc/postgresql');
  const version = versions.sort().at(-1);
  if (!version) throw new Error('no PostgreSQL cluster in /etc/postgresql');
  const args = ['--skip-systemctl-redirect', version, 'main', action];
  if (action === 'stop') args.push('-m', 'fast');
  await run('pg_ctlcluster', args);
}

async function readyz(url: string): Promise<{ status: number; code: string | undefined; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(15_000) });
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
    return { status: response.status, code: body.error?.code, ms: performance.now() - started };
  } catch {
    return { status: 0, code: 'NO_ANSWER', ms: performance.now() - started };
  }
}

export async function outageTest(outageSeconds: number): Promise<Outcome> {
  const host = new URL(postgresAdminUrl()).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') {
    return {
      name: 'database outage (postgres)',
      passed: false,
      details: ['the outage test needs the local cluster'],
    };
  }
  const database = await freshDatabase('postgres');
  const details: string[] = [];
  const server = await startServer(database);
  const load = intakeLoad({ target: () => server.url, clients: 20, token: 'outage', pauseOnErrorMs: 20 });
  let stopped = false;
  try {
    await sleep(2_500);
    const beforeOutage = new Map(load.log.statuses);
    await cluster('stop');
    stopped = true;
    const stoppedAt = performance.now();
    const probes: { status: number; code: string | undefined; ms: number }[] = [];
    while (performance.now() - stoppedAt < outageSeconds * 1_000) {
      probes.push(await readyz(server.url));
      await sleep(250);
    }
    const duringOutage = new Map<string, number>();
    for (const [k, v] of load.log.statuses) duringOutage.set(k, v - (beforeOutage.get(k) ?? 0));
    await cluster('start');
    stopped = false;
    const restartedAt = performance.now();
    let recoveredIn: number | null = null;
    while (performance.now() - restartedAt < 60_000) {
      const probe = await readyz(server.url);
      const acksBefore = load.log.acks.length;
      await sleep(300);
      if (probe.status === 200 && load.log.acks.length > acksBefore) {
        recoveredIn = (performance.now() - restartedAt) / 1000;
        break;
      }
    }
    await sleep(2_000);
    await load.stop();

    const readyAnswers = new Map<string, number>();
    for (const p of probes) {
      const key = `${p.status} ${p.code ?? ''}`.trim();
      readyAnswers.set(key, (readyAnswers.get(key) ?? 0) + 1);
    }
    const bad = [...load.log.statuses.keys()].filter((k) => k !== '201' && k !== '503 SERVICE_UNAVAILABLE');
    const readyOk = probes.some((p) => p.status === 503 && p.code === 'SERVICE_UNAVAILABLE');
    const readyBad = probes.filter(
      (p) => !(p.status === 503 && p.code === 'SERVICE_UNAVAILABLE') && p.status !== 200,
    );
    const pool = await database.pool();
    const v = await verifyAcks(pool, load.log.acks);
    const slowestProbe = Math.max(...probes.map((p) => p.ms));
    details.push(
      `intake during a ${outageSeconds} s outage: ${formatStatuses(duringOutage)}`,
      `all intake answers: ${formatStatuses(load.log.statuses)}; hung requests (>15 s): ${load.log.hung}; slowest ${Math.round(load.log.slowest)} ms`,
      `/readyz during the outage: ${formatStatuses(readyAnswers)} (slowest ${Math.round(slowestProbe)} ms)`,
      recoveredIn === null
        ? 'did NOT recover within 60 s of the database returning'
        : `recovered by itself ${recoveredIn.toFixed(1)} s after the database returned (no restart)`,
      `${v.lost.length} lost of ${v.acknowledged} acknowledged; numbering ${v.gapFree ? 'gap-free' : 'HAS GAPS'}`,
    );
    const passed =
      bad.length === 0 &&
      load.log.hung === 0 &&
      readyOk &&
      readyBad.length === 0 &&
      recoveredIn !== null &&
      (duringOutage.get('503 SERVICE_UNAVAILABLE') ?? 0) > 0 &&
      v.lost.length === 0 &&
      v.wrongText.length === 0 &&
      v.gapFree;
    if (bad.length) details.push(`unexpected answers: ${bad.join(', ')}`);
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      details.push(
        `the server process EXITED (code ${server.child.exitCode}, signal ${server.child.signalCode}); its last output:`,
        ...server.output().split('\n').slice(-45),
      );
    }
    return { name: 'database outage (postgres)', passed, details };
  } finally {
    if (stopped) await cluster('start').catch(() => {});
    await load.stop();
    await server.stop();
    await database.drop();
  }
}
