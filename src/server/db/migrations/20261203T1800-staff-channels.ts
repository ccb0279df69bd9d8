import { type Kysely, sql } from 'kysely';

// Staff's own notices may also leave by e-mail or Telegram, to an address the staff member linked from
// the console:
// - staff_channels: a confirmed link per staff member and channel (the e-mail address sealed, or the
//   Telegram chat), and whether notices go there. Separate from the chats citizens follow appeals in.
// - staff_link_codes: the one-time codes that prove an address is the staff member's: sent to the e-mail
//   address, or given to the bot. Only their keyed hash is kept; each expires, works once, counts its
//   wrong attempts.
// - staff_notice_deliveries: one row per notice and channel, what the outbox did with it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_channels (
      user_id integer not null references users(id),
      channel text not null check (channel in ('email', 'telegram')),
      email_enc bytea,
      chat_id bigint,
      enabled boolean not null default true,
      linked_at timestamptz not null,
      primary key (user_id, channel),
      check ((channel = 'email') = (email_enc is not null)),
      check ((channel = 'telegram') = (chat_id is not null))
    )`.execute(db);
  await sql`
    create table staff_link_codes (
      id bigserial primary key,
      user_id integer not null references users(id),
      channel text not null check (channel in ('email', 'telegram')),
      code_hash bytea not null,
      email_enc bytea,
      attempts integer not null default 0,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz
    )`.execute(db);
  await sql`create index staff_link_codes_user_idx on staff_link_codes (user_id, channel)`.execute(db);
  await sql`create index staff_link_codes_hash_idx on staff_link_codes (code_hash)`.execute(db);
  await sql`
    create table staff_notice_deliveries (
      id bigserial primary key,
      notice_id bigint not null references staff_notices(id),
      channel text not null check (channel in ('email', 'telegram')),
      status text not null check (status in ('queued', 'retrying', 'sent', 'failed', 'dropped')),
      attempts integer not null default 0,
      error_code text,
      provider_id text,
      created_at timestamptz not null,
      attempted_at timestamptz,
      unique (notice_id, channel)
    )`.execute(db);
}
