import { type Kysely, sql } from 'kysely';

// Tracking shows the files that go out with the approved answer; they are few, so only rows that belong
// to an answer are indexed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index attachments_answer on attachments (answer_id) where answer_id is not null`.execute(
    db,
  );
}
