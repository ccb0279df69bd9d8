import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { murojaatInProcess } from '../../app/testing/murojaat-in-process.ts';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { DataProtector } from '../security/data-protector.ts';
import { latestRotation, sealedColumns } from '../security/key-rotation.repository.ts';
import { Keyring, keyId } from '../security/keyring.ts';
import { keyStatus, reencryptBatch } from '../security/rotate-keys.ts';
import { attachmentObjectKey } from './file-store.ts';
import { S3Client } from './s3-client.ts';

// A key rotation reaching the attachments kept in an S3 bucket, against s3rver on a loopback port (as in
// s3-attachments.api.test.ts): after the sealed columns, the background walk opens each object sealed under an
// older key and puts it back sealed under the newest, in batches, waits while the store is down, and every file
// opens with its original bytes before, between and after the batches.

const S3rver = await import('s3rver').then(
  (module) => module.default,
  () => undefined,
);
if (!S3rver) console.warn('S3 key rotation tests skipped: s3rver is not installed (run npm install).');

const info = inject('testDatabase');
const oldKey = Buffer.from(info.dataKey, 'base64');
const newKey = randomBytes(32);
const oldId = keyId(oldKey);
const newId = keyId(newKey);
const bothKeys = { MUROJAAT_DATA_KEYS: `${oldKey.toString('base64')},${newKey.toString('base64')}` };

let work: string;
let s3Dir: string;
let s3: { run(): Promise<{ port: number }>; close(): Promise<void> };
let port: number;
let t: TestSystem;
let clerk: StaffAgent;
/** The files filed, with the bytes each must open to. */
const filed: { number: string; id: string; content: Buffer }[] = [];
/** What a walk that crashed after putting an object back, before recording it, had put. */
let putBeforeCrash: { id: string; sealed: Buffer } | undefined;

function startS3(onPort = 0) {
  if (!S3rver) throw new Error('s3rver is not installed');
  s3 = new S3rver({
    address: '127.0.0.1',
    port: onPort,
    silent: true,
    directory: s3Dir,
    configureBuckets: [{ name: 'murojaat', configs: [] }],
  });
  return s3.run();
}

const s3Env = () => ({
  S3_URL: `http://127.0.0.1:${port}/murojaat`,
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
});

const bucket = () =>
  new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    bucket: 'murojaat',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    region: 'us-east-1',
    forcePathStyle: true,
  });

async function object(id: string): Promise<Buffer> {
  const found = await bucket().get(attachmentObjectKey(id));
  if (!found) throw new Error(`no object for ${id}`);
  return found;
}

/** The id of the data key an object names (its bytes 1–4). */
const sealedUnder = async (id: string) => (await object(id)).subarray(1, 5).toString('hex');

/** Runs `murojaat …` in this process against this system, its bucket and both keys. */
function murojaat(args: string[]) {
  const { MUROJAAT_DATA_KEY: _, ...env } = t.env;
  return murojaatInProcess(args, { ...env, ...s3Env(), ...bothKeys });
}

async function fileAppeal(content: Buffer, index: number): Promise<{ number: string; id: string }> {
  const boundary = `xROTATIONx${index}x`;
  const fields = {
    type: 'ariza',
    'applicant.kind': 'individual',
    'applicant.lastName': 'Karimov',
    'applicant.firstName': 'Aziz',
    'applicant.address': 'Toshkent, Yunusobod',
    text: 'Mashinamning raqami oʻgʻirlandi, hujjat ilova qilindi.',
    territory: '1726266',
    consent: 'on',
  };
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const filedAppeal = await t.request({
    method: 'POST',
    url: '/api/v1/appeals',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(parts.join('')),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="ariza.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(filedAppeal.statusCode, filedAppeal.body).toBe(201);
  const { number } = filedAppeal.json<{ number: string }>();
  const row = await t.ownerDb
    .selectFrom('attachments')
    .innerJoin('appeals', 'appeals.id', 'attachments.appeal_id')
    .select('attachments.id')
    .where('appeals.number', '=', number)
    .executeTakeFirstOrThrow();
  return { number, id: row.id };
}

/** Every file downloaded by staff gives back the bytes filed. */
async function expectEveryFileOpens() {
  for (const file of filed) {
    const opened = await clerk.request({
      method: 'GET',
      url: `/api/v1/appeals/${file.number}/attachments/${file.id}`,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.rawPayload.equals(file.content)).toBe(true);
  }
}

async function recordedKeys(): Promise<Record<string, string | null>> {
  const rows = await t.ownerDb.selectFrom('attachments').select(['id', 'sealed_key_id']).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.sealed_key_id]));
}

