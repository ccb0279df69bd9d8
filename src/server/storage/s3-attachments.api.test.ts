import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { murojaatInProcess } from '../../app/testing/murojaat-in-process.ts';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { inputValue, multipart, PortalSession } from '../../portal/testing.ts';
import { loadConfig } from '../config.ts';
import { startEmbeddedDatabase } from '../db/embedded.ts';
import { receiveMail } from '../mail/receive-mail.ts';
import { DataProtector } from '../security/data-protector.ts';
import { keyId } from '../security/keyring.ts';
import { connectionUrl } from '../testing/test-database.ts';
import { attachmentObjectKey } from './file-store.ts';
import { S3Client } from './s3-client.ts';

// Attachments in an S3 bucket, against s3rver: a real S3 server (HTTP, XML errors, its own files) on a
// loopback port of this process. It does not check Signature Version 4 (s3-client.test.ts proves the signing
// against Amazon's documented examples); everything else here is the real protocol.

// s3rver is a dev dependency: an install without it (npm ci --omit=dev) skips these tests, saying why.
const S3rver = await import('s3rver').then(
  (module) => module.default,
  () => undefined,
);
if (!S3rver) console.warn('S3 attachment tests skipped: s3rver is not installed (run npm install).');

const info = inject('testDatabase');
const dataKey = Buffer.from(info.dataKey, 'base64');
const protector = new DataProtector(dataKey);
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\nsecret-evidence-Karimov\n');

let work: string;
let s3Dir: string;
let s3: { run(): Promise<{ port: number }>; close(): Promise<void> };
let port: number;
let t: TestSystem;
const cleanups: (() => Promise<void>)[] = [];

function startS3(onPort = 0) {
  if (!S3rver) throw new Error('s3rver is not installed');
  s3 = new S3rver({
    address: '127.0.0.1',
    port: onPort,
    silent: true,
    directory: s3Dir,
    configureBuckets: [
      { name: 'murojaat', configs: [] },
      { name: 'restored', configs: [] },
    ],
  });
  return s3.run();
}

const s3Env = (bucket: string) => ({
  S3_URL: `http://127.0.0.1:${port}/${bucket}`,
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
});

const bucket = (name: string) =>
  new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    bucket: name,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    region: 'us-east-1',
    forcePathStyle: true,
  });

/** Every path s3rver keeps for a bucket (its objects and their metadata), relative to the bucket. */
async function storedPaths(name: string): Promise<string[]> {
  const root = path.join(s3Dir, name);
  const entries = await readdir(root, { recursive: true }).catch(() => []);
  return entries.map(String);
}

async function fileAppeal(files: { name: string; type: string; content: Buffer }[], index = 0) {
  const boundary = `xS3BOUNDARY${index}x`;
  const fields = {
    type: 'ariza',
    'applicant.kind': 'individual',
    'applicant.lastName': 'Karimov',
    'applicant.firstName': 'Aziz',
    'applicant.address': 'Toshkent, Yunusobod',
    text: 'Mashinamning raqami oʻgʻirlandi, surati va hujjat ilova qilindi.',
    territory: '1726266',
    consent: 'on',
  };
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  return t.request({
    method: 'POST',
    url: '/api/v1/appeals',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(parts.join('')),
      ...files.flatMap((f) => [
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
        ),
        f.content,
        Buffer.from('\r\n'),
      ]),
      Buffer.from(`--${boundary}--\r\n`),
    ]),
  });
}

async function attachmentRows(number: string) {
  return t.ownerDb
    .selectFrom('attachments')
    .innerJoin('appeals', 'appeals.id', 'attachments.appeal_id')
    .selectAll('attachments')
    .where('appeals.number', '=', number)
    .orderBy('attachments.filename')
    .execute();
}

