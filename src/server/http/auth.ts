import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../contracts/enums.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { findSession, touchSession } from '../people/sessions.ts';

export const SESSION_COOKIE = 'murojaat_session';

/** A signed-in staff member with what their session allows. */
export interface Session {
  user: StaffUser;
  token: string;
  /** The session's public id (its owner's list of sessions names it by this). */
  handle: string;
  csrfToken: string;
  mustChangePassword: boolean;
  totpSetupRequired: boolean;
  language: string;
}

const resolved = new WeakMap<FastifyRequest, Promise<Session | undefined>>();

/** The session behind the request's cookie, looked up once per request. */
export function sessionOf(ctx: AppContext, request: FastifyRequest): Promise<Session | undefined> {
  let found = resolved.get(request);
  if (!found) {
    found = lookup(ctx, request);
    resolved.set(request, found);
  }
  return found;
}

async function lookup(ctx: AppContext, request: FastifyRequest): Promise<Session | undefined> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return undefined;
  return sessionForToken(ctx, token);
}

/** The live session of a token (also used right after sign-in, before the cookie comes back). */
export async function sessionForToken(ctx: AppContext, token: string): Promise<Session | undefined> {
  const now = ctx.clock.now();
  const row = await findSession(ctx.db, token, now);
  if (!row) return undefined;
  await touchSession(ctx.db, row.sessionId, row.last_seen_at, now);
  // A passkey is a second factor too: an account with one need not set up TOTP. The ministry's provider
  // answers for the second factor of those it signs in, and they have no password of ours to replace.
  const viaProvider = row.signed_in_with === 'oidc';
  const totpSetupRequired =
    !viaProvider && ctx.config.requireTotpRoles.includes(row.role) && !row.totp_enabled && !row.has_passkey;
  return {
    user: {
      id: row.id,
      login: row.login,
      fullName: row.full_name,
      role: row.role,
      unitId: row.unit_id,
      scopeSubtree: row.scope_subtree,
    },
    token,
    handle: row.handle,
    csrfToken: row.csrf_token,
    mustChangePassword: !viaProvider && row.must_change_password,
    totpSetupRequired,
    language: row.language,
  };
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function csrfMatches(offered: string | string[] | undefined, expected: string): boolean {
  if (typeof offered !== 'string') return false;
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The staff member making the request, or a 401/403: the session must exist, a state-changing request
 * must carry the session's CSRF token, and a one-time password or missing required TOTP blocks all work
 * until fixed (`stage: 'setup'` lets the account endpoints through).
 */
export async function requireStaff(
  ctx: AppContext,
  request: FastifyRequest,
  options: { roles?: readonly Role[]; stage?: 'setup' } = {},
): Promise<Session> {
  const session = await sessionOf(ctx, request);
  if (!session) throw new AppError('UNAUTHENTICATED');
  if (unsafeMethods.has(request.method) && !csrfMatches(request.headers['x-csrf-token'], session.csrfToken)) {
    throw new AppError('CSRF_TOKEN_INVALID');
  }
  if (options.stage !== 'setup') {
    if (session.mustChangePassword) throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (session.totpSetupRequired) throw new AppError('TOTP_SETUP_REQUIRED');
  }
  if (options.roles && !options.roles.includes(session.user.role)) throw new AppError('FORBIDDEN');
  return session;
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure when the request came over HTTPS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string | null): void {
  const options = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: request.protocol === 'https',
  };
  if (token === null) reply.clearCookie(SESSION_COOKIE, options);
  else reply.setCookie(SESSION_COOKIE, token, options);
}
