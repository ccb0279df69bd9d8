import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FORMAT_V1 = 1;

/** Whose guesses are counted: a login name, a browser that signed in as a login, a client network. */
export type GuessSourceKind = 'login' | 'device' | 'sign-in-client' | 'code-client' | 'code-chat';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts applicants' personal fields at rest (AES-256-GCM) and derives keyed hashes for look-ups,
 * so that a copy of the database alone reveals no names, phones or addresses.
 */
export class DataProtector {
  readonly #encryptionKey: Buffer;
  readonly #lookupKey: Buffer;
  readonly #codeKey: Buffer;
  readonly #guessKey: Buffer;
  readonly #signingKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The data key must be 32 bytes.');
    // Separate keys per purpose: a leaked look-up hash says nothing about the encryption key.
    this.#encryptionKey = derive(masterKey, 'murojaat/personal-data/v1');
    this.#lookupKey = derive(masterKey, 'murojaat/lookup-hash/v1');
    this.#codeKey = derive(masterKey, 'murojaat/access-code/v1');
    this.#guessKey = derive(masterKey, 'murojaat/guess-counter/v1');
    this.#signingKey = derive(masterKey, 'murojaat/integration-signing/v1');
  }

  /** Encrypts a JSON value; the appeal id is bound as associated data so blobs cannot be swapped. */
  seal(value: unknown, context: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#encryptionKey, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT_V1), iv, cipher.getAuthTag(), body]);
  }

  /** Decrypts what `seal` produced with the same context; throws if the blob was altered. */
  open(blob: Buffer, context: string): unknown {
    if (blob[0] !== FORMAT_V1) throw new Error('Unknown encrypted format.');
    const iv = blob.subarray(1, 1 + IV_BYTES);
    const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.#encryptionKey, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    const body = blob.subarray(1 + IV_BYTES + TAG_BYTES);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'));
  }

  /**
   * A keyed hash for finding repeats by phone, personal number or name without storing them, and for the
   * verification code printed on an answer letter.
   */
  lookupHash(kind: 'phone' | 'pinfl' | 'email' | 'name' | 'letter', value: string): Buffer {
    return createHmac('sha256', this.#lookupKey).update(`${kind}:${value}`).digest();
  }

  /** The name wrong guesses from one source are counted under: the same in every process, not reversible. */
  guessKey(kind: GuessSourceKind, value: string): Buffer {
    return createHmac('sha256', this.#guessKey).update(`${kind}:${value}`).digest();
  }

  /** The stored form of an appeal's access code, tied to the appeal number. */
  accessCodeHash(number: string, code: string): Buffer {
    return createHmac('sha256', this.#codeKey).update(`${number}:${code}`).digest();
  }

  /**
   * The stored form of a one-time code linking a staff member's e-mail or Telegram chat; `scope` ties it to
   * where it may be used (the staff member, for a code typed back in the console).
   */
  linkCodeHash(scope: string, code: string): Buffer {
    return createHmac('sha256', this.#codeKey).update(`staff-link:${scope}:${code}`).digest();
  }

  /**
   * The secret an integration signs its requests with, derived from its API key: shown once beside the key and
   * recomputed from the key a request presents, so it is stored nowhere, and a key seen in a log or a proxy
   * signs nothing without it.
   */
  integrationSigningSecret(apiKey: string): string {
    return createHmac('sha256', this.#signingKey).update(apiKey, 'utf8').digest('base64url');
  }

  /** Constant-time comparison of an offered access code with the stored hash. */
  accessCodeMatches(number: string, code: string, stored: Buffer): boolean {
    const offered = this.accessCodeHash(number, code);
    return offered.length === stored.length && timingSafeEqual(offered, stored);
  }
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}

/**
 * The master key as `loadDataKey` reads it, or undefined when there is none yet; never creates one (a restore
 * needs the key that wrote the data, put back by the operator).
 */
export async function existingDataKey(options: {
  configured: string | undefined;
  dataDir: string;
}): Promise<Buffer | undefined> {
  if (options.configured) return (await loadDataKey(options)).key;
  const existing = await readFile(path.join(options.dataDir, 'data.key'), 'utf8').catch(() => '');
  return existing.trim() ? (await loadDataKey(options)).key : undefined;
}

/**
 * The master key: `MUROJAAT_DATA_KEY` when set (base64 or hex), otherwise `<dataDir>/data.key`, created
 * on first start. Losing it makes personal data unreadable: back it up apart from the database.
 */
export async function loadDataKey(options: {
  configured: string | undefined;
  dataDir: string;
}): Promise<{ key: Buffer; source: 'env' | 'file' | 'created' }> {
  if (options.configured) {
    const text = options.configured;
    const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
    if (key.length !== 32) throw new Error('MUROJAAT_DATA_KEY must decode to exactly 32 bytes.');
    return { key, source: 'env' };
  }
  const file = path.join(options.dataDir, 'data.key');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim()) {
    const key = Buffer.from(existing.trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key.`);
    return { key, source: 'file' };
  }
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  // `wx`: two processes starting at once must not each write a different key.
  try {
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return { key, source: 'created' };
  } catch {
    return loadDataKey(options);
  }
}

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A new secret access code: 8 characters from an alphabet without look-alikes (40 bits). */
export function newAccessCode(): string {
  const bytes = randomBytes(8);
  let code = '';
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31];
  return code;
}