async function rotationRow() {
  const row = await latestRotation(t.ownerDb);
  if (!row) throw new Error('no rotation');
  return row;
}

/** Objects still sealed under the old key (recorded so) or not yet known, as `keys status` counts them. */
async function objectsNotUnderNewKey(): Promise<number> {
  const status = await keyStatus(t.system.ctx.db, t.system.ctx.protector, { sealedAttachments: true });
  const old = status.keys.find((k) => k.id === oldId);
  return (old?.objects ?? 0) + status.objectsUnrecorded;
}

beforeAll(async () => {
  if (!S3rver) return;
  work = await mkdtemp(path.join(tmpdir(), 'murojaat-s3-rotation-'));
  s3Dir = path.join(work, 's3');
  ({ port } = await startS3());
  t = await startTestSystem({ env: s3Env() });
  clerk = await t.staff('clerk-s3-rotation', 'clerk', 'IIV-1726266-APP');
  for (let i = 0; i < 5; i++) {
    const content = Buffer.from(
      `%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\nevidence-${i}-${randomBytes(24).toString('hex')}\n`,
    );
    filed.push({ ...(await fileAppeal(content, i)), content });
  }
}, 120_000);

afterAll(async () => {
  await t?.stop();
  await s3?.close().catch(() => undefined);
  if (work) await rm(work, { recursive: true, force: true });
});

