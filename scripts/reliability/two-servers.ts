// (c) Two server processes on one PostgreSQL: both take intake; every background job (the applicant's
// notification, triage) runs exactly once across them; a change made through one process reaches a
// staff member's live stream (SSE) on the other.
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';
import { createUser } from '../../src/server/people/accounts.ts';
import {
  appealBody,
  audit,
  formatStatuses,
  freshDatabase,
  intakeLoad,
  listen,
  type Outcome,
  STAFF_PASSWORD,
  signIn,
  sleep,
  startServer,
  verifyAcks,
  waitFor,
} from './harness.ts';

export async function twoServersTest(seconds: number): Promise<Outcome> {
  const database = await freshDatabase('postgres');
  const details: string[] = [];
  const a = await startServer(database);
  const b = await startServer(database);
  const pool = await database.pool();
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    const ministry = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'IIV')
      .executeTakeFirstOrThrow();
    await createUser(db, {
      login: 'rel.clerk',
      role: 'clerk',
      unitId: ministry.id,
      scopeSubtree: true,
      password: STAFF_PASSWORD,
      mustChangePassword: false,
      actor: { id: null, label: 'reliability' },
      now: new Date(),
      audit,
    });

    // Live updates: a clerk watches on B while an appeal is filed through A.
    const stream = listen(b.url, await signIn(b.url, 'rel.clerk'));
    await stream.opened;
    await sleep(500);
    const { body } = appealBody('live-probe', 1);
    const filed = await fetch(`${a.url}/api/v1/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const liveNumber = ((await filed.json()) as { number?: string }).number ?? '';
    const heard = await waitFor(async () => stream.numbers.has(liveNumber), 10_000);
    stream.stop();
    details.push(
      heard
        ? `live: ${liveNumber} filed through process A reached a clerk's stream on process B`
        : `live: ${liveNumber} filed through A never reached the stream on B`,
    );

    let turn = 0;
    const load = intakeLoad({
      target: () => ((turn++ & 1) === 0 ? a.url : b.url),
      clients: 20,
      token: 'two',
    });
    await sleep(seconds * 1_000);
    const log = await load.stop();
    const acked = log.acks.map((x) => x.number);
    const v = await verifyAcks(pool, log.acks);
    const ids = (
      await pool.query<{ id: number }>('select id from appeals where number = any($1)', [acked])
    ).rows.map((r) => r.id);

    const drained = await waitFor(async () => {
      const { rows } = await pool.query<{ notified: number; triaged: number }>(
        `select (select count(distinct appeal_id)::int from notifications where template = 'registered' and appeal_id = any($1)) as notified,
                (select count(*)::int from appeal_analysis where appeal_id = any($1)) as triaged`,
        [ids],
      );
      return rows[0]?.notified === ids.length && rows[0]?.triaged === ids.length;
    }, 120_000);
    const twice = await pool.query<{ appeal_id: number; template: string; n: number }>(
      `select appeal_id, template, count(*)::int as n from notifications where appeal_id = any($1)
       group by 1, 2 having count(*) > 1`,
      [ids],
    );
    const counts = await pool.query<{ notified: number; triaged: number; routed: number }>(
      `select (select count(*)::int from notifications where template = 'registered' and appeal_id = any($1)) as notified,
              (select count(*)::int from appeal_analysis where appeal_id = any($1)) as triaged,
              (select count(*)::int from (select appeal_id from appeal_events where appeal_id = any($1)
                 and event like 'routed%' and actor_kind = 'system' group by appeal_id having count(*) > 1) x) as routed`,
      [ids],
    );
    const jobs = await pool.query<{ name: string; state: string; n: number; retried: number }>(
      `select name, state, count(*)::int as n, count(*) filter (where retry_count > 0)::int as retried
       from pgboss.job group by 1, 2 order by 1, 2`,
    );
    const byServer = new Map<string, number>();
    for (const k of log.statuses.keys()) byServer.set(k, log.statuses.get(k) ?? 0);
    const c = counts.rows[0];
    details.push(
      `intake through both processes: ${formatStatuses(log.statuses)}; ${v.lost.length} lost of ${v.acknowledged} acknowledged; numbering ${v.gapFree ? 'gap-free' : 'HAS GAPS'}`,
      `jobs ${drained ? 'drained' : 'NOT drained in 120 s'}: ${c?.notified} 'registered' notifications and ${c?.triaged} triage analyses for ${ids.length} appeals; ${twice.rowCount} notified twice; ${c?.routed} auto-routed twice`,
      `pg-boss jobs: ${jobs.rows.map((j) => `${j.name}/${j.state} ${j.n}${j.retried ? ` (retried ${j.retried})` : ''}`).join(', ')}`,
    );
    const passed =
      heard &&
      drained &&
      (twice.rowCount ?? 0) === 0 &&
      c?.routed === 0 &&
      v.lost.length === 0 &&
      v.gapFree &&
      v.acknowledged > 0 &&
      [...log.statuses.keys()].every((k) => k === '201') &&
      !jobs.rows.some((j) => j.state === 'failed');
    return { name: 'two server processes (postgres)', passed, details };
  } finally {
    await db.destroy();
    await a.stop();
    await b.stop();
    await database.drop();
  }
}
