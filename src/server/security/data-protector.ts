import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { type DataKey, Keyring } from './keyring.ts';

// Format 1 (before key rotation): [1][iv][tag][body], made with the keyring's first key.
// Format 2: [2][key id, 4 bytes][iv][tag][body], made with the key of that id.
const FORMAT_V1 = 1;
const FORMAT_V2 = 2;
const KEY_ID_BYTES = 4;

/** Whose guesses are counted: a login name, a browser that signed in as a login, a client network. */
export type GuessSourceKind = 'login' | 'device' | 'sign-in-client' | 'code-client' | 'code-chat';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The keys derived from one data key, one per purpose: a leaked look-up hash says nothing of the others. */
class DerivedKeys {
  readonly id: string;
  readonly idBytes: Buffer;
  readonly encryption: Buffer;
  readonly lookup: Buffer;
  readonly code: Buffer;
  readonly guess: Buffer;
  readonly signing: Buffer;
  readonly file: Buffer;

  constructor(dataKey: DataKey) {
    this.id = dataKey.id;
    this.idBytes = Buffer.from(dataKey.id, 'hex');
    this.encryption = derive(dataKey.key, 'murojaat/personal-data/v1');
    this.lookup = derive(dataKey.key, 'murojaat/lookup-hash/v1');
    this.code = derive(dataKey.key, 'murojaat/access-code/v1');
    this.guess = derive(dataKey.key, 'murojaat/guess-counter/v1');
    this.signing = derive(dataKey.key, 'murojaat/integration-signing/v1');
    this.file = derive(dataKey.key, 'murojaat/attachment-file/v1');
  }
}

/** A look-up hash's kind: what it was made of. */
export type LookupKind = 'phone' | 'pinfl' | 'email' | 'name' | 'letter';

/**
 * Encrypts applicants' personal fields at rest (AES-256-GCM) and derives keyed hashes for look-ups,
 * so that a copy of the database alone reveals no names, phones or addresses. It holds a keyring: the
 * newest key encrypts and hashes, every key decrypts and checks what it made (docs/operations.md, "Key
 * rotation").
 */
export class DataProtector {
  readonly keyring: Keyring;
  readonly #all: DerivedKeys[];
  readonly #current: DerivedKeys;

  constructor(keys: Keyring | Buffer) {
    this.keyring = keys instanceof Keyring ? keys : new Keyring([keys]);
    this.#all = this.keyring.keys.map((k) => new DerivedKeys(k));
    const current = this.#all[this.#all.length - 1];
    if (!current) throw new Error('The keyring holds no data key.');
    this.#current = current;
  }

  /** The id of the key new ciphertexts are made with. */
  get currentKeyId(): string {
    return this.#current.id;
  }

  /** Encrypts a JSON value; the appeal id is bound as associated data so blobs cannot be swapped. */
  seal(value: unknown, context: string): Buffer {
    const keys = this.#current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT_V2), keys.idBytes, iv, cipher.getAuthTag(), body]);
  }

  /** Decrypts what `seal` produced with the same context, with the key it names; throws if it was altered. */
  open(blob: Buffer, context: string): unknown {
    const { keys, rest } = this.#keysOf(blob);
    const iv = rest.subarray(0, IV_BYTES);
    const tag = rest.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    const body = rest.subarray(IV_BYTES + TAG_BYTES);
    return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'));
  }

