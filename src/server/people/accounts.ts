import { generate, generateSecret, generateURI, verify } from 'otplib';
import type { Role } from '../../contracts/enums.ts';
import type { AuditTrail } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import {
  generatePassword,
  hashPassword,
  isAcceptablePassword,
  verifyDecoy,
  verifyPassword,
} from './passwords.ts';
import { createSession, endAllSessions, markSecondFactor } from './sessions.ts';

const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MS = 15 * 60_000;

/** Roles that must use TOTP, unless the deployment says otherwise (REQUIRE_TOTP_ROLES). */
export function totpRequired(ctx: AppContext, role: Role): boolean {
  return ctx.config.requireTotpRoles.includes(role);
}

/** Verifies a six-digit code at the context's clock, allowing one step of drift either way. */
async function totpMatches(ctx: AppContext, secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(ctx.clock.now().getTime() / 1000),
    epochTolerance: 30,
  });
  return result.valid;
}

/** The current code for a secret at the context's clock (tests and the demo sandbox use it). */
export function currentTotp(ctx: AppContext, secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(ctx.clock.now().getTime() / 1000) });
}

/**
 * Signs a user in. Failures count towards a temporary lockout; an unknown login costs the same time as a
 * wrong password so that logins cannot be enumerated.
 */
export async function login(
  ctx: AppContext,
  input: { login: string; password: string; totp?: string | undefined },
): Promise<{ token: string; csrfToken: string; userId: number }> {
  const now = ctx.clock.now();
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('login', '=', input.login.toLowerCase())
    .executeTakeFirst();
  if (!user?.active) {
    await verifyDecoy(input.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until.getTime() > now.getTime()) throw new AppError('ACCOUNT_LOCKED');
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  if (!passwordOk) {
    await recordFailure(ctx, user.id, user.failed_logins, now, 'password');
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.totp_enabled && user.totp_secret_enc) {
    if (!input.totp) throw new AppError('SECOND_FACTOR_REQUIRED');
    const secret = String(ctx.protector.open(user.totp_secret_enc, `totp:${user.id}`));
    if (!(await totpMatches(ctx, secret, input.totp))) {
      await recordFailure(ctx, user.id, user.failed_logins, now, 'totp');
      throw new AppError('INVALID_SECOND_FACTOR');
    }
  }
  const session = await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    const created = await createSession(tx, user.id, now, user.totp_enabled);
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'auth.login',
        targetType: 'user',
        targetId: String(user.id),
        at: now,
      },
    ]);
    return created;
  });
  return { token: session.token, csrfToken: session.csrfToken, userId: user.id };
}

async function recordFailure(ctx: AppContext, userId: number, failed: number, now: Date, factor: string) {
  const count = failed + 1;
  const lock = count >= MAX_FAILED_LOGINS;
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({
        failed_logins: lock ? 0 : count,
        locked_until: lock ? new Date(now.getTime() + LOCKOUT_MS) : null,
      })
      .where('id', '=', userId)
      .execute();
    await ctx.audit.append(tx, [
      {
        actor: { id: null, label: 'anonymous' },
        action: lock ? 'auth.locked' : 'auth.login_failed',
        targetType: 'user',
        targetId: String(userId),
        data: { factor },
        at: now,
      },
    ]);
  });
}

/** Changes the signed-in user's password and ends their other sessions. */
export async function changePassword(
  ctx: AppContext,
  input: { userId: number; current: string; next: string; keepToken: string },
): Promise<void> {
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', input.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.current))) throw new AppError('INVALID_CREDENTIALS');
  if (!isAcceptablePassword(input.next, input.current)) throw new AppError('WEAK_PASSWORD');
  const passwordHash = await hashPassword(input.next);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: false, password_changed_at: now })
      .where('id', '=', user.id)
      .execute();
    await endAllSessions(tx, user.id, input.keepToken);
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'auth.password_changed',
        targetType: 'user',
        targetId: String(user.id),
        at: now,
      },
    ]);
  });
}

