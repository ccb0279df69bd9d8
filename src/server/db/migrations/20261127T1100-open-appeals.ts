import { type Kysely, sql } from 'kysely';

// The dashboards and queue counts at a million appeals (bench/results/latest.json: the national analyst's
// dashboard took 11–28 s). Almost every figure is about open appeals, a small share of all; the rest
// are bounded by a period. So: a partial index holding only open real appeals (its predicate is the
// same NOT IN list the queries use, so the planner can prove they match it), and narrow partial
// indexes for "closed since", "rated since" and "extended since".
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index appeals_open on appeals (owner_unit_id, due_on)
    include (status, executor_id, urgent, head_extension_used, extra_study, subject_unit_id, subject_officer_id, scope_units)
    where sandbox = false and status not in ('answered', 'not_considered', 'forwarded', 'withdrawn', 'merged')`.execute(
    db,
  );
  // Drafts waiting for a head: a handful among a million, wanted nearest deadline first.
  await sql`
    create index appeals_awaiting_approval on appeals (due_on, id) include (scope_units, subject_unit_id, subject_officer_id)
    where sandbox = false and status in ('answer_drafted', 'conclusion_drafted')`.execute(db);
  await sql`create index appeals_closed_at on appeals (closed_at) where closed_at is not null`.execute(db);
  await sql`create index appeals_rated_at on appeals (rated_at) where rated_at is not null`.execute(db);
  await sql`create index appeal_events_extended on appeal_events (at) where event = 'deadline_extended'`.execute(
    db,
  );
}
