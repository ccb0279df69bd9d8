import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';

/** How long a session lives: idle timeout and an absolute cap. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 60 * 60_000;

// The cookie carries a random token; the database keeps only its hash, so a leaked sessions table
// cannot be replayed.
function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new session; returns the secret token for the cookie and the CSRF token for the client. */
export async function createSession(
  db: Db,
  userId: number,
  now: Date,
  secondFactorDone: boolean,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
  await db
    .insertInto('sessions')
    .values({
      id: tokenId(token),
      user_id: userId,
      csrf_token: csrfToken,
      second_factor_done: secondFactorDone,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The live session of a token with its user, or undefined when expired, idle too long or unknown. */
export async function findSession(db: Db, token: string, now: Date) {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'sessions.second_factor_done',
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
    ])
    .where('sessions.id', '=', tokenId(token))
    .executeTakeFirst();
  if (!row?.active) return undefined;
  if (row.expires_at.getTime() <= now.getTime()) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() > SESSION_IDLE_MS) return undefined;
  return row;
}

/** Marks activity at most once a minute, to keep the idle timer honest without a write per request. */
export async function touchSession(db: Db, sessionId: string, lastSeen: Date, now: Date): Promise<void> {
  if (now.getTime() - lastSeen.getTime() < 60_000) return;
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

/** Ends one session. */
export async function endSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', tokenId(token)).execute();
}

/** Ends every session of a user ("sign out everywhere", deactivation, password change). */
export async function endAllSessions(db: Db, userId: number, exceptToken?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptToken) query = query.where('id', '!=', tokenId(exceptToken));
  await query.execute();
}

/** Marks the second factor as passed for a session (after TOTP set-up). */
export async function markSecondFactor(db: Db, token: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ second_factor_done: true })
    .where('id', '=', tokenId(token))
    .execute();
}
