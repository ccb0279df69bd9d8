import { generate, generateSecret, generateURI, verify } from 'otplib';
import type { Role } from '../../contracts/enums.ts';
import type { AuditTrail } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { UserRow } from '../db/schema.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import { recordSignInAlert } from '../notify/staff-notices.ts';
import type { GuessCount } from '../security/back-off.ts';
import { type GuessSource, giveBackGuess, takeGuess } from '../security/guess-counters.ts';
import { networkPrefix, summariseUserAgent } from './device-summary.ts';
import {
  generatePassword,
  hashPassword,
  isAcceptablePassword,
  verifyDecoy,
  verifyPassword,
} from './passwords.ts';
import {
  anyUser,
  claimTotpStep,
  enableTotp,
  hasPasskey,
  insertUser,
  loginTaken,
  markSignedIn,
  setPassword,
  setTotpSecret,
  totpStateOf,
  unitWithCode,
  userWithId,
  userWithLogin,
} from './people.repository.ts';
import { createSession, endAllSessions, markSecondFactor } from './sessions.ts';
import { auditHolds, type SignInOrigin, signInSources } from './sign-in-limits.ts';

/** Roles that must use TOTP, unless the deployment says otherwise (REQUIRE_TOTP_ROLES). */
export function totpRequired(ctx: AppContext, role: Role): boolean {
  return ctx.config.requireTotpRoles.includes(role);
}

/**
 * The time step a six-digit code belongs to, at the context's clock with one step of drift either way,
 * when that step is later than the last one accepted: a code works once.
 */
async function unusedTotpStep(
  ctx: AppContext,
  secret: string,
  code: string,
  lastStep: number | null,
): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(ctx.clock.now().getTime() / 1000),
    epochTolerance: 30,
  });
  if (!result.valid || !('timeStep' in result)) return undefined;
  return lastStep === null || result.timeStep > lastStep ? result.timeStep : undefined;
}

/** The current code for a secret at the context's clock (tests and the demo sandbox use it). */
export function currentTotp(ctx: AppContext, secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(ctx.clock.now().getTime() / 1000) });
}

/**
 * Checks a login and password, counting the attempt. Every failure answers INVALID_CREDENTIALS after one
 * password check's worth of time, whether the login is unknown, inactive or held back for guessing, or the
 * password is wrong. The attempt is counted before it is checked, so simultaneous guesses are all counted;
 * the caller gives it back (`giveBackGuess` on `sources`) once the whole sign-in turned out right. The wrong
 * guess that puts the account on hold alerts its owner and the administrators.
 */
