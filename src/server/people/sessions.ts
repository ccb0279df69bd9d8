import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { SignInMethod } from '../db/schema.ts';
import {
  deleteSession,
  deleteSessionsOf,
  insertSession,
  sessionWithUser,
  setSessionSecondFactor,
  setSessionSeen,
} from './people.repository.ts';

/** How long a session lives: idle timeout and an absolute cap. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 12 * 60 * 60_000;

// The cookie carries a random token; the database keeps only its hash, so a leaked sessions table
// cannot be replayed.
function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Where a session was opened, as its owner is shown it (see device-summary.ts). */
export interface SessionOrigin {
  deviceSummary: string;
  network: string;
  deviceId: string | null;
}

/**
 * A new session; returns the secret token for the cookie, the CSRF token for the client and the public
 * handle its owner's list of sessions names it by.
 */
export async function createSession(
  db: Db,
  options: {
    userId: number;
    now: Date;
    secondFactorDone: boolean;
    origin: SessionOrigin;
    signedInWith?: SignInMethod;
  },
): Promise<{ token: string; csrfToken: string; expiresAt: Date; handle: string }> {
  const { userId, now, secondFactorDone, origin, signedInWith = 'password' } = options;
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_MAX_MS);
  const handle = await insertSession(db, {
    id: tokenId(token),
    userId,
    csrfToken,
    secondFactorDone,
    signedInWith,
    now,
    expiresAt,
    ...origin,
  });
  return { token, csrfToken, expiresAt, handle };
}

/** The hash a session is stored under (ceremonies bound to a session are keyed by it). */
export function sessionKey(token: string): string {
  return tokenId(token);
}

/** The live session of a token with its user, or undefined when expired, idle too long or unknown. */
export async function findSession(db: Db, token: string, now: Date) {
  const row = await sessionWithUser(db, tokenId(token));
  if (!row?.active) return undefined;
  if (row.expires_at.getTime() <= now.getTime()) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() > SESSION_IDLE_MS) return undefined;
  return row;
}

/** Marks activity at most once a minute, to keep the idle timer honest without a write per request. */
export async function touchSession(db: Db, sessionId: string, lastSeen: Date, now: Date): Promise<void> {
  if (now.getTime() - lastSeen.getTime() < 60_000) return;
  await setSessionSeen(db, sessionId, now);
}

/** Ends one session. */
export async function endSession(db: Db, token: string): Promise<void> {
  await deleteSession(db, tokenId(token));
}

/** Ends every session of a user ("sign out everywhere", deactivation, password change). */
export async function endAllSessions(db: Db, userId: number, exceptToken?: string): Promise<void> {
  await deleteSessionsOf(db, userId, exceptToken ? tokenId(exceptToken) : undefined);
}

/** Marks the second factor as passed for a session (after TOTP set-up). */
export async function markSecondFactor(db: Db, token: string): Promise<void> {
  await setSessionSecondFactor(db, tokenId(token));
}
