import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

// SQL only: keeping the daily roll-up of the leader views (docs/analytics.md, "The daily roll-up"). The rows of
// a day are defined once, by the database function `analytics_reroll` (migration 20261204T1700-daily-rollup).

/** One re-roll or rebuild at a time (two re-rolls of the same day would both insert its rows). */
const lock = sql`select pg_advisory_xact_lock(hashtext('analytics_daily_rollup'))`;

/**
 * Re-rolls the days of receipt the triggers marked since the last run. The marks are deleted before the
 * appeals are read (each statement reads what was committed when it began), so a change committed after
 * that keeps its mark for the next run: nothing is lost between runs. Returns how many days were re-rolled.
 */
export function rerollDirtyDays(db: Db): Promise<number> {
  return db.transaction().execute(async (tx) => {
    await lock.execute(tx);
    const marked = await tx.deleteFrom('analytics_dirty_days').returning('day').execute();
    const days = [...new Set(marked.map((r) => String(r.day)))];
    if (days.length > 0) await sql`select analytics_reroll(${sql.val(days)}::date[])`.execute(tx);
    return days.length;
  });
}

/** Recounts every day from the appeals (`murojaat analytics rollup --rebuild`, and after a bulk seed). */
export function rebuildRollup(db: Db): Promise<{ days: number }> {
  return db.transaction().execute(async (tx) => {
    await lock.execute(tx);
    await tx.deleteFrom('analytics_dirty_days').execute();
    await tx.deleteFrom('analytics_daily').execute();
    await tx.deleteFrom('analytics_daily_answer_days').execute();
    await tx.deleteFrom('analytics_monthly').execute();
    await tx.deleteFrom('analytics_monthly_answer_days').execute();
    await tx.deleteFrom('analytics_territory_daily').execute();
    await tx.deleteFrom('analytics_territory_monthly').execute();
    const { rows } = await sql<{ days: number }>`
      select analytics_reroll(array(select distinct received_on from appeals)),
             (select count(distinct received_on)::int from appeals) as days`.execute(tx);
    return { days: rows[0]?.days ?? 0 };
  });
}
