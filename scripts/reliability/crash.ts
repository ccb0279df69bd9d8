// (a) Crash: intake load runs while the server is killed with SIGKILL at random moments and restarted;
// every appeal answered 201 must be stored with its number, text and history, numbers gap-free.
// On the embedded database each kill also orphans the postmaster, which the next start must recover.
import {
  type Engine,
  formatStatuses,
  freshDatabase,
  intakeLoad,
  type Outcome,
  sleep,
  startServer,
  verifyAcks,
} from './harness.ts';

export async function crashTest(engine: Engine, kills: number): Promise<Outcome> {
  const database = await freshDatabase(engine);
  const details: string[] = [];
  let server = await startServer(database);
  const port = new URL(server.url).port;
  const load = intakeLoad({ target: () => server.url, clients: 20, token: `crash-${engine}` });
  try {
    for (let k = 1; k <= kills; k++) {
      await sleep(1_000 + Math.random() * 3_000);
      const before = load.log.acks.length;
      await server.kill();
      const restartStarted = performance.now();
      server = await startServer(database, { port: Number(port) });
      details.push(
        `kill ${k}: ${before} acknowledged so far; restarted in ${((performance.now() - restartStarted) / 1000).toFixed(1)} s`,
      );
    }
    await sleep(1_500);
  } finally {
    await load.stop();
  }
  try {
    const pool = await database.pool();
    const v = await verifyAcks(pool, load.log.acks);
    const passed =
      v.lost.length === 0 &&
      v.wrongText.length === 0 &&
      v.noHistory.length === 0 &&
      v.gapFree &&
      v.acknowledged > 0;
    details.push(
      `${v.lost.length} lost of ${v.acknowledged} acknowledged over ${kills} kills (${engine})`,
      `wrong text: ${v.wrongText.length}, without history: ${v.noHistory.length}`,
      `numbering: ${v.numbering.map((n) => `${n.year}: counter ${n.counter}, rows ${n.rows}, max ${n.max}, distinct ${n.distinct}`).join('; ')} → ${v.gapFree ? 'gap-free and unique' : 'GAPS OR DUPLICATES'}`,
      `answers seen: ${formatStatuses(load.log.statuses)}; refused connections while down: ${load.log.networkErrors}`,
    );
    return { name: `crash (${engine})`, passed, details };
  } finally {
    await server.stop();
    await database.drop();
  }
}
