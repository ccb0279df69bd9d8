import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id minimum (19 MiB, 2 passes); ~50 ms here, slow enough for guessing, fast for people.
const params = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** An argon2id hash of a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, params);
}

/** Checks a password against its stored hash; false for any malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// A hash that never matches, verified for unknown logins so they take as long as known ones.
let decoy: Promise<string> | undefined;
/** Spends the same time as a real check, for logins that do not exist. */
export async function verifyDecoy(password: string): Promise<void> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await decoy, password);
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A generated one-time password: 16 characters from an alphabet without look-alikes. */
export function generatePassword(length = 16): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** The minimum a new password must meet. */
export function isAcceptablePassword(password: string, previous?: string): boolean {
  return password.length >= 12 && password.length <= 200 && password !== previous;
}
