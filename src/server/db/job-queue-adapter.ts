import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import type { Db as BossDb } from 'pg-boss';
import type { Db } from './database.ts';

// pg-boss writes its jobs through whatever connection it is given; these give it ours, so a job is a row
// written in the same transaction as the change that causes it (the outbox, jobs/job-queue.ts).

/** pg-boss's view of a Kysely transaction: the jobs it writes commit or vanish with it. */
export function bossDbOn(tx: Db): BossDb {
  return {
    executeSql: async (text, values) => {
      const result = await tx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: [...result.rows] };
    },
  };
}

/** pg-boss's view of one client, for statements that must share its transaction. */
export function bossDbOnClient(client: pg.Client): BossDb {
  return {
    executeSql: async (text, values) => {
      const result = await client.query(text, values);
      return { rows: result.rows };
    },
  };
}
