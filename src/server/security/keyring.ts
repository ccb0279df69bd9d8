import { execFile } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One data key and its id: a short fingerprint that names the key in ciphertexts and audit rows. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * The data keys a server knows, oldest first; the newest encrypts and signs, every one of them still
 * decrypts and verifies what it made. Ids are fingerprints (an HMAC of a constant), never the key.
 */
export class Keyring {
  readonly keys: readonly DataKey[];

  constructor(keys: Buffer[]) {
    if (keys.length === 0) throw new Error('The keyring holds no data key.');
    const seen = new Set<string>();
    this.keys = keys.map((key) => {
      if (key.length !== 32) throw new Error('A data key must be 32 bytes.');
      const id = keyId(key);
      if (seen.has(id)) throw new Error(`The data key ${id} is given twice.`);
      seen.add(id);
      return { id, key };
    });
  }

  /** The key new ciphertexts and signatures are made with: the newest. */
  get current(): DataKey {
    const last = this.keys[this.keys.length - 1];
    if (!last) throw new Error('The keyring holds no data key.');
    return last;
  }

  /** The first key: ciphertexts and audit rows written before keys had ids were made with it. */
  get first(): DataKey {
    const first = this.keys[0];
    if (!first) throw new Error('The keyring holds no data key.');
    return first;
  }

  /** The key with this id, if the ring holds it. */
  byId(id: string): DataKey | undefined {
    return this.keys.find((k) => k.id === id);
  }
}

/** A key's id: 8 hex digits of an HMAC of a constant under the key, which tells nothing about the key. */
export function keyId(key: Buffer): string {
  return createHmac('sha256', key).update('murojaat/key-id/v1').digest('hex').slice(0, 8);
}

/** Where the keys came from, which decides what `keys rotate` can do by itself. */
export type KeySource = 'env' | 'command' | 'file' | 'created';

/** How keys are configured: the environment's variables, as `config.ts` read them. */
export interface KeySettings {
  /** MUROJAAT_DATA_KEY: one key. */
  dataKey: string | undefined;
  /** MUROJAAT_DATA_KEYS: several keys, oldest first, separated by commas, spaces or new lines. */
  dataKeys: string | undefined;
  /** MUROJAAT_DATA_KEY_COMMAND: a shell command whose standard output is the key (or the keys, one a line). */
  dataKeyCommand: string | undefined;
  dataDir: string;
}

const KEY_FILE = 'data.key';
const NEXT_KEY_FILE = /^data\.key\.([1-9][0-9]{0,5})$/;
const COMMAND_TIMEOUT_MS = 30_000;

/** Reads one key written as base64 or hex; `where` names its source in the error, never its value. */
export function parseKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/]{43}=?$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64')
      : Buffer.alloc(0);
  if (key.length !== 32) throw new Error(`${where} must be 32 bytes as base64 (44 chars) or hex (64 chars).`);
  return key;
}

function parseKeyList(text: string, where: string): Buffer[] {
  const parts = text.split(/[\s,]+/).filter((part) => part.length > 0);
  if (parts.length === 0) throw new Error(`${where} gave no key.`);
  return parts.map((part, index) => parseKey(part, `${where} (key ${index + 1})`));
}

/**
 * The keyring: from `MUROJAAT_DATA_KEY_COMMAND`, else `MUROJAAT_DATA_KEYS` / `MUROJAAT_DATA_KEY`, else the
 * files `<dataDir>/data.key` (created on first start) and `data.key.2`, `data.key.3` … that `keys rotate`
 * adds. Losing a key makes what it encrypted unreadable: back them up apart from the database.
 */