  /**
   * Encrypts an attachment's bytes (AES-256-GCM) under a key of its own, derived from the current data key
   * and the file's id, in `seal`'s format: the blob names its data key, so it stays readable after a key
   * rotation while the ring holds that key, and the id is bound in so one file cannot stand in for another.
   */
  sealFile(content: Buffer, fileId: string): Buffer {
    const keys = this.#current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', fileKey(keys, fileId), iv);
    cipher.setAAD(Buffer.from(`attachment:${fileId}`));
    const body = Buffer.concat([cipher.update(content), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT_V2), keys.idBytes, iv, cipher.getAuthTag(), body]);
  }

  /** Decrypts what `sealFile` made of the file with this id; throws if it was altered or is another file. */
  openFile(blob: Buffer, fileId: string): Buffer {
    if (blob[0] !== FORMAT_V2) throw new Error('Unknown encrypted file format.');
    const { keys, rest } = this.#keysOf(blob);
    const iv = rest.subarray(0, IV_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', fileKey(keys, fileId), iv);
    decipher.setAAD(Buffer.from(`attachment:${fileId}`));
    decipher.setAuthTag(rest.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(rest.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  }

  /** The id of the key a ciphertext was made with (format 1: the first key's). */
  static keyIdOf(blob: Buffer, firstKeyId: string): string {
    if (blob[0] === FORMAT_V1) return firstKeyId;
    if (blob[0] === FORMAT_V2) return blob.subarray(1, 1 + KEY_ID_BYTES).toString('hex');
    throw new Error('Unknown encrypted format.');
  }

  #keysOf(blob: Buffer): { keys: DerivedKeys; rest: Buffer } {
    if (blob[0] === FORMAT_V1) return { keys: this.#first(), rest: blob.subarray(1) };
    if (blob[0] !== FORMAT_V2) throw new Error('Unknown encrypted format.');
    const id = blob.subarray(1, 1 + KEY_ID_BYTES).toString('hex');
    const keys = this.#all.find((k) => k.id === id);
    if (!keys) throw new Error(`Encrypted with the data key ${id}, which this server does not hold.`);
    return { keys, rest: blob.subarray(1 + KEY_ID_BYTES) };
  }

  #first(): DerivedKeys {
    const first = this.#all[0];
    if (!first) throw new Error('The keyring holds no data key.');
    return first;
  }

  /**
   * A keyed hash for finding repeats by phone, personal number or name without storing them, and for the
   * verification code printed on an answer letter; under the current key.
   */
  lookupHash(kind: LookupKind, value: string): Buffer {
    return this.lookupHashUnder(this.#current.id, kind, value);
  }

  /** The look-up hash under every key of the ring, newest first: what a search matches during a rotation. */
  lookupHashes(kind: LookupKind, value: string): Buffer[] {
    return this.#all.toReversed().map((k) => lookupMac(k, kind, value));
  }

  /** The look-up hash under one key of the ring (the re-encryption checks a stored hash with it). */
  lookupHashUnder(keyId: string, kind: LookupKind, value: string): Buffer {
    const keys = this.#all.find((k) => k.id === keyId);
    if (!keys) throw new Error(`The data key ${keyId} is not in the keyring.`);
    return lookupMac(keys, kind, value);
  }

  /** The name wrong guesses from one source are counted under: the same in every process, not reversible. */
  guessKey(kind: GuessSourceKind, value: string): Buffer {
    return createHmac('sha256', this.#current.guess).update(`${kind}:${value}`).digest();
  }

  /** The stored form of an appeal's access code, tied to the appeal number. */
  accessCodeHash(number: string, code: string): Buffer {
    return accessCodeMac(this.#current, number, code);
  }

  /**
   * The stored form of a one-time code linking a staff member's e-mail or Telegram chat; `scope` ties it to
   * where it may be used (the staff member, for a code typed back in the console).
   */
  linkCodeHash(scope: string, code: string): Buffer {
    return createHmac('sha256', this.#current.code).update(`staff-link:${scope}:${code}`).digest();
  }

  /**
   * The secret an integration signs its requests with, derived from its API key: shown once beside the key and
   * recomputed from the key a request presents, so it is stored nowhere, and a key seen in a log or a proxy
   * signs nothing without it. Issued under the current key.
   */
  integrationSigningSecret(apiKey: string): string {
    return signingMac(this.#current, apiKey);
  }

  /** The signing secrets this API key may have been issued, under every key of the ring (newest first). */
  integrationSigningSecrets(apiKey: string): string[] {
    return this.#all.toReversed().map((k) => signingMac(k, apiKey));
  }

  /** Constant-time comparison of an offered access code with the stored hash, under any key of the ring. */
  accessCodeMatches(number: string, code: string, stored: Buffer): boolean {
    let matches = false;
    for (const keys of this.#all) {
      const offered = accessCodeMac(keys, number, code);
      if (offered.length === stored.length && timingSafeEqual(offered, stored)) matches = true;
    }
    return matches;
  }
}

function lookupMac(keys: DerivedKeys, kind: LookupKind, value: string): Buffer {
  return createHmac('sha256', keys.lookup).update(`${kind}:${value}`).digest();
}

function accessCodeMac(keys: DerivedKeys, number: string, code: string): Buffer {
  return createHmac('sha256', keys.code).update(`${number}:${code}`).digest();
}

function signingMac(keys: DerivedKeys, apiKey: string): string {
  return createHmac('sha256', keys.signing).update(apiKey, 'utf8').digest('base64url');
}

/** One file's own key: a leaked file key opens that file only. */
function fileKey(keys: DerivedKeys, fileId: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', keys.file, Buffer.from(fileId, 'utf8'), 'murojaat/attachment-file-key/v1', 32),
  );
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}

const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A new secret access code: 8 characters from an alphabet without look-alikes (40 bits). */
export function newAccessCode(): string {
  const bytes = randomBytes(8);
  let code = '';
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31];
  return code;
}
