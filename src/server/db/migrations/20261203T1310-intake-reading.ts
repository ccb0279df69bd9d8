import { type Kysely, sql } from 'kysely';

// What intake read from the text before writing the appeal (urgency with its reasons, the officer-complaint
// evidence), kept so that triage does not read it again. Nullable without a default: nothing is rewritten;
// appeals written before this migration are read by triage as before.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table appeals add column intake_reading jsonb`.execute(db);
}
