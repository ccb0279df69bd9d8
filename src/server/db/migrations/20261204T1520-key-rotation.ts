import { type Kysely, sql } from 'kysely';

// Key rotation (docs/operations.md, "Key rotation"). An audit row names the data key that signed it:
// `hmac-sha256` is the first key, as before; `hmac-sha256:<key id>` a later one. A rotation's progress is
// counts and a position (table and row id) only: keys never live in the database, ids are fingerprints.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log drop constraint audit_log_hash_kind_check`.execute(db);
  await sql`
    alter table audit_log add constraint audit_log_hash_kind_check
      check (hash_kind = 'sha256' or hash_kind ~ '^hmac-sha256(:[0-9a-f]{8})?$')`.execute(db);
  await sql`
    create table key_rotations (
      id serial primary key,
      key_id text not null check (key_id ~ '^[0-9a-f]{8}$'),
      started_at timestamptz not null,
      finished_at timestamptz,
      -- Which step the chain of background jobs is at: a job of another step is a stale duplicate.
      step integer not null default 0,
      -- Where the next batch starts: the index of the sealed column in the server's list, and the last key done.
      position integer not null default 0,
      after_key text,
      batch_size integer not null check (batch_size between 1 and 10000),
      pause_ms integer not null check (pause_ms between 0 and 600000),
      total bigint not null default 0,
      done bigint not null default 0,
      -- Look-up hashes that did not match what the sealed record gives, so stay under the old key.
      hashes_kept bigint not null default 0,
      -- Ciphertexts that did not open (altered, or a key the ring lacks): left as they were.
      failed bigint not null default 0
    )`.execute(db);
  await sql`create unique index key_rotations_one_running on key_rotations ((true)) where finished_at is null`.execute(
    db,
  );
}
