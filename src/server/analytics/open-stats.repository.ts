import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { OpenStatsMonthlyTable } from '../db/schema.ts';

/** One stored rollup row. */
export type RollupRow = OpenStatsMonthlyTable;

/**
 * Rebuilds the monthly rollup in one grouped pass over the appeals (sandbox appeals left out), in one
 * transaction, so readers see the old rollup or the new one. An advisory lock keeps two servers from
 * rebuilding at once. Officer complaints (marked on the appeal or by their category) go into one national
 * row per month and type, with no region or category.
 */
export async function rebuildRollup(db: Db, now: Date): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('murojaat open stats'))`.execute(tx);
    await sql`delete from open_stats_monthly`.execute(tx);
    await sql`
      insert into open_stats_monthly (
        month, region_code, category_code, type, officer,
        received, answered_on_time, answered_late, satisfied, explained, rejected, forwarded, not_considered
      )
      select
        date_trunc('month', a.received_on)::date as month,
        case when o.officer then null else left(a.territory_code, 4) end as region_code,
        case when o.officer then null else a.category_code end as category_code,
        a.type,
        o.officer,
        count(*)::int,
        count(*) filter (where a.status = 'answered'
          and (a.closed_at at time zone 'Asia/Tashkent')::date <= a.due_on)::int,
        count(*) filter (where a.status = 'answered'
          and (a.closed_at at time zone 'Asia/Tashkent')::date > a.due_on)::int,
        count(*) filter (where a.status = 'answered' and a.outcome = 'satisfied')::int,
        count(*) filter (where a.status = 'answered' and a.outcome = 'explained')::int,
        count(*) filter (where a.status = 'answered' and a.outcome = 'rejected')::int,
        count(*) filter (where a.status = 'forwarded')::int,
        count(*) filter (where a.status = 'not_considered')::int
      from appeals a
      left join categories c on c.code = a.category_code
      cross join lateral (select a.about_officer or coalesce(c.officer_complaint, false) as officer) o
      where not a.sandbox
      group by 1, 2, 3, 4, 5`.execute(tx);
    await sql`
      insert into open_stats_state (id, refreshed_at) values (true, ${now})
      on conflict (id) do update set refreshed_at = excluded.refreshed_at`.execute(tx);
  });
}

/** When the rollup was last rebuilt; null before the first rebuild. */
export async function rollupRefreshedAt(db: Db): Promise<Date | null> {
  const row = await db.selectFrom('open_stats_state').select('refreshed_at').executeTakeFirst();
  return row?.refreshed_at ?? null;
}

/** Every rollup row, oldest month first. */
export async function readRollup(db: Db): Promise<RollupRow[]> {
  return db
    .selectFrom('open_stats_monthly')
    .selectAll()
    .orderBy('month')
    .orderBy('officer')
    .orderBy('region_code')
    .orderBy('category_code')
    .orderBy('type')
    .execute();
}
