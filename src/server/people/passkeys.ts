import { createHash, randomBytes } from 'node:crypto';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { giveBackGuess } from '../security/guess-counters.ts';
import { checkPassword, openSession } from './accounts.ts';
import {
  deleteExpiredChallenges,
  deletePasskey,
  insertPasskey,
  passkeyByCredentialId,
  passkeysOf,
  putChallenge,
  recordPasskeyUse,
  takeChallenge,
} from './passkeys.repository.ts';
import { verifyPassword } from './passwords.ts';
import { userWithId } from './people.repository.ts';
import { sessionKey } from './sessions.ts';
import type { SignInOrigin } from './sign-in-limits.ts';

// Passkeys (WebAuthn) for staff, through @simplewebauthn/server: a second factor after the password, or the
// whole sign-in with a discoverable credential and user verification. The relying party is the deployment's
// PUBLIC_URL (its host is the RP ID, its origin the only accepted origin). Every ceremony's challenge is
// single-use (taken out of the table before it is checked), expires after five minutes and is bound to
// what started it: the session for registration, a ceremony cookie for sign-in. A replayed assertion fails
// on the used challenge; a cloned authenticator on the signature counter.

const CHALLENGE_TTL_MS = 5 * 60_000;
const RP_NAME = 'Murojaat';

/** The relying party: the host and origin of PUBLIC_URL; PASSKEYS_NOT_CONFIGURED without one. */
export function relyingParty(ctx: AppContext): { id: string; origin: string } {
  const url = ctx.config.publicUrl;
  if (!url) throw new AppError('PASSKEYS_NOT_CONFIGURED');
  const parsed = new URL(url);
  return { id: parsed.hostname, origin: parsed.origin };
}

/** The WebAuthn user handle of an account: stable, and no personal data (a hash of the numeric id). */
function userHandle(userId: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(createHash('sha256').update(`murojaat/webauthn-user/${userId}`).digest());
}

const registerKey = (sessionToken: string) => `register:${sessionKey(sessionToken)}`;
const authenticateKey = (ceremonyToken: string) =>
  `authenticate:${createHash('sha256').update(ceremonyToken).digest('hex')}`;

/** A passkey as its owner sees it. */
export function presentPasskey(row: {
  id: number;
  name: string;
  device_type: string;
  backed_up: boolean;
  created_at: Date;
  last_used_at: Date | null;
}) {
  return {
    id: row.id,
    name: row.name,
    synced: row.device_type === 'multiDevice' && row.backed_up,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

/** The signed-in user's passkeys. */
export async function listPasskeys(ctx: AppContext, userId: number) {
  return (await passkeysOf(ctx.db, userId)).map(presentPasskey);
}

/**
 * Starts adding a passkey: the person proves it is them again with the password (a session left open on a
 * desk must not be enough), and gets creation options bound to this session.
 */
export async function startPasskeyRegistration(
  ctx: AppContext,
  input: { userId: number; sessionToken: string; password: string },
) {
  const rp = relyingParty(ctx);
  const user = await userWithId(ctx.db, input.userId);
  if (!(await verifyPassword(user.password_hash, input.password))) throw new AppError('INVALID_CREDENTIALS');
  const existing = await passkeysOf(ctx.db, user.id);
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.id,
    userName: user.login,
    userDisplayName: user.full_name || user.login,
    userID: userHandle(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: c.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    timeout: CHALLENGE_TTL_MS,
  });
  const now = ctx.clock.now();
  await deleteExpiredChallenges(ctx.db, now);
  await putChallenge(ctx.db, {
    id: registerKey(input.sessionToken),
    purpose: 'register',
    challenge: options.challenge,
    userId: user.id,
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
  });
  return options;
}

/** Finishes adding a passkey with the authenticator's answer to this session's pending challenge. */
export async function finishPasskeyRegistration(
  ctx: AppContext,
  input: {
    userId: number;
    login: string;
    sessionToken: string;
    name: string;
    response: RegistrationResponseJSON;
  },
) {
  const rp = relyingParty(ctx);
  const now = ctx.clock.now();
  const pending = await takeChallenge(ctx.db, registerKey(input.sessionToken), 'register', now);
  if (!pending || pending.user_id !== input.userId) throw new AppError('PASSKEY_CHALLENGE_INVALID');
  const verification = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: pending.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
  }).catch(() => undefined);
  if (!verification?.verified) throw new AppError('PASSKEY_REJECTED');
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo;
  if (await passkeyByCredentialId(ctx.db, credential.id)) throw new AppError('PASSKEY_REJECTED');
  return ctx.db.transaction().execute(async (tx) => {
    const id = await insertPasskey(tx, {
      userId: input.userId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey),
      signCount: credential.counter,
      transports: credential.transports ?? [],
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
      name: input.name,
      now,
    });
    await ctx.audit.append(tx, [
      {
        actor: { id: input.userId, label: input.login },
        action: 'auth.passkey_added',
        targetType: 'user',
        targetId: String(input.userId),
        data: { passkey: id },
        at: now,
      },
    ]);
    return presentPasskey({
      id,
      name: input.name,
      device_type: credentialDeviceType,
      backed_up: credentialBackedUp,
      created_at: now,
      last_used_at: null,
    });
  });
}

