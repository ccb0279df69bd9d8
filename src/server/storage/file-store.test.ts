import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataProtector } from '../security/data-protector.ts';
import { Keyring } from '../security/keyring.ts';
import { attachmentObjectKey, attachmentPath, DiskFileStore } from './file-store.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'murojaat-file-store-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the attachment stores', () => {
  it('keeps, finds, reads and deletes a file on the disk by its id', async () => {
    const store = new DiskFileStore(dir);
    const id = randomUUID();
    expect(await store.exists(id)).toBe(false);
    await store.put(id, Buffer.from('%PDF-1.4'));
    expect(await store.exists(id)).toBe(true);
    expect(String(await store.get(id))).toBe('%PDF-1.4');
    expect(await readdir(path.join(dir, 'attachments', id.slice(0, 2)))).toEqual([id]);
    await store.delete(id);
    await store.delete(id);
    await expect(store.get(id)).rejects.toMatchObject({ code: 'ATTACHMENT_MISSING' });
  });

  it('lets nothing but an attachment id reach a path or an object key', () => {
    for (const id of [
      '../../data.key',
      '..',
      'a/b',
      `${randomUUID()}/../x`,
      '',
      randomUUID().toUpperCase(),
    ]) {
      expect(() => attachmentPath(dir, id)).toThrow('Not an attachment id');
      expect(() => attachmentObjectKey(id)).toThrow('Not an attachment id');
    }
    const id = randomUUID();
    expect(attachmentObjectKey(id)).toBe(`attachments/${id.slice(0, 2)}/${id}`);
  });

  it('encrypts a file for its id only, and reads it with an older key of the ring', () => {
    const oldKey = Buffer.alloc(32, 1);
    const before = new DataProtector(oldKey);
    const after = new DataProtector(new Keyring([oldKey, Buffer.alloc(32, 2)]));
    const id = randomUUID();
    const sealed = before.sealFile(Buffer.from('evidence'), id);
    expect(sealed.includes(Buffer.from('evidence'))).toBe(false);
    expect(String(after.openFile(sealed, id))).toBe('evidence');
    expect(() => after.openFile(sealed, randomUUID())).toThrow();
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1] = (flipped[flipped.length - 1] ?? 0) ^ 1;
    expect(() => after.openFile(flipped, id)).toThrow();
    // Two files of the same bytes share nothing an observer could match.
    expect(before.sealFile(Buffer.from('evidence'), id).equals(sealed)).toBe(false);
  });
});
