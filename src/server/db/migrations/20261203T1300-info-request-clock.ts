import { type Kysely, sql } from 'kysely';

// The 10-day clock of an information request to another body (ZRU-445): set when the executor asks, cleared
// when the answer arrives. A nullable column without a default: adding it rewrites nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table appeals add column info_due_on date`.execute(db);
}
