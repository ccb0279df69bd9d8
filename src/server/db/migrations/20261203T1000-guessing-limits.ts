import { type Kysely, sql } from 'kysely';

// Guessing limits shared by every server process.
// - guess_counters: wrong guesses per source (a login name, a browser that signed in before, a client
//   address), keyed by a keyed hash so the table names no person and no address. A source that has used
//   its free guesses is held until held_until, longer after each further wrong guess; it starts afresh
//   after forget_at.
// - users.totp_last_step: the last TOTP time step accepted for the user, so a code works once.
// The per-account lockout columns give way to the counters: a lock on the account let anyone lock anyone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table guess_counters (
      key bytea primary key,
      failures integer not null,
      held_until timestamptz,
      forget_at timestamptz not null
    )
  `.execute(db);
  await sql`create index guess_counters_forget_at on guess_counters (forget_at)`.execute(db);
  await sql`alter table users add column totp_last_step bigint`.execute(db);
  await sql`alter table users drop column failed_logins, drop column locked_until`.execute(db);
}
