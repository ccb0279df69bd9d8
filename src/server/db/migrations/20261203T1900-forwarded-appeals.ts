import { type Kysely, sql } from 'kysely';

// Appeals another system forwarded in (the President's Virtual Reception, another body's system). The primary
// key on (source, external_id) is what makes forwarding idempotent: a retried or doubled request finds the
// appeal the first one registered, even when both arrive at the same moment. `body_hash` (SHA-256 of the
// request's canonical fields) tells a retry from a different appeal sent under the same ids. The access code is
// kept sealed only for a key allowed personal data, so that a retry after a lost answer can be told it again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table forwarded_appeals (
      source text not null check (length(source) between 1 and 100),
      external_id text not null check (length(external_id) between 1 and 100),
      appeal_id integer not null unique references appeals(id),
      integration_id integer not null references integration_keys(id),
      body_hash bytea not null,
      access_code_enc bytea,
      external_received_at timestamptz not null,
      created_at timestamptz not null,
      primary key (source, external_id)
    )`.execute(db);
}