describe.skipIf(!S3rver)('key rotation of attachments in an S3 bucket', { timeout: 60_000 }, () => {
  it('records which data key sealed each object as it is stored', async () => {
    const keys = await recordedKeys();
    for (const file of filed) {
      expect(keys[file.id]).toBe(oldId);
      expect(await sealedUnder(file.id)).toBe(oldId);
    }
  });

  it('counts the objects under the old key, and those whose key is not recorded, in keys status and the rotation', async () => {
    // As stored before keys were recorded: the walk reads the object to learn its key.
    await t.ownerDb
      .updateTable('attachments')
      .set({ sealed_key_id: null })
      .where('id', '=', filed[4]?.id ?? '')
      .execute();
    await t.restart(bothKeys);
    const rotated = await murojaat(['keys', 'rotate', '--batch', '2', '--pause-ms', '0']);
    expect(rotated.code, rotated.err).toBe(0);
    const rotation = await rotationRow();
    expect(rotation.key_id).toBe(newId);
    const status = await murojaat(['keys', 'status']);
    expect(status.code, status.err).toBe(0);
    expect(status.out).toMatch(
      new RegExp(`${oldId}\\s+\\d+ encrypted value\\(s\\), 4 attachment object\\(s\\)`),
    );
    expect(status.out).toContain('1 attachment object(s) whose data key is not recorded yet');
    const values = Number(new RegExp(`${oldId}\\s+(\\d+) encrypted value`).exec(status.out)?.[1]);
    expect(values).toBeGreaterThan(0);
    // Every sealed value and every object not known to be under the new key.
    expect(rotation.total).toBe(values + 5);
    expect(await objectsNotUnderNewKey()).toBe(5);
  });

  it('re-seals the objects batch by batch after the columns, every file opening with its bytes in between', async () => {
    // A walk that crashed after putting an object back and before recording it: the object is under the new key,
    // its row still names the old one. The last in the walk's order (by id), so the first batch leaves it.
    const ring = new DataProtector(new Keyring([oldKey, newKey]));
    const crashed = filed.toSorted((a, b) => (a.id < b.id ? -1 : 1)).at(-1);
    if (!crashed) throw new Error('no file');
    putBeforeCrash = { id: crashed.id, sealed: ring.sealFile(crashed.content, crashed.id) };
    await bucket().put(attachmentObjectKey(crashed.id), putBeforeCrash.sealed);

    const objectsPhase = sealedColumns.length;
    const { id: rotationId } = await rotationRow();
    let { step } = await rotationRow();
    while ((await rotationRow()).position < objectsPhase) {
      const batch = await reencryptBatch(t.system.ctx, { rotationId, step });
      expect(batch.ran).toBe(true);
      step++;
    }
    // The columns are done, no object is touched yet.
    expect(await objectsNotUnderNewKey()).toBe(5);
    await expectEveryFileOpens();

    const first = await reencryptBatch(t.system.ctx, { rotationId, step });
    expect(first).toMatchObject({ ran: true, done: 2, waiting: false, finished: false });
    expect(await objectsNotUnderNewKey()).toBe(3);
    const under = await Promise.all(filed.map((f) => sealedUnder(f.id)));
    expect(under.filter((id) => id === newId)).toHaveLength(3);
    expect(under.filter((id) => id === oldId)).toHaveLength(2);
    // Mid-rotation, files under either key open with their bytes.
    await expectEveryFileOpens();
    const status = await murojaat(['keys', 'status']);
    expect(status.out).toContain('at attachment objects');
  });

  it('waits while the store is down, losing and skipping no object, and goes on once it is back', async () => {
    const before = await rotationRow();
    const keysBefore = await recordedKeys();
    const notUnderBefore = await objectsNotUnderNewKey();
    expect(notUnderBefore).toBeGreaterThan(0);
    await s3.close();
    try {
      const waiting = await reencryptBatch(t.system.ctx, { rotationId: before.id, step: before.step });
      expect(waiting).toMatchObject({ ran: true, done: 0, waiting: true, finished: false });
      const after = await rotationRow();
      expect(after.position).toBe(before.position);
      expect(after.after_key).toBe(before.after_key);
      expect(after.done).toBe(before.done);
      expect(after.failed).toBe(before.failed);
      expect(after.finished_at).toBeNull();
      expect(after.waiting_since).not.toBeNull();
      expect(await recordedKeys()).toEqual(keysBefore);
      expect(await objectsNotUnderNewKey()).toBe(notUnderBefore);
      const status = await murojaat(['keys', 'status']);
      expect(status.out).toContain('waiting for the object store');
      expect(status.out).not.toContain('encrypts nothing any more');
    } finally {
      await startS3(port);
    }
    const resumed = await rotationRow();
    const next = await reencryptBatch(t.system.ctx, { rotationId: resumed.id, step: resumed.step });
    expect(next).toMatchObject({ ran: true, waiting: false });
    expect(next.done).toBeGreaterThan(0);
    expect((await rotationRow()).waiting_since).toBeNull();
    await expectEveryFileOpens();
  });

  it('finishes in the restarted workers with no object left under the old key', async () => {
    await t.restart(bothKeys, { workers: true });
    const deadline = Date.now() + 30_000;
    while (!(await rotationRow()).finished_at) {
      if (Date.now() > deadline) throw new Error('the rotation did not finish');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const rotation = await rotationRow();
    expect(rotation.failed).toBe(0);
    expect(rotation.done).toBe(rotation.total);
    expect(await objectsNotUnderNewKey()).toBe(0);
    for (const [id, key] of Object.entries(await recordedKeys())) {
      expect(key, id).toBe(newId);
      expect(await sealedUnder(id)).toBe(newId);
    }
    const status = await murojaat(['keys', 'status']);
    expect(status.code, status.err).toBe(0);
    expect(status.out).toMatch(
      new RegExp(
        `${oldId}\\s+0 encrypted value\\(s\\), 0 attachment object\\(s\\)\\s+encrypts nothing any more`,
      ),
    );
    expect(status.out).not.toContain('not recorded yet');
    await expectEveryFileOpens();
    // The object the crashed walk had put back was recorded, not sealed again.
    if (!putBeforeCrash) throw new Error('no crash was set up');
    expect((await object(putBeforeCrash.id)).equals(putBeforeCrash.sealed)).toBe(true);
  });

  it('leaves objects the old key alone cannot open and the new key alone can', async () => {
    const oldOnly = new DataProtector(oldKey);
    const newOnly = new DataProtector(newKey);
    for (const file of filed) {
      const sealed = await object(file.id);
      expect(() => oldOnly.openFile(sealed, file.id)).toThrow();
      expect(newOnly.openFile(sealed, file.id).equals(file.content)).toBe(true);
      expect(sealed.includes(Buffer.from('evidence-'))).toBe(false);
    }
  });

  it('records the new key for files stored after the rotation', async () => {
    const content = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\nlater\n');
    const later = await fileAppeal(content, 9);
    expect((await recordedKeys())[later.id]).toBe(newId);
    expect(await sealedUnder(later.id)).toBe(newId);
  });
});
