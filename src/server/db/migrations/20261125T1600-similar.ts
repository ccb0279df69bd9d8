import { type Kysely, sql } from 'kysely';

// Full-text index over answered appeals only, for "similar answered appeals" on the card: small (only
// answered ones) and sub-linear at a million appeals.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index appeals_answered_fts on appeals
    using gin (to_tsvector('simple', text_latin)) where status = 'answered'`.execute(db);
}