export async function loadKeyring(settings: KeySettings): Promise<{ keyring: Keyring; source: KeySource }> {
  const configured = [settings.dataKeyCommand, settings.dataKeys, settings.dataKey].filter(Boolean).length;
  if (configured > 1) {
    throw new Error(
      'Set only one of MUROJAAT_DATA_KEY_COMMAND, MUROJAAT_DATA_KEYS and MUROJAAT_DATA_KEY (several keys go in one of them, oldest first).',
    );
  }
  if (settings.dataKeyCommand) {
    const output = await runKeyCommand(settings.dataKeyCommand);
    return { keyring: new Keyring(parseKeyList(output, 'MUROJAAT_DATA_KEY_COMMAND')), source: 'command' };
  }
  if (settings.dataKeys) {
    return { keyring: new Keyring(parseKeyList(settings.dataKeys, 'MUROJAAT_DATA_KEYS')), source: 'env' };
  }
  if (settings.dataKey) {
    return { keyring: new Keyring([parseKey(settings.dataKey, 'MUROJAAT_DATA_KEY')]), source: 'env' };
  }
  const files = await keyFiles(settings.dataDir);
  if (files.length === 0) {
    await createKeyFile(settings.dataDir, KEY_FILE);
    const again = await loadKeyring(settings);
    return { keyring: again.keyring, source: 'created' };
  }
  const keys: Buffer[] = [];
  for (const file of files) keys.push(parseKey(await readFile(file, 'utf8'), file));
  return { keyring: new Keyring(keys), source: 'file' };
}

/**
 * The keyring as configured, or undefined when there is no key yet; never creates one (a restore needs the
 * keys that wrote the data, put back by the operator).
 */
export async function existingKeyring(settings: KeySettings): Promise<Keyring | undefined> {
  const configured = settings.dataKeyCommand || settings.dataKeys || settings.dataKey;
  if (!configured && (await keyFiles(settings.dataDir)).length === 0) return undefined;
  return (await loadKeyring(settings)).keyring;
}

/** The key files in `dataDir`, oldest first: `data.key`, then `data.key.2`, `data.key.3` … */
async function keyFiles(dataDir: string): Promise<string[]> {
  const names = await readdir(dataDir).catch(() => [] as string[]);
  const numbered = names
    .map((name) => ({ name, n: Number(NEXT_KEY_FILE.exec(name)?.[1] ?? Number.NaN) }))
    .filter((f) => Number.isInteger(f.n))
    .sort((a, b) => a.n - b.n)
    .map((f) => f.name);
  const first = names.includes(KEY_FILE) ? [KEY_FILE] : [];
  if (first.length === 0 && numbered.length > 0) {
    throw new Error(
      `${path.join(dataDir, KEY_FILE)} is missing while later keys exist: restore it from the backup.`,
    );
  }
  return [...first, ...numbered].map((name) => path.join(dataDir, name));
}

/** Writes a new random key to `name` (never over an existing file); returns false when it exists. */
async function createKeyFile(dataDir: string, name: string): Promise<boolean> {
  await mkdir(dataDir, { recursive: true });
  // `wx`: two processes starting at once must not each write a different key.
  try {
    await writeFile(path.join(dataDir, name), `${randomBytes(32).toString('base64')}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    return true;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') return false;
    throw error;
  }
}

/** Adds the next key file (`data.key.N`) beside the others; returns its path. */
export async function addKeyFile(dataDir: string): Promise<string> {
  const files = await keyFiles(dataDir);
  const n = files.length + 1;
  const name = `${KEY_FILE}.${n}`;
  if (!(await createKeyFile(dataDir, name))) throw new Error(`${path.join(dataDir, name)} already exists.`);
  return path.join(dataDir, name);
}

/**
 * Runs the operator's command through the shell and returns its standard output. A failure names the
 * command's exit and the start of its standard error, never its output (which may be a key).
 */
function runKeyCommand(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      '/bin/sh',
      ['-c', command],
      { timeout: COMMAND_TIMEOUT_MS, maxBuffer: 64 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const how =
            error.killed || error.signal
              ? `was stopped (${error.signal ?? 'timeout'} after at most ${COMMAND_TIMEOUT_MS / 1000} s)`
              : `exited with code ${String(error.code ?? 'unknown')}`;
          const said = stderr.trim().split('\n')[0]?.slice(0, 200);
          reject(new Error(`MUROJAAT_DATA_KEY_COMMAND ${how}${said ? `: ${said}` : ''}.`));
          return;
        }
        if (!stdout.trim()) {
          reject(new Error('MUROJAAT_DATA_KEY_COMMAND printed nothing: it must print the data key.'));
          return;
        }
        resolve(stdout);
      },
    );
  });
}
