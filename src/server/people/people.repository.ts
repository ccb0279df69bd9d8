import type { Role } from '../../contracts/enums.ts';
import type { Db } from '../db/database.ts';
import type { SignInMethod } from '../db/schema.ts';

// SQL only: staff accounts as sign-in and enrolment see them, and their sessions (kept under the hash of
// the cookie's token, which the caller computes).

/** Stores a new session. */
export async function insertSession(
  db: Db,
  session: {
    id: string;
    userId: number;
    csrfToken: string;
    secondFactorDone: boolean;
    signedInWith: SignInMethod;
    now: Date;
    expiresAt: Date;
    deviceSummary: string;
    network: string;
    deviceId: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      second_factor_done: session.secondFactorDone,
      signed_in_with: session.signedInWith,
      created_at: session.now,
      last_seen_at: session.now,
      expires_at: session.expiresAt,
      device_summary: session.deviceSummary,
      network: session.network,
      device_id: session.deviceId,
    })
    .returning('handle')
    .executeTakeFirstOrThrow();
  return row.handle;
}

/** A user's sessions not yet past their absolute end, newest activity first. */
export function sessionsOf(db: Db, userId: number, now: Date) {
  return db
    .selectFrom('sessions')
    .select(['id', 'handle', 'device_summary', 'network', 'created_at', 'last_seen_at', 'second_factor_done'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .limit(100)
    .execute();
}

/** Deletes a user's session by its public handle; true when there was one. */
export async function deleteSessionByHandle(db: Db, userId: number, handle: string): Promise<boolean> {
  const deleted = await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .where('handle', '=', handle)
    .executeTakeFirst();
  return deleted.numDeletedRows === 1n;
}

/** Whether the account has at least one passkey. */
export async function hasPasskey(db: Db, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('webauthn_credentials')
    .select('id')
    .where('user_id', '=', userId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A session with the account it belongs to, however old. */
export function sessionWithUser(db: Db, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.second_factor_done',
      'sessions.signed_in_with',
      'users.id',
      'users.login',
      'users.full_name',
      'users.role',
      'users.unit_id',
      'users.scope_subtree',
      'users.must_change_password',
      'users.totp_enabled',
      'users.active',
      'users.language',
      'sessions.handle',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('webauthn_credentials')
              .select('id')
              .whereRef('webauthn_credentials.user_id', '=', 'users.id'),
          )
          .as('has_passkey'),
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

/** Records when a session was last used. */
export async function setSessionSeen(db: Db, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** Deletes one session. */
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes every session of a user but the one with id `exceptId`, if given. */
export async function deleteSessionsOf(db: Db, userId: number, exceptId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}

/** Records that a session has passed the second factor. */
export async function setSessionSecondFactor(db: Db, id: string): Promise<void> {
  await db.updateTable('sessions').set({ second_factor_done: true }).where('id', '=', id).execute();
}

/** One account by its (lower-case) login. */
export function userWithLogin(db: Db, login: string) {
  return db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();
}

/** One account by id; throws when there is none. */
export function userWithId(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Whether an account with this (lower-case) login exists. */
export async function loginTaken(db: Db, login: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst();
  return row !== undefined;
}

/** Whether there is any staff account at all. */
export async function anyUser(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Adds a staff account and returns its id. */
export async function insertUser(
  db: Db,
  user: {
    login: string;
    fullName: string;
    role: Role;
    unitId: number;
    scopeSubtree: boolean;
    passwordHash: string;
    mustChangePassword: boolean;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      login: user.login,
      full_name: user.fullName,
      role: user.role,
      unit_id: user.unitId,
      scope_subtree: user.scopeSubtree,
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Replaces an account's password; the one-time password, if any, is then used up. */
export async function setPassword(db: Db, userId: number, passwordHash: string, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: now })
    .where('id', '=', userId)
    .execute();
}

/**
 * Records a TOTP time step as used, unless a later or equal one already was (a code replayed in parallel):
 * true when this call recorded it.
 */
export async function claimTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const claimed = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return claimed.numUpdatedRows === 1n;
}

/** Whether an account has TOTP on, with its login; throws when there is no such account. */
export function totpStateOf(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'login', 'totp_enabled'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** Keeps the (sealed) TOTP secret of an enrolment not yet confirmed. */
export async function setTotpSecret(db: Db, userId: number, sealed: Buffer): Promise<void> {
  await db.updateTable('users').set({ totp_secret_enc: sealed }).where('id', '=', userId).execute();
}

/** Turns TOTP on for an account. */
export async function enableTotp(db: Db, userId: number): Promise<void> {
  await db.updateTable('users').set({ totp_enabled: true }).where('id', '=', userId).execute();
}

/** A unit by its code. */
export function unitWithCode(db: Db, code: string) {
  return db.selectFrom('units').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
}

/** Records a successful sign-in; returns the one before it (null for the account's first). */
export async function markSignedIn(db: Db, userId: number, now: Date): Promise<Date | null> {
  const row = await db
    .updateTable('users as u')
    .from('users as before')
    .set({ signed_in_at: now })
    .whereRef('before.id', '=', 'u.id')
    .where('u.id', '=', userId)
    .returning('before.signed_in_at as previous')
    .executeTakeFirstOrThrow();
  return row.previous;
}
