import { type Kysely, sql } from 'kysely';

// Where it happened in the words a citizen can give (street, house, mahalla, landmark), beside the optional
// coordinates a phone may add. Nullable, nothing rewritten.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table appeals add column place text`.execute(db);
}
