import { type Kysely, sql } from 'kysely';

// Issue 16 (leader views at 1,000,000 appeals; docs/performance.md "Leader views"):
//
// - Complaints about an answer are ~2 % of appeals, yet the hierarchy view and the workload view found a
//   period's complaints by reading every appeal of the period. A partial index holds only them, with what
//   both views count and the scope's hiding rules need.
// - The workload view's "open now" per executor read each open appeal's row for its executor:
//   `appeals_open_received` now carries `executor_id` too, so that part is an index-only scan.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index appeals_complaints on appeals (received_on)
    include (parent_id, status, outcome, sandbox, scope_units, scope_reach, subject_unit_id, subject_officer_id)
    where link_kind = 'complaint'`.execute(db);
  await sql`drop index appeals_open_received`.execute(db);
  await sql`
    create index appeals_open_received on appeals (received_on)
    include (owner_unit_id, executor_id, due_on, category_code, channel, type, subject_unit_id,
             subject_officer_id, sandbox)
    where status not in ('answered', 'not_considered', 'forwarded', 'withdrawn', 'merged')`.execute(db);
}
