import { type Kysely, sql } from 'kysely';

// The audit chain becomes keyed (docs/decisions/0003-audit-integrity.md). Rows written before keep their
// plain SHA-256 hashes and are marked as such; every new row says how its hash was made, so the verifier
// knows which rows the key covers and an unkeyed row after the first keyed one stands out. The first
// keyed row links to the old head, so editing an old row still breaks the chain.
// TRUNCATE skipped the row triggers that keep the table append-only: a statement trigger refuses it too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table audit_log add column hash_kind text not null default 'sha256'
      check (hash_kind in ('sha256', 'hmac-sha256'))`.execute(db);
  // No default from here on: a row inserted without saying how it was hashed is refused.
  await sql`alter table audit_log alter column hash_kind drop default`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}