export async function checkPassword(
  ctx: AppContext,
  input: { login: string; password: string; origin: SignInOrigin },
): Promise<{ user: UserRow; sources: GuessSource[] }> {
  const now = ctx.clock.now();
  const name = input.login.toLowerCase();
  const sources = signInSources(ctx, name, input.origin);
  const taken = await takeGuess(ctx.db, sources, now);
  await auditHolds(ctx, taken.newlyHeld, now);
  const user = await userWithLogin(ctx.db, name);
  if (!taken.allowed || !user?.active) {
    await verifyDecoy(input.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  // A wrong password is not audited one by one (holds are): writing for known logins only would make
  // them answer measurably later than unknown ones.
  if (!(await verifyPassword(user.password_hash, input.password))) {
    await alertRepeatedFailures(ctx, user, taken.newlyHeld, now);
    throw new AppError('INVALID_CREDENTIALS');
  }
  return { user, sources };
}

/**
 * Signs a user in with login, password and, when the account has a second factor, a TOTP code. An account
 * with a passkey and no TOTP is asked for the passkey (SECOND_FACTOR_REQUIRED, then the passkey endpoints).
 * SECOND_FACTOR_REQUIRED comes only after the right password of a usable account.
 */
export async function login(
  ctx: AppContext,
  input: { login: string; password: string; totp?: string | undefined; origin: SignInOrigin },
): Promise<{ token: string; csrfToken: string; userId: number; login: string }> {
  const now = ctx.clock.now();
  const { user, sources } = await checkPassword(ctx, input);
  if (!user.totp_enabled && (await hasPasskey(ctx.db, user.id))) {
    await giveBackGuess(ctx.db, sources, now);
    throw new AppError('SECOND_FACTOR_REQUIRED');
  }
  const totpStep =
    user.totp_enabled && user.totp_secret_enc
      ? await secondFactorStep(ctx, { user, sealed: user.totp_secret_enc, code: input.totp, sources, now })
      : undefined;
  const session = await openSession(ctx, {
    user,
    origin: input.origin,
    secondFactorDone: user.totp_enabled,
    factor: user.totp_enabled ? 'totp' : 'password',
    beforeOpen: async (tx) => {
      if (totpStep !== undefined && !(await claimTotpStep(tx, user.id, totpStep)))
        throw new AppError('INVALID_SECOND_FACTOR');
    },
  });
  await giveBackGuess(ctx.db, sources, now);
  return { token: session.token, csrfToken: session.csrfToken, userId: user.id, login: user.login };
}

/**
 * Opens a session for a user who proved who they are, in one transaction with its audit entry and, from a
 * browser that never signed in as this login (the account's very first sign-in aside), the new-device alert
 * to its owner and the administrators.
 */
export async function openSession(
  ctx: AppContext,
  options: {
    user: Pick<UserRow, 'id' | 'login'>;
    origin: SignInOrigin;
    secondFactorDone: boolean;
    factor: 'password' | 'totp' | 'passkey' | 'password+passkey' | 'oidc';
    /** More for the sign-in's audit entry (the single sign-on identity …). */
    auditData?: Record<string, unknown>;
    beforeOpen?: (tx: Db) => Promise<void>;
  },
): Promise<{ token: string; csrfToken: string; handle: string }> {
  const { user, origin } = options;
  const now = ctx.clock.now();
  const knownBrowser = origin.device?.logins.includes(user.login) ?? false;
  return ctx.db.transaction().execute(async (tx) => {
    await options.beforeOpen?.(tx);
    const newDevice = (await markSignedIn(tx, user.id, now)) !== null && !knownBrowser;
    const created = await createSession(tx, {
      userId: user.id,
      now,
      secondFactorDone: options.secondFactorDone,
      signedInWith:
        options.factor === 'oidc' ? 'oidc' : options.factor.endsWith('passkey') ? 'passkey' : 'password',
      origin: {
        deviceSummary: summariseUserAgent(origin.userAgent),
        network: networkPrefix(origin.address),
        deviceId: origin.device?.id ?? null,
      },
    });
    const actor = { id: user.id, label: user.login };
    await ctx.audit.append(tx, [
      {
        actor,
        action: 'auth.login',
        targetType: 'user',
        targetId: String(user.id),
        data: { factor: options.factor, session: created.handle, ...options.auditData },
        at: now,
      },
    ]);
    if (newDevice) {
      await recordSignInAlert(ctx, tx, { kind: 'new_device', userId: user.id, key: created.handle, at: now });
      await ctx.audit.append(tx, [
        {
          actor,
          action: 'auth.alert_new_device',
          targetType: 'user',
          targetId: String(user.id),
          data: { session: created.handle },
          at: now,
        },
      ]);
    }
    return created;
  });
}

/**
 * The wrong password that put the account's own counter on hold (the fifth in a row, counted by login or
 * by the known browser) tells the owner and the administrators, once per run of failures.
 */
async function alertRepeatedFailures(
  ctx: AppContext,
  user: UserRow,
  newlyHeld: { source: GuessSource; count: GuessCount }[],
  now: Date,
): Promise<void> {
  const hold = newlyHeld.find(
    ({ source, count }) =>
      (source.kind === 'login' || source.kind === 'device') && count.failures === source.policy.free,
  );
  if (!hold) return;
  await ctx.db.transaction().execute(async (tx) => {
    await recordSignInAlert(ctx, tx, {
      kind: 'sign_in_failures',
      userId: user.id,
      key: `${user.id}:${now.toISOString()}`,
      at: now,
    });
    await ctx.audit.append(tx, [
      {
        actor: { id: null, label: 'system' },
        action: 'auth.alert_failures',
        targetType: 'user',
        targetId: String(user.id),
        data: { failures: hold.count.failures, source: hold.source.kind },
        at: now,
      },
    ]);
  });
}

/**
 * The unused time step of the code offered with the right password. No code at all asks for one and gives
 * the guess back: the right password is no guess, and asking must not use up the person's tries.
 */
async function secondFactorStep(
  ctx: AppContext,
  options: { user: UserRow; sealed: Buffer; code: string | undefined; sources: GuessSource[]; now: Date },
): Promise<number> {
  const { user, sealed, code, sources, now } = options;
  if (!code) {
    await giveBackGuess(ctx.db, sources, now);
    throw new AppError('SECOND_FACTOR_REQUIRED');
  }
  const secret = String(ctx.protector.open(sealed, `totp:${user.id}`));
  const step = await unusedTotpStep(ctx, secret, code, user.totp_last_step);
  if (step === undefined) {
    await auditWrongSecondFactor(ctx, user.id, now);
    throw new AppError('INVALID_SECOND_FACTOR');
  }
  return step;
}

/** Someone who knows the password offered a wrong code: worth an entry of its own. */
async function auditWrongSecondFactor(ctx: AppContext, userId: number, now: Date) {
  await ctx.db.transaction().execute((tx) =>
    ctx.audit.append(tx, [
      {
        actor: { id: null, label: 'anonymous' },
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: String(userId),
        data: { factor: 'totp' },
        at: now,
      },
    ]),
  );
}

/** Changes the signed-in user's password and ends their other sessions. */
export async function changePassword(
  ctx: AppContext,
  input: { userId: number; current: string; next: string; keepToken: string },
): Promise<void> {
  const user = await userWithId(ctx.db, input.userId);
  if (!(await verifyPassword(user.password_hash, input.current))) throw new AppError('INVALID_CREDENTIALS');
  if (!isAcceptablePassword(input.next, input.current)) throw new AppError('WEAK_PASSWORD');
  const passwordHash = await hashPassword(input.next);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await setPassword(tx, user.id, passwordHash, now);
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
  const user = await totpStateOf(ctx.db, userId);
  if (user.totp_enabled) throw new AppError('INVALID_TRANSITION');
  const secret = generateSecret();
  await setTotpSecret(ctx.db, user.id, ctx.protector.seal(secret, `totp:${user.id}`));
  return { secret, otpauthUrl: generateURI({ issuer: 'Murojaat', label: user.login, secret }) };
}

/** Confirms enrolment with a code from the authenticator and marks the session as second-factor-verified. */
export async function confirmTotpSetup(
  ctx: AppContext,
  input: { userId: number; code: string; token: string },
): Promise<void> {
  const user = await userWithId(ctx.db, input.userId);
  if (user.totp_enabled || !user.totp_secret_enc) throw new AppError('INVALID_TRANSITION');
  const secret = String(ctx.protector.open(user.totp_secret_enc, `totp:${user.id}`));
  const step = await unusedTotpStep(ctx, secret, input.code, user.totp_last_step);
  if (step === undefined) throw new AppError('INVALID_SECOND_FACTOR');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    // The code that confirms enrolment is used up too: it cannot sign in afterwards.
    if (!(await claimTotpStep(tx, user.id, step))) throw new AppError('INVALID_SECOND_FACTOR');
    await enableTotp(tx, user.id);
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

/** A staff account to create. */
export interface NewStaffAccount {
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
}

/** Creates a staff account with a generated one-time password (or a given one); returns the password. */
export async function createUser(db: Db, input: NewStaffAccount): Promise<{ id: number; password: string }> {
  const login = input.login.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,60}$/.test(login)) throw new FieldValidationError([{ path: 'login', key: 'format' }]);
  const password = input.password ?? generatePassword();
  if (input.password !== undefined && !isAcceptablePassword(password)) throw new AppError('WEAK_PASSWORD');
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (tx) => {
    if (await loginTaken(tx, login)) throw new AppError('USER_EXISTS');
    const id = await insertUser(tx, {
      login,
      fullName: input.fullName ?? '',
      role: input.role,
      unitId: input.unitId,
      scopeSubtree: input.scopeSubtree ?? false,
      passwordHash,
      mustChangePassword: input.mustChangePassword ?? true,
    });
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
 * Creates a staff account in the unit with this code, as the command line names units; UNIT_NOT_FOUND
 * when there is none.
 */
export async function createUserInUnit(
  db: Db,
  input: Omit<NewStaffAccount, 'unitId'> & { unitCode: string },
): Promise<{ id: number; password: string; unit: { id: number; code: string } }> {
  const { unitCode, ...account } = input;
  const unit = await unitWithCode(db, unitCode);
  if (!unit) throw new AppError('UNIT_NOT_FOUND');
  return { ...(await createUser(db, { ...account, unitId: unit.id })), unit };
}

/**
 * On a database with no staff at all, creates `admin` at the ministry with the whole tree in scope and
 * returns its one-time password (printed once by the caller); otherwise returns undefined.
 */
export async function bootstrapAdmin(ctx: AppContext): Promise<string | undefined> {
  if (await anyUser(ctx.db)) return undefined;
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
