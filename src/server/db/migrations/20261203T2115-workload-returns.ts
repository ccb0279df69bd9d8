import { type Kysely, sql } from 'kysely';

// The workload view (docs/analytics.md, "Workload and quality") counts the draft answers a head returned in
// a period: a small partial index by review time, instead of reading every answer ever drafted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index answers_returned_by_head on answers (reviewed_at) include (appeal_id, author_id)
    where kind = 'answer' and status = 'returned' and reviewer_id is not null`.execute(db);
}