/** Removes one of the signed-in user's passkeys. */
export async function removePasskey(
  ctx: AppContext,
  input: { userId: number; login: string; id: number; password: string },
) {
  // As for adding one: a session left open on a desk must not be enough to take away someone's factor.
  const user = await userWithId(ctx.db, input.userId);
  if (!(await verifyPassword(user.password_hash, input.password))) throw new AppError('INVALID_CREDENTIALS');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const name = await deletePasskey(tx, input.userId, input.id);
    if (name === undefined) throw new AppError('PASSKEY_NOT_FOUND');
    await ctx.audit.append(tx, [
      {
        actor: { id: input.userId, label: input.login },
        action: 'auth.passkey_removed',
        targetType: 'user',
        targetId: String(input.userId),
        data: { passkey: input.id },
        at: now,
      },
    ]);
  });
}

/**
 * Starts a passkey sign-in: request options for any discoverable credential (no list of credential ids,
 * which would tell a stranger whether a login exists), and the ceremony token the caller puts in a cookie.
 */
export async function startPasskeySignIn(ctx: AppContext) {
  const rp = relyingParty(ctx);
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: 'preferred',
    timeout: CHALLENGE_TTL_MS,
  });
  const ceremony = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await deleteExpiredChallenges(ctx.db, now);
  await putChallenge(ctx.db, {
    id: authenticateKey(ceremony),
    purpose: 'authenticate',
    challenge: options.challenge,
    userId: null,
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
  });
  return { options, ceremony, maxAgeSeconds: CHALLENGE_TTL_MS / 1000 };
}

/**
 * Finishes a passkey sign-in and opens a session. With login and password it is the second factor after the
 * password (the passkey must be that account's); without, the passkey alone signs in and must have verified
 * the person (PIN or biometrics), which makes it two factors by itself.
 */
export async function finishPasskeySignIn(
  ctx: AppContext,
  input: {
    ceremony: string | undefined;
    response: AuthenticationResponseJSON;
    password?: { login: string; password: string } | undefined;
    origin: SignInOrigin;
  },
) {
  const rp = relyingParty(ctx);
  const now = ctx.clock.now();
  const pending = input.ceremony
    ? await takeChallenge(ctx.db, authenticateKey(input.ceremony), 'authenticate', now)
    : undefined;
  if (!pending) throw new AppError('PASSKEY_CHALLENGE_INVALID');
  const checked = input.password
    ? await checkPassword(ctx, { ...input.password, origin: input.origin })
    : undefined;
  const passkey = await passkeyByCredentialId(ctx.db, input.response.id);
  if (!passkey?.active || (checked && checked.user.id !== passkey.user_id))
    throw new AppError('PASSKEY_REJECTED');
  const verification = await verifyAuthenticationResponse({
    response: input.response,
    expectedChallenge: pending.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    credential: {
      id: passkey.credential_id,
      publicKey: new Uint8Array(passkey.public_key),
      counter: passkey.sign_count,
      transports: passkey.transports,
    },
    requireUserVerification: !checked,
  }).catch(() => undefined);
  const info = verification?.verified ? verification.authenticationInfo : undefined;
  if (
    !info ||
    !(await recordPasskeyUse(ctx.db, passkey.id, { before: passkey.sign_count, after: info.newCounter }, now))
  ) {
    await ctx.db.transaction().execute((tx) =>
      ctx.audit.append(tx, [
        {
          actor: { id: null, label: 'anonymous' },
          action: 'auth.login_failed',
          targetType: 'user',
          targetId: String(passkey.user_id),
          data: { factor: 'passkey', passkey: passkey.id },
          at: now,
        },
      ]),
    );
    throw new AppError('PASSKEY_REJECTED');
  }
  const session = await openSession(ctx, {
    user: { id: passkey.user_id, login: passkey.login },
    origin: input.origin,
    secondFactorDone: true,
    factor: checked ? 'password+passkey' : 'passkey',
  });
  if (checked) await giveBackGuess(ctx.db, checked.sources, now);
  return { ...session, login: passkey.login };
}
