import { type Kysely, sql } from 'kysely';

// Staff sign-in as ministries require (docs/operations.md, "Staff sign-in"):
// - webauthn_credentials: a staff member's passkeys (public key, signature counter, a name they chose).
// - webauthn_challenges: one pending ceremony each, single-use and short-lived, keyed by the hash of what
//   binds it (the session for registration, a ceremony cookie for sign-in).
// - sessions gain a public handle (the token's hash never leaves the server), a summary of the browser
//   (never the raw user agent), the client's network prefix (never the full address) and the known-device id.
// - staff_notices may be about an account instead of an appeal: a sign-in from a new device, repeated
//   failures; the account concerned is named for the administrators who are told too. users.signed_in_at
//   tells the first sign-in of an account (no alert) from later ones.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table webauthn_credentials (
      id serial primary key,
      user_id integer not null references users(id),
      credential_id text not null unique,
      public_key bytea not null,
      sign_count bigint not null default 0,
      transports text[] not null default '{}',
      device_type text not null check (device_type in ('singleDevice', 'multiDevice')),
      backed_up boolean not null,
      name text not null check (length(name) between 1 and 60),
      created_at timestamptz not null,
      last_used_at timestamptz
    )`.execute(db);
  await sql`create index webauthn_credentials_user on webauthn_credentials (user_id)`.execute(db);
  await sql`
    create table webauthn_challenges (
      id text primary key,
      purpose text not null check (purpose in ('register', 'authenticate')),
      challenge text not null,
      user_id integer references users(id),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index webauthn_challenges_expiry on webauthn_challenges (expires_at)`.execute(db);

  await sql`
    alter table sessions
      add column handle uuid not null default gen_random_uuid(),
      add column device_summary text not null default '',
      add column network text not null default '',
      add column device_id text`.execute(db);
  await sql`create unique index sessions_handle on sessions (handle)`.execute(db);

  // The first sign-in of an account is from a new device by definition, and alarms nobody.
  await sql`alter table users add column signed_in_at timestamptz`.execute(db);
  await sql`alter table staff_notices alter column appeal_id drop not null`.execute(db);
  await sql`alter table staff_notices add column subject_user_id integer references users(id)`.execute(db);
  await sql`alter table staff_notices drop constraint staff_notices_kind_check`.execute(db);
  await sql`
    alter table staff_notices add constraint staff_notices_kind_check
      check (kind in ('assigned', 'returned', 'awaiting_approval', 'due_soon', 'overdue', 'surge_alert',
                      'new_device', 'sign_in_failures'))`.execute(db);
  await sql`
    alter table staff_notices add constraint staff_notices_about_check
      check ((appeal_id is null) = (kind in ('new_device', 'sign_in_failures'))
             and (subject_user_id is null) = (appeal_id is not null))`.execute(db);
}
