import { type Kysely, sql } from 'kysely';

// Why a notice failed as a stable code (with a number such as the HTTP or SMTP reply), beside the English
// sentence kept for the logs: the console says it in the reader's language, and other systems can branch on it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table notifications add column error_code text`.execute(db);
}
