import { z } from 'zod';

// Staff sign-in beyond the password: passkeys (WebAuthn) and the list of one's own sessions.

// Limits leave room for post-quantum signatures (ML-DSA, which @simplewebauthn/server accepts and Chromium's
// authenticator may choose): an ML-DSA-87 signature is 4,627 bytes, its public key 2,592.
const b64url = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9_-]*$/);

/** The browser's answer to navigator.credentials.create(), as @simplewebauthn/browser serialises it. */
export const registrationResponseSchema = z.object({
  id: b64url(1400).min(1),
  rawId: b64url(1400).min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64url(8000).min(1),
    attestationObject: b64url(16000).min(1),
    authenticatorData: b64url(16000).optional(),
    transports: z.array(z.string().max(40)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(8000).optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()),
});

/** The browser's answer to navigator.credentials.get(). */
export const authenticationResponseSchema = z.object({
  id: b64url(1400).min(1),
  rawId: b64url(1400).min(1),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: b64url(8000).min(1),
    authenticatorData: b64url(16000).min(1),
    signature: b64url(8000).min(1),
    userHandle: b64url(200).optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()),
});

/** Adding a passkey, step 1: the current password again. */
export const passkeyRegisterOptionsSchema = z.object({ password: z.string().min(1).max(200) });

/** Removing a passkey: the current password again, as for adding one. */
export const passkeyRemoveSchema = passkeyRegisterOptionsSchema;

/** Adding a passkey, step 2: the name the person gives it and the authenticator's answer. */
export const passkeyRegisterVerifySchema = z.object({
  name: z.string().trim().min(1).max(60),
  response: registrationResponseSchema,
});

/**
 * Signing in with a passkey: the authenticator's answer, and login + password when the passkey is the
 * second factor (without them, the passkey alone signs in).
 */
export const passkeySignInSchema = z.object({
  response: authenticationResponseSchema,
  login: z.string().trim().min(1).max(60).optional(),
  password: z.string().min(1).max(200).optional(),
});

/** One of my passkeys. */
export const passkeySchema = z.object({
  id: z.number(),
  name: z.string(),
  /** Synced between the person's devices by their platform (a "multi-device" credential, backed up). */
  synced: z.boolean(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export const passkeyListSchema = z.object({ items: z.array(passkeySchema) });

/** One of my open sessions: browser and system, network prefix, times to the minute. */
export const mySessionSchema = z.object({
  id: z.string(),
  device: z.string(),
  network: z.string(),
  startedAt: z.string(),
  lastActiveAt: z.string(),
  current: z.boolean(),
});
export const mySessionListSchema = z.object({ items: z.array(mySessionSchema) });
