import { type Kysely, sql } from 'kysely';

// Staff single sign-on (docs/operations.md, "Staff sign-in"): a person the ministry's OpenID Connect provider
// vouches for is known here by the provider's issuer and subject. The first sign-in leaves a pending row with
// the name and e-mail the provider gave; an administrator matches it to a staff account (which carries the
// unit and the role), and from then on that identity signs in as the account.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_identities (
      id serial primary key,
      issuer text not null check (length(issuer) between 1 and 500),
      subject text not null check (length(subject) between 1 and 255),
      name text check (length(name) <= 200),
      email text check (length(email) <= 320),
      user_id integer references users(id),
      linked_by integer references users(id),
      linked_at timestamptz,
      first_seen_at timestamptz not null,
      last_seen_at timestamptz not null,
      unique (issuer, subject),
      check ((user_id is null) = (linked_at is null))
    )`.execute(db);
  await sql`create index staff_identities_user on staff_identities (user_id) where user_id is not null`.execute(
    db,
  );
  // How a session was opened: the provider answers for its people's second factor and has no password of
  // ours to change, so such a session is not sent to TOTP enrolment or to a password change.
  await sql`
    alter table sessions add column signed_in_with text not null default 'password'
      check (signed_in_with in ('password', 'oidc', 'passkey'))`.execute(db);
}