/** Starts TOTP enrolment: a new secret, kept encrypted until confirmed with a code. */
export async function startTotpSetup(
  ctx: AppContext,
  userId: number,
): Promise<{ secret: string; otpauthUrl: string }> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'login', 'totp_enabled'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (user.totp_enabled) throw new AppError('INVALID_TRANSITION');
  const secret = generateSecret();
  await ctx.db
    .updateTable('users')
    .set({ totp_secret_enc: ctx.protector.seal(secret, `totp:${user.id}`) })
    .where('id', '=', user.id)
    .execute();
  return { secret, otpauthUrl: generateURI({ issuer: 'Murojaat', label: user.login, secret }) };
}

/** Confirms enrolment with a code from the authenticator and marks the session as second-factor-verified. */
export async function confirmTotpSetup(
  ctx: AppContext,
  input: { userId: number; code: string; token: string },
): Promise<void> {
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', input.userId)
    .executeTakeFirstOrThrow();
  if (user.totp_enabled || !user.totp_secret_enc) throw new AppError('INVALID_TRANSITION');
  const secret = String(ctx.protector.open(user.totp_secret_enc, `totp:${user.id}`));
  if (!(await totpMatches(ctx, secret, input.code))) throw new AppError('INVALID_SECOND_FACTOR');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await tx.updateTable('users').set({ totp_enabled: true }).where('id', '=', user.id).execute();
    await markSecondFactor(tx, input.token);
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'auth.totp_enabled',
        targetType: 'user',
        targetId: String(user.id),
        at: now,
      },
    ]);
  });
}

/** Creates a staff account with a generated one-time password (or a given one); returns the password. */
export async function createUser(
  db: Db,
  input: {
    login: string;
    role: Role;
    unitId: number;
    fullName?: string;
    scopeSubtree?: boolean;
    password?: string;
    mustChangePassword?: boolean;
    actor: { id: number | null; label: string };
    now: Date;
    audit: AuditTrail;
  },
): Promise<{ id: number; password: string }> {
  const login = input.login.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,60}$/.test(login)) throw new FieldValidationError([{ path: 'login', key: 'format' }]);
  const password = input.password ?? generatePassword();
  if (input.password !== undefined && !isAcceptablePassword(password)) throw new AppError('WEAK_PASSWORD');
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (tx) => {
    const exists = await tx.selectFrom('users').select('id').where('login', '=', login).executeTakeFirst();
    if (exists) throw new AppError('USER_EXISTS');
    const { id } = await tx
      .insertInto('users')
      .values({
        login,
        full_name: input.fullName ?? '',
        role: input.role,
        unit_id: input.unitId,
        scope_subtree: input.scopeSubtree ?? false,
        password_hash: passwordHash,
        must_change_password: input.mustChangePassword ?? true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await input.audit.append(tx, [
      {
        actor: input.actor,
        action: 'user.create',
        targetType: 'user',
        targetId: String(id),
        data: { login, role: input.role, unitId: input.unitId, scopeSubtree: input.scopeSubtree ?? false },
        at: input.now,
      },
    ]);
    return { id, password };
  });
}

/**
 * On a database with no staff at all, creates `admin` at the ministry with the whole tree in scope and
 * returns its one-time password (printed once by the caller); otherwise returns undefined.
 */
export async function bootstrapAdmin(ctx: AppContext): Promise<string | undefined> {
  const existing = await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined;
  const ministry = ctx.reference().units.ministry;
  const { password } = await createUser(ctx.db, {
    login: 'admin',
    role: 'admin',
    unitId: ministry.id,
    fullName: 'Administrator',
    scopeSubtree: true,
    actor: { id: null, label: 'system' },
    now: ctx.clock.now(),
    audit: ctx.audit,
  }).catch((error: unknown) => {
    // Another process bootstrapped at the same moment: it printed the password.
    if (error instanceof AppError && error.code === 'USER_EXISTS') return { password: undefined };
    throw error;
  });
  return password;
}
