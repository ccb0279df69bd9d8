import { type Kysely, sql } from 'kysely';

// Indexes for the staff queues at 100,000+ appeals, chosen from EXPLAIN ANALYZE on a seeded database
// (src/server/dashboard/queue-scale.test.ts): real appeals in the default order (newest first, the id
// breaking ties), which also answers the whole-tree count from the index; and per-status queues (triage, awaiting
// approval, a status filter) walk only their status, newest first, instead of every appeal of the unit.
// Forward-only; never import application code here.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The subject columns ride along so that the scope rule (never a complaint about oneself) is checked
  // inside the index, and counting a whole tree stays an index-only scan.
  await sql`
    create index appeals_live_received on appeals (received_at desc, id desc)
    include (subject_unit_id, subject_officer_id) where not sandbox`.execute(db);
  await sql`create index appeals_live_status_received on appeals (status, received_at desc, id desc) where not sandbox`.execute(
    db,
  );
}
