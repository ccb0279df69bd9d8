import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditKey } from '../audit/audit-chain.ts';
import { loadConfig } from '../config.ts';
import { DataProtector } from './data-protector.ts';
import { addKeyFile, Keyring, keyId, loadKeyring } from './keyring.ts';

let dir: string;
const oldKey = randomBytes(32);
const newKey = randomBytes(32);
const none = { dataKey: undefined, dataKeys: undefined, dataKeyCommand: undefined };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'murojaat-keys-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A value sealed as before key ids: [1][iv][tag][body] under the first key. */
function legacySeal(master: Buffer, value: unknown, context: string): Buffer {
  const key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'murojaat/personal-data/v1', 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(1), iv, cipher.getAuthTag(), body]);
}

describe('MUROJAAT_DATA_KEY_COMMAND', () => {
  it('loads the keys a real command prints, oldest first', async () => {
    const file = path.join(dir, 'secret-store.txt');
    await writeFile(file, `${oldKey.toString('base64')}\n${newKey.toString('hex')}\n`);
    const { keyring, source } = await loadKeyring({ ...none, dataKeyCommand: `cat '${file}'`, dataDir: dir });
    expect(source).toBe('command');
    expect(keyring.keys.map((k) => k.id)).toEqual([keyId(oldKey), keyId(newKey)]);
    expect(keyring.current.key.equals(newKey)).toBe(true);
  });

  it('names a failing command by its exit and standard error, never its output', async () => {
    const failing = loadKeyring({
      ...none,
      dataKeyCommand: `echo ${newKey.toString('base64')}; echo 'vault: permission denied' >&2; exit 3`,
      dataDir: dir,
    });
    await expect(failing).rejects.toThrow(
      'MUROJAAT_DATA_KEY_COMMAND exited with code 3: vault: permission denied.',
    );
    await failing.catch((error: Error) => expect(error.message).not.toContain(newKey.toString('base64')));
    await expect(loadKeyring({ ...none, dataKeyCommand: 'true', dataDir: dir })).rejects.toThrow(
      'MUROJAAT_DATA_KEY_COMMAND printed nothing',
    );
    await expect(
      loadKeyring({ ...none, dataKeyCommand: 'no-such-secret-tool', dataDir: dir }),
    ).rejects.toThrow(/MUROJAAT_DATA_KEY_COMMAND exited with code 127/);
  });

  it('refuses output that is not a key without repeating it', async () => {
    const leaked = 'not-a-key-but-secret-looking-text';
    const loading = loadKeyring({ ...none, dataKeyCommand: `echo ${leaked}`, dataDir: dir });
    await expect(loading).rejects.toThrow('MUROJAAT_DATA_KEY_COMMAND (key 1) must be 32 bytes');
    await loading.catch((error: Error) => expect(error.message).not.toContain(leaked));
  });

  it('is one source only', async () => {
    await expect(
      loadKeyring({ ...none, dataKeyCommand: 'true', dataKey: oldKey.toString('base64'), dataDir: dir }),
    ).rejects.toThrow('Set only one of');
  });
});

describe('keys in DATA_DIR', () => {
  it('creates data.key on first start, then adds data.key.2 beside it, both owner-only', async () => {
    const keys = path.join(dir, 'files');
    const created = await loadKeyring({ ...none, dataDir: keys });
    expect(created.source).toBe('created');
    const added = await addKeyFile(keys);
    expect(path.basename(added)).toBe('data.key.2');
    expect((await stat(added)).mode & 0o777).toBe(0o600);
    const loaded = await loadKeyring({ ...none, dataDir: keys });
    expect(loaded.source).toBe('file');
    expect(loaded.keyring.keys).toHaveLength(2);
    expect(loaded.keyring.first.id).toBe(created.keyring.current.id);
    expect((await readdir(keys)).sort()).toEqual(['data.key', 'data.key.2']);
  });
});

describe('a keyring in the data protector and the audit key', () => {
  const before = new DataProtector(new Keyring([oldKey]));
  const after = new DataProtector(new Keyring([oldKey, newKey]));

  it('reads the format from before key ids as the first key', () => {
    const legacy = legacySeal(oldKey, { lastName: 'Karimov' }, '2026-000001');
    expect(after.open(legacy, '2026-000001')).toEqual({ lastName: 'Karimov' });
    expect(DataProtector.keyIdOf(legacy, keyId(oldKey))).toBe(keyId(oldKey));
  });

  it('seals under the newest key, naming it, and opens what older keys sealed', () => {
    const old = before.seal('secret', 'ctx');
    const sealed = after.seal('secret', 'ctx');
    expect(DataProtector.keyIdOf(sealed, '')).toBe(keyId(newKey));
    expect(after.open(old, 'ctx')).toBe('secret');
    expect(() => before.open(sealed, 'ctx')).toThrow(
      `data key ${keyId(newKey)}, which this server does not hold`,
    );
    expect(() => after.open(sealed, 'other')).toThrow();
  });

  it('matches access codes and search hashes made under any key of the ring', () => {
    const stored = before.accessCodeHash('2026-000001', 'ABCD2345');
    expect(after.accessCodeMatches('2026-000001', 'ABCD2345', stored)).toBe(true);
    expect(after.accessCodeMatches('2026-000001', 'ABCD2346', stored)).toBe(false);
    const oldHash = before.lookupHash('phone', '+998901234567');
    expect(after.lookupHashes('phone', '+998901234567').some((h) => h.equals(oldHash))).toBe(true);
    expect(after.lookupHash('phone', '+998901234567').equals(oldHash)).toBe(false);
  });

  it('verifies audit rows and checkpoints of every key, each by the key its row names', () => {
    const row = {
      at: '2026-12-04T10:00:00.000Z',
      actorId: null,
      actorLabel: 'system',
      action: 'a',
      targetType: 't',
      targetId: '1',
      data: {},
    };
    const oldAudit = new AuditKey(new Keyring([oldKey]));
    const newAudit = new AuditKey(new Keyring([oldKey, newKey]));
    expect(newAudit.kind).toBe(`hmac-sha256:${keyId(newKey)}`);
    const prev = '0'.repeat(64);
    const oldRow = {
      ...row,
      id: 1,
      prevHash: prev,
      hash: oldAudit.rowHash(prev, row),
      hashKind: oldAudit.kind,
    };
    const newRow = {
      ...row,
      id: 2,
      prevHash: prev,
      hash: newAudit.rowHash(prev, row),
      hashKind: newAudit.kind,
    };
    expect(newAudit.rowMatches(oldRow)).toBe(true);
    expect(newAudit.rowMatches(newRow)).toBe(true);
    expect(oldAudit.rowMatches(newRow)).toBe(false);
    // A row claiming the new key but signed with the old one is caught.
    expect(newAudit.rowMatches({ ...oldRow, hashKind: newAudit.kind })).toBe(false);
    const fields = { entries: 1, lastId: 1, headHash: prev, keyedFrom: 1, at: row.at };
    expect(newAudit.checkpointMatches({ ...fields, mac: oldAudit.checkpointMac(fields) })).toBe(true);
  });
});

describe('configuration', () => {
  it('never echoes a data key it refuses', () => {
    const secret = `${randomBytes(20).toString('base64')}`;
    expect(() => loadConfig({ MUROJAAT_DATA_KEY: secret })).toThrow('MUROJAAT_DATA_KEY="…"');
  });
});
