import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataProtector } from '../security/data-protector.ts';

// A browser that has signed in as a login before carries a sealed cookie saying so (AES-256-GCM with the
// data key: any replica can read it, nobody can forge it). Its sign-ins as that login are counted against
// the browser alone, so strangers guessing the login's password cannot hold the person back.

export const DEVICE_COOKIE = 'murojaat_device';
const DEVICE_CONTEXT = 'auth/known-device/v1';
const DEVICE_TTL_MS = 180 * 24 * 60 * 60 * 1000;
// Shared computers in a duty room: a few people may sign in on one browser.
const LOGINS_MAX = 10;

/** A browser that signed in successfully before, and as whom. */
export interface KnownDevice {
  id: string;
  logins: string[];
}

interface StoredDevice extends KnownDevice {
  until: number;
}

function isStoredDevice(value: unknown): value is StoredDevice {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string' &&
    'logins' in value &&
    Array.isArray(value.logins) &&
    value.logins.every((login) => typeof login === 'string') &&
    'until' in value &&
    typeof value.until === 'number'
  );
}

/** The browser's known-device cookie, when it holds a genuine, unexpired one. */
export function readKnownDevice(
  protector: DataProtector,
  request: FastifyRequest,
  now: Date,
): KnownDevice | undefined {
  const token = request.cookies[DEVICE_COOKIE];
  if (!token || token.length > 4000) return undefined;
  try {
    const opened = protector.open(Buffer.from(token, 'base64url'), DEVICE_CONTEXT);
    if (!isStoredDevice(opened) || opened.until <= now.getTime()) return undefined;
    return { id: opened.id, logins: opened.logins };
  } catch {
    return undefined;
  }
}

/** The browser's known device, or a new one (not yet stored) for a browser that carries none. */
export function knownOrNewDevice(protector: DataProtector, request: FastifyRequest, now: Date): KnownDevice {
  return (
    readKnownDevice(protector, request, now) ?? { id: randomBytes(16).toString('base64url'), logins: [] }
  );
}

/** After a successful sign-in: this browser is known for `login` (newest first) for another 180 days. */
export function rememberDevice(
  protector: DataProtector,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { device: KnownDevice | undefined; login: string; now: Date },
): void {
  const { device, login, now } = options;
  const stored: StoredDevice = {
    id: device?.id ?? randomBytes(16).toString('base64url'),
    logins: [login, ...(device?.logins ?? []).filter((l) => l !== login)].slice(0, LOGINS_MAX),
    until: now.getTime() + DEVICE_TTL_MS,
  };
  reply.setCookie(DEVICE_COOKIE, protector.seal(stored, DEVICE_CONTEXT).toString('base64url'), {
    path: '/api/v1/auth',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: DEVICE_TTL_MS / 1000,
  });
}
