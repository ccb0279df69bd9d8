import { type Kysely, sql } from 'kysely';

// API keys of other systems (an Open311 client, another body's system that forwards appeals, a webhook
// receiver). Only a SHA-256 of the key is kept: the key is random enough (256 bits) that a fast hash is as
// good as a slow one, and a leaked table gives nobody a key. `key_start` is the prefix and first characters,
// shown to administrators so they can tell keys apart. A key is revoked, never deleted: the audit log names it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table integration_keys (
      id serial primary key,
      name text not null,
      key_hash bytea not null unique,
      key_start text not null,
      scopes text[] not null check (
        cardinality(scopes) > 0
        and scopes <@ array['open311', 'appeals:forward', 'webhooks', 'personal-data']::text[]
      ),
      created_at timestamptz not null,
      created_by integer references users(id),
      last_used_at timestamptz,
      revoked_at timestamptz,
      revoked_by integer references users(id)
    )`.execute(db);
  // Open311 lists only the appeals it received, newest first, by date range: a small slice of all appeals.
  await sql`
    create index appeals_open311_received on appeals (received_at desc)
    where channel = 'open311' and not sandbox`.execute(db);
}