const countAppeals = async () =>
  Number(
    (
      await t.ownerDb
        .selectFrom('appeals')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Runs `murojaat …` in this process with only `env` pointing it somewhere. */
function murojaat(args: string[], env: Record<string, string>) {
  return murojaatInProcess(args, env);
}

/** An empty restore target: a new DATA_DIR with the key put back, and a new database on the server run. */
async function emptyTarget(): Promise<Record<string, string>> {
  const dataDir = await mkdtemp(path.join(work, 'target-'));
  if (info.engine === 'embedded') {
    await writeFile(path.join(dataDir, 'data.key'), `${dataKey.toString('base64')}\n`, { mode: 0o600 });
    return { DATA_DIR: dataDir };
  }
  const name = `restore_s3_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(info.admin);
  await admin.connect();
  await admin.query(`create database ${name} template template0`);
  await admin.end();
  cleanups.push(async () => {
    const client = new pg.Client(info.admin);
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });
  return {
    DATABASE_URL: connectionUrl(info.requests, name),
    DATABASE_MIGRATION_URL: connectionUrl(info.admin, name),
    DATA_DIR: dataDir,
    MUROJAAT_DATA_KEY: dataKey.toString('base64'),
  };
}

beforeAll(async () => {
  if (!S3rver) return;
  work = await mkdtemp(path.join(tmpdir(), 'murojaat-s3-'));
  s3Dir = path.join(work, 's3');
  ({ port } = await startS3());
  t = await startTestSystem({ env: s3Env('murojaat') });
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  await t?.stop();
  await s3?.close().catch(() => undefined);
  if (work) await rm(work, { recursive: true, force: true });
});

describe.skipIf(!S3rver)('attachments in an S3 bucket', { timeout: 60_000 }, () => {
  it('keeps each file encrypted under its own key, named by a random id, and gives staff the original bytes', async () => {
    const filed = await fileAppeal([
      { name: 'ariza-Karimov.pdf', type: 'application/pdf', content: pdf },
      { name: 'surat.png', type: 'image/png', content: png },
    ]);
    expect(filed.statusCode, filed.body).toBe(201);
    const { number } = filed.json<{ number: string }>();
    const rows = await attachmentRows(number);
    expect(rows.map((r) => r.filename)).toEqual(['ariza-Karimov.pdf', 'surat.png']);

    // The database holds the reference (the id) and the file's facts; no address, no bucket, no bytes.
    const rowText = JSON.stringify(rows);
    expect(rowText).not.toMatch(/127\.0\.0\.1|http|murojaat\/|S3RVER|%PDF|secret-evidence/);
    expect(await readdir(path.join(t.env.DATA_DIR ?? '', 'attachments')).catch(() => [])).toEqual([]);

    const keys = await storedPaths('murojaat');
    for (const row of rows) {
      const object = await bucket('murojaat').get(attachmentObjectKey(row.id));
      if (!object) throw new Error(`no object for ${row.id}`);
      // Not the plaintext, nor anything of it; the data key's id leads it (rotation reads it with that key).
      expect(object.includes(Buffer.from('%PDF'))).toBe(false);
      expect(object.includes(Buffer.from('secret-evidence'))).toBe(false);
      expect(object.subarray(1, 5).toString('hex')).toBe(protector.currentKeyId);
      const plain = protector.openFile(object, row.id);
      expect(createHash('sha256').update(plain).digest('hex')).toBe(row.sha256);
      // Bound to its id: one object cannot be passed off as another attachment.
      const other = rows.find((r) => r.id !== row.id)?.id ?? '';
      expect(() => protector.openFile(object, other)).toThrow();
    }
    // No file name, no appeal number in any key the store holds.
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join('\n')).not.toMatch(/ariza|Karimov|surat|IIV-/i);

    const clerk = await t.staff('clerk-s3', 'clerk', 'IIV-1726266-APP');
    const pdfRow = rows[0];
    const opened = await clerk.request({
      method: 'GET',
      url: `/api/v1/appeals/${number}/attachments/${pdfRow?.id}`,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.rawPayload.equals(pdf)).toBe(true);
    expect(opened.headers['content-length']).toBe(String(pdf.length));
  });

  it('keeps the answer’s files in the bucket, deletes one taken off the draft, and gives the applicant the original', async () => {
    const appeal = await t.fileAppeal();
    const clerk = await t.staff('clerk-s3-answer', 'clerk', 'IIV-1726266-APP');
    const executor = await t.staff('exec-s3-answer', 'executor', 'IIV-1726266-INV');
    const head = await t.staff('head-s3-answer', 'head', 'IIV-1726266-INV');
    const act = (agent: typeof clerk, payload: Record<string, unknown>) =>
      agent.request({ method: 'POST', url: `/api/v1/appeals/${appeal.number}/transitions`, payload });
    await act(clerk, { action: 'route', units: ['IIV-1726266-INV'] });
    await act(executor, { action: 'accept' });
    await act(executor, {
      action: 'draft_answer',
      outcome: 'satisfied',
      body: 'Maʼlumotnoma ilova qilindi.',
    });
    const uploaded = await executor.request({
      method: 'POST',
      url: `/api/v1/appeals/${appeal.number}/answer-files`,
      ...multipart({}, [
        { name: 'files', filename: 'spravka.pdf', type: 'application/pdf', content: pdf },
        { name: 'files', filename: 'eski.pdf', type: 'application/pdf', content: pdf },
      ]),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const [spravka, eski] = uploaded.json<{ id: string }[]>();
    for (const file of [spravka, eski]) {
      expect(await bucket('murojaat').exists(attachmentObjectKey(file?.id ?? ''))).toBe(true);
    }
    const removed = await executor.request({
      method: 'DELETE',
      url: `/api/v1/appeals/${appeal.number}/answer-files/${eski?.id}`,
    });
    expect(removed.statusCode).toBe(204);
    expect(await bucket('murojaat').exists(attachmentObjectKey(eski?.id ?? ''))).toBe(false);

    await act(head, { action: 'approve_answer' });
    const download = await t.request({
      method: 'POST',
      url: `/api/v1/appeals/track/files/${spravka?.id}`,
      payload: { number: appeal.number, accessCode: appeal.accessCode },
    });
    expect(download.statusCode, download.body).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    // Another applicant, with a valid number and code of their own, does not reach this file by its id.
    const stranger = await t.fileAppeal();
    const guessed = await t.request({
      method: 'POST',
      url: `/api/v1/appeals/track/files/${spravka?.id}`,
      payload: { number: stranger.number, accessCode: stranger.accessCode },
    });
    expect(guessed.statusCode).toBe(404);
    expect(guessed.rawPayload.includes(Buffer.from('%PDF'))).toBe(false);
  });

  it('keeps staff of another unit and guessed ids away from the objects', async () => {
    const filed = await fileAppeal([{ name: 'ariza.pdf', type: 'application/pdf', content: pdf }], 1);
    const { number } = filed.json<{ number: string }>();
    const [row] = await attachmentRows(number);
    const other = (await fileAppeal([{ name: 'ariza.pdf', type: 'application/pdf', content: pdf }], 2)).json<{
      number: string;
    }>().number;
    const outsider = await t.staff('clerk-s3-andijan', 'clerk', 'IIV-1703202-APP');
    const clerk = await t.staff('clerk-s3-own', 'clerk', 'IIV-1726266-APP');
    const get = (agent: typeof clerk, url: string) => agent.request({ method: 'GET', url });

    // Another unit: the appeal is not there for them, whatever id they hold.
    const foreign = await get(outsider, `/api/v1/appeals/${number}/attachments/${row?.id}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.rawPayload.includes(Buffer.from('%PDF'))).toBe(false);
    // An appeal they may see, with the id of another appeal's file: not found, not that file.
    const swapped = await get(clerk, `/api/v1/appeals/${other}/attachments/${row?.id}`);
    expect(swapped.statusCode).toBe(404);
    // Object keys and paths are not ids: refused by the schema before anything is looked up.
    for (const id of [
      attachmentObjectKey(row?.id ?? ''),
      encodeURIComponent(`../../murojaat/${attachmentObjectKey(row?.id ?? '')}`),
      '..%2F..%2Fdata.key',
    ]) {
      const guessed = await get(clerk, `/api/v1/appeals/${number}/attachments/${id}`);
      expect([400, 404]).toContain(guessed.statusCode);
      expect(guessed.rawPayload.includes(Buffer.from('%PDF'))).toBe(false);
    }
  });

  it('never lets a file name reach the object key', async () => {
    const filed = await fileAppeal(
      [{ name: '../../../murojaat/attachments/evil..%2F.pdf', type: 'application/pdf', content: pdf }],
      3,
    );
    expect(filed.statusCode, filed.body).toBe(201);
    const [row] = await attachmentRows(filed.json<{ number: string }>().number);
    expect(row?.filename).not.toContain('/');
    expect(row?.filename).not.toMatch(/^\.\./);
    expect(await bucket('murojaat').exists(attachmentObjectKey(row?.id ?? ''))).toBe(true);
    expect((await storedPaths('murojaat')).join('\n')).not.toMatch(/evil|\.\./);
  });

  it('answers FILE_STORAGE_UNAVAILABLE and writes no appeal while the store is down, and works again after', async () => {
    const before = await filedWithPdf(4);
    const clerk = await t.staff('clerk-s3-outage', 'clerk', 'IIV-1726266-APP');
    const appeals = await countAppeals();
    await s3.close();
    try {
      const refused = await fileAppeal([{ name: 'ariza.pdf', type: 'application/pdf', content: pdf }], 5);
      expect(refused.statusCode).toBe(503);
      expect(refused.json().error.code).toBe('FILE_STORAGE_UNAVAILABLE');
      expect(await countAppeals()).toBe(appeals);
      const read = await clerk.request({
        method: 'GET',
        url: `/api/v1/appeals/${before.number}/attachments/${before.id}`,
      });
      expect(read.statusCode).toBe(503);
      expect(read.json().error.code).toBe('FILE_STORAGE_UNAVAILABLE');
      // A mail with a file is not taken (the mail server is answered 451 and sends it again), not split.
      await expect(
        receiveMail(t.system.ctx, {
          from: 'aziz@example.uz',
          displayName: 'Aziz Karimov',
          subject: 'Ariza',
          text: 'Hujjat ilova qilindi.',
          replyTo: [],
          files: [{ filename: 'ariza.pdf', content: pdf }],
        }),
      ).rejects.toMatchObject({ code: 'FILE_STORAGE_UNAVAILABLE' });
      expect(await countAppeals()).toBe(appeals);
      // The portal's form comes back with what was typed and the reason beside the files.
      const session = new PortalSession(t);
      const csrf = await session.csrf('/en/appeal');
      const form = await session.request({
        method: 'POST',
        url: '/en/appeal',
        ...multipart(
          {
            _csrf: csrf,
            type: 'ariza',
            'applicant.kind': 'individual',
            'applicant.lastName': 'Karimov',
            'applicant.firstName': 'Aziz',
            'applicant.address': 'Toshkent, Yunusobod',
            territory: '1726266',
            text: 'Mashinamning raqami oʻgʻirlandi, hujjat ilova qilindi.',
            consent: 'true',
          },
          [{ name: 'files', filename: 'ariza.pdf', type: 'application/pdf', content: pdf }],
        ),
      });
      expect(form.statusCode).toBe(400);
      expect(form.body).toContain('File storage is temporarily unavailable');
      expect(inputValue(form.body, 'applicant.lastName')).toBe('Karimov');
      expect(await countAppeals()).toBe(appeals);
      // An appeal without files needs no store.
      expect(
        (await t.request({ method: 'POST', url: '/api/v1/appeals', payload: plainAppeal })).statusCode,
      ).toBe(201);
    } finally {
      await startS3(port);
    }
    const again = await fileAppeal([{ name: 'ariza.pdf', type: 'application/pdf', content: pdf }], 6);
    expect(again.statusCode, again.body).toBe(201);
  });

  it('answers ATTACHMENT_MISSING when an object was lost, and goes on serving', async () => {
    const { number, id } = await filedWithPdf(7);
    const object = await bucket('murojaat').get(attachmentObjectKey(id));
    await bucket('murojaat').delete(attachmentObjectKey(id));
    const clerk = await t.staff('clerk-s3-missing', 'clerk', 'IIV-1726266-APP');
    const missing = await clerk.request({
      method: 'GET',
      url: `/api/v1/appeals/${number}/attachments/${id}`,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('ATTACHMENT_MISSING');
    expect(
      (await clerk.request({ method: 'GET', url: `/api/v1/appeals/${number}/attachments` })).statusCode,
    ).toBe(200);
    // A backup would not be whole without it: refused, naming the file by its id.
    const refused = await murojaat(['backup', '--out', path.join(work, 'partial.backup')], {
      ...t.env,
      ...s3Env('murojaat'),
    });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`Attachment ${id} is missing from the S3 bucket`);
    // Put back as it was, so that the backup below finds every file its rows name.
    await bucket('murojaat').put(attachmentObjectKey(id), object ?? Buffer.alloc(0));
  });

  it('backs the objects up with the database and restores them into the bucket the target is given', async () => {
    const unrecorded = await filedWithPdf(8);
    // A file stored before keys were recorded: the restore, which seals it anew, records its key.
    await t.ownerDb
      .updateTable('attachments')
      .set({ sealed_key_id: null })
      .where('id', '=', unrecorded.id)
      .execute();
    const kept = await t.ownerDb.selectFrom('attachments').select(['id', 'sha256']).execute();

    const file = path.join(work, 's3.backup');
    const made = await murojaat(['backup', '--out', file], { ...t.env, ...s3Env('murojaat') });
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    expect(made.out).toContain(`${kept.length} attachment(s)`);

    const target = await emptyTarget();
    const restored = await murojaat(['restore', file], { ...target, ...s3Env('restored') });
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toContain(`${kept.length} attachment(s)`);
    // Nothing on the target's disk: every file went into its bucket, encrypted, under the same key.
    expect(await readdir(path.join(target.DATA_DIR ?? '', 'attachments')).catch(() => [])).toEqual([]);
    for (const row of kept) {
      const object = await bucket('restored').get(attachmentObjectKey(row.id));
      if (!object) throw new Error(`${row.id} was not restored`);
      expect(object.includes(Buffer.from('secret-evidence'))).toBe(false);
      const plain = protector.openFile(object, row.id);
      expect(createHash('sha256').update(plain).digest('hex')).toBe(row.sha256);
    }
    expect(await sealingKeysOf(target)).toEqual(kept.map(() => protector.currentKeyId));
  }, 120_000);

  it('reads files written under the old data key after a key rotation, and writes new ones under the new key', async () => {
    const old = await filedWithPdf(9);
    const newKey = randomBytes(32);
    await t.restart({ MUROJAAT_DATA_KEYS: `${dataKey.toString('base64')},${newKey.toString('base64')}` });
    const clerk = await t.staff('clerk-s3-rotated', 'clerk', 'IIV-1726266-APP');
    const fresh = await filedWithPdf(10);
    const header = async (id: string) =>
      (await bucket('murojaat').get(attachmentObjectKey(id)))?.subarray(1, 5).toString('hex');
    expect(await header(old.id)).toBe(keyId(dataKey));
    expect(await header(fresh.id)).toBe(keyId(newKey));
    for (const { number, id } of [old, fresh]) {
      const opened = await clerk.request({
        method: 'GET',
        url: `/api/v1/appeals/${number}/attachments/${id}`,
      });
      expect(opened.statusCode, opened.body).toBe(200);
      expect(opened.rawPayload.equals(pdf)).toBe(true);
    }
  });

  it('refuses a bad S3 configuration at start, naming the variable and never echoing the secret', () => {
    const base = { S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'very-secret-value' };
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ DATA_DIR: work, ...env });
        return '';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    };
    expect(problems({ ...base, S3_URL: 'ftp://127.0.0.1/bucket' })).toMatch(/S3_URL=.*http\(s\):\/\/host/);
    expect(problems({ ...base, S3_URL: 'http://127.0.0.1:9000' })).toMatch(/S3_URL=.*bucket/);
    expect(problems({ ...base, S3_URL: 'not a url' })).toMatch(/S3_URL/);
    expect(problems({ ...base, S3_URL: 'http://user:pw@127.0.0.1:9000/bucket' })).toMatch(
      /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY instead/,
    );
    expect(problems({ S3_URL: 'http://127.0.0.1:9000/bucket' })).toMatch(/go together/);
    expect(problems({ ...base, S3_URL: 'http://127.0.0.1:9000/bucket', S3_FORCE_PATH_STYLE: 'yes' })).toMatch(
      /S3_FORCE_PATH_STYLE/,
    );
    for (const env of [
      { ...base, S3_URL: 'ftp://x/b' },
      { ...base, S3_URL: 'http://a:b@x/b' },
    ]) {
      expect(problems(env)).not.toContain('very-secret-value');
    }
    expect(
      loadConfig({ DATA_DIR: work, ...base, S3_URL: 'https://minio.iiv.uz:9000/murojaat-files/' }).s3,
    ).toEqual({
      endpoint: 'https://minio.iiv.uz:9000',
      bucket: 'murojaat-files',
      accessKeyId: 'id',
      secretAccessKey: 'very-secret-value',
      region: 'us-east-1',
      forcePathStyle: true,
    });
  });
});

