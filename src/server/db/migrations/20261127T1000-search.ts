import { type Kysely, sql } from 'kysely';

// Staff search as a full-text prefix query over the canonical Latin text (appeals.repository.ts
// `prefixQuery`). Measured at 1,000,000 appeals (docs/performance.md): the trigram `ilike '%word%'` search
// rechecks tens of thousands of wide rows for a common word (0.7–0.9 s with its exact count); word-prefix
// matching on this index needs no recheck (40–160 ms with the count capped at 10,000). The trigram index
// and the answered-only text index are then redundant: every insert paid for the trigram one (hundreds
// of entries per text) and "similar answered appeals" is served by this index with a status filter.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index appeals_text_fts on appeals using gin (to_tsvector('simple', text_latin))`.execute(
    db,
  );
  await sql`drop index if exists appeals_text_trgm`.execute(db);
  await sql`drop index if exists appeals_answered_fts`.execute(db);
}
