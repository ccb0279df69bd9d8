import { type Kysely, sql } from 'kysely';

// Issue 16 (leader views at 1,000,000 appeals; bench/analytics.ts, docs/performance.md "Leader views"):
//
// - The hierarchy view reads every appeal received in its periods (a national year and the year before:
//   ~800,000 at a million) and needs, besides what the period index already carried, the receipt instant
//   (days to answer), the head's extension, the id (repeat links) and, for the complaints, the appeal
//   complained of. Without them each of those rows was fetched from the wide table; with them the view
//   is an index-only scan of `appeals_period_stats`.
// - The workload view counts the answers approved in its period by `closed_at` and needs the owner unit,
//   the due day and the receipt instant of each: now in `appeals_closed_at` too.
export async function up(db: Kysely<unknown>): Promise<void> {
  const visibility = sql.raw('sandbox, scope_units, scope_reach, subject_unit_id, subject_officer_id');
  await sql`drop index appeals_period_stats`.execute(db);
  await sql`
    create index appeals_period_stats on appeals (received_on)
    include (status, category_code, territory_code, owner_unit_id, outcome, channel, type, due_on, closed_at,
             rating, link_kind, received_at, head_extension_used, id, parent_id, ${visibility})`.execute(db);
  await sql`drop index appeals_closed_at`.execute(db);
  await sql`
    create index appeals_closed_at on appeals (closed_at)
    include (status, executor_id, owner_unit_id, due_on, received_at, ${visibility})
    where closed_at is not null`.execute(db);
}