const plainAppeal = {
  type: 'ariza',
  applicant: { kind: 'individual', lastName: 'Karimov', firstName: 'Aziz', address: 'Toshkent, Yunusobod' },
  text: 'Telefonimni oʻgʻirlab ketishdi, yordam bering iltimos.',
  territory: '1726266',
  consent: true,
};

/** The data key each restored attachment's row names, read from the target's database. */
async function sealingKeysOf(target: Record<string, string>): Promise<(string | null)[]> {
  const embedded = target.DATABASE_MIGRATION_URL
    ? undefined
    : await startEmbeddedDatabase(target.DATA_DIR ?? '', { info: () => {}, warn: () => {} });
  const client = new pg.Client(embedded?.owner ?? { connectionString: target.DATABASE_MIGRATION_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ sealed_key_id: string | null }>(
      'select sealed_key_id from attachments order by id',
    );
    return rows.map((r) => r.sealed_key_id);
  } finally {
    await client.end();
    await embedded?.stop();
  }
}

async function filedWithPdf(index: number): Promise<{ number: string; id: string }> {
  const filed = await fileAppeal([{ name: 'ariza.pdf', type: 'application/pdf', content: pdf }], index);
  expect(filed.statusCode, filed.body).toBe(201);
  const number = filed.json<{ number: string }>().number;
  const [row] = await attachmentRows(number);
  return { number, id: row?.id ?? '' };
}
