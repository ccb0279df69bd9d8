import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { COMMAND_POINTERS, murojaatInProcess } from '../app/testing/murojaat-in-process.ts';
import { startTestSystem, type TestSystem } from '../app/testing/test-system.ts';
import { attachmentPath } from '../server/appeals/attachments.ts';
import { startEmbeddedDatabase } from '../server/db/embedded.ts';
import { DataProtector } from '../server/security/data-protector.ts';
import { connectionUrl } from '../server/testing/test-database.ts';

const node = fileURLToPath(new URL('../../node_modules/.bin/node', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/murojaat.js', import.meta.url));
const info = inject('testDatabase');
const dataKey = Buffer.from(info.dataKey, 'base64');
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let t: TestSystem;
let work: string;
let backup: string;
const filedBefore: string[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** Runs `murojaat …` as its own process with only the given environment pointing it somewhere. */
function murojaat(args: string[], env: Record<string, string>) {
  const base = { ...process.env };
  for (const name of COMMAND_POINTERS) delete base[name];
  return new Promise<{ code: number; out: string; err: string }>((resolve) => {
    execFile(node, [bin, ...args], { env: { ...base, ...env }, timeout: 170_000 }, (error, out, err) => {
      resolve({
        code: error ? Number(error.code ?? 1) : 0,
        out,
        err: error?.signal ? `${err}killed: ${error.signal}` : err,
      });
    });
  });
}

interface Target {
  env: Record<string, string>;
  dataDir: string;
  ownerUrl: string | undefined;
  /** Tables in the target's database (0: untouched; the embedded target has no database until a restore). */
  tables(): Promise<number>;
}

/**
 * Runs `murojaat …` in this process, for the refusals (they stop before opening any database): the same
 * code path as the command line, without a process start per case.
 */
function murojaatHere(args: string[], env: Record<string, string>) {
  return murojaatInProcess(args, env);
}

/** An empty target: a new database on the run's server or, on the embedded run, a new DATA_DIR alone. */
async function emptyTarget(key: Buffer = dataKey): Promise<Target> {
  const dataDir = await mkdtemp(path.join(work, 'target-'));
  if (info.engine === 'embedded') {
    // The operator puts the data key back as the file; the restore starts the embedded database itself.
    await writeFile(path.join(dataDir, 'data.key'), `${key.toString('base64')}\n`, { mode: 0o600 });
    return {
      env: { DATA_DIR: dataDir },
      dataDir,
      ownerUrl: undefined,
      tables: async () => 0,
    };
  }
  const name = `restore_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client(info.admin);
  await admin.connect();
  await admin.query(`create database ${name} template template0`);
  await admin.end();
  const ownerUrl = connectionUrl(info.admin, name);
  cleanups.push(async () => {
    const client = new pg.Client(info.admin);
    await client.connect();
    await client.query(`drop database if exists ${name} with (force)`);
    await client.end();
  });
  return {
    env: {
      DATABASE_URL: connectionUrl(info.requests, name),
      DATABASE_MIGRATION_URL: ownerUrl,
      DATA_DIR: dataDir,
      MUROJAAT_DATA_KEY: key.toString('base64'),
    },
    dataDir,
    ownerUrl,
    tables: async () => {
      const client = new pg.Client({ connectionString: ownerUrl });
      await client.connect();
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`,
      );
      await client.end();
      return rows[0]?.n ?? 0;
    },
  };
}

async function fileWithFiles(index: number): Promise<string> {
  const boundary = `xBOUNDARY${index}x`;
  const fields = {
    type: 'shikoyat',
    'applicant.kind': 'individual',
    'applicant.lastName': `Toʻxtayev-${index}`,
    'applicant.firstName': 'Bahodir',
    'applicant.address': `Toshkent, Chilonzor, ${index}-uy`,
    text: 'Qoʻshnimning mashinasi yoʻlni toʻsib qoʻydi, surat va hujjat ilova qilindi.',
    territory: '1726266',
    consent: 'on',
  };
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const file = (name: string, type: string, content: Buffer) => [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    content,
    Buffer.from('\r\n'),
  ];
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/appeals',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(parts.join('')),
      ...file('surat.png', 'image/png', png),
      ...file('ariza.pdf', 'application/pdf', pdf),
      Buffer.from(`--${boundary}--\r\n`),
    ]),
  });
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json<{ number: string }>().number;
}

async function rows<R extends pg.QueryResultRow>(
  url: string | undefined,
  env: Record<string, string>,
  text: string,
) {
  const client = new pg.Client({ connectionString: url ?? env.DATABASE_MIGRATION_URL });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'murojaat-backup-'));
  t = await startTestSystem();
  for (let i = 0; i < 3; i += 1) filedBefore.push(await fileWithFiles(i));
  for (let i = 0; i < 3; i += 1) filedBefore.push((await t.fileAppeal()).number);
  await t.staff('clerk-backup', 'clerk', 'IIV-1726266-APP');
  backup = path.join(work, 'murojaat.backup');
  // Appeals keep arriving while the backup runs: it must still be one consistent moment.
  let writing = true;
  const during = (async () => {
    let filed = 0;
    while (writing) {
      await t.fileAppeal({ text: `Backup paytida kelgan murojaat ${filed}.` });
      filed += 1;
    }
    return filed;
  })();
  const made = await murojaat(['backup', '--out', backup], t.env);
  writing = false;
  const filedDuring = await during;
  expect(made.err).toBe('');
  expect(made.code).toBe(0);
  expect(made.out).toMatch(/^Backup written to .*attachment\(s\)/);
  expect(filedDuring).toBeGreaterThan(0);
}, 120_000);

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  await t?.stop();
  await rm(work, { recursive: true, force: true });
});

// Each command is a process of its own, and a restore initialises and migrates a new database.
describe('murojaat backup and restore', { timeout: 180_000 }, () => {
  it('restores the same appeals, personal fields, files and an intact audit chain into an empty target', async () => {
    const target = await emptyTarget();
    const restored = await murojaat(['restore', backup], target.env);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.out).toMatch(/^Restored the backup of /);

    const verify = await murojaat(['audit', 'verify'], target.env);
    expect(verify.out).toMatch(/^Audit log intact: \d+ entries verified .*1 checkpoint\(s\)/);
    expect(verify.code).toBe(0);

    // The restored database, read through what now serves it (embedded: attach like a command does).
    const restoredRows = await rowsOf(target);
    const source = await rows<{ number: string; applicant_enc: Buffer | null }>(
      t.ownerUrl,
      {},
      'select number, applicant_enc from appeals order by number',
    );
    const sourceByNumber = new Map(source.map((r) => [r.number, r]));
    const numbers = restoredRows.appeals.map((r) => r.number);
    // Every appeal filed before the backup, and only appeals the source has (some filed during it).
    for (const number of filedBefore) expect(numbers).toContain(number);
    expect(numbers.every((n) => sourceByNumber.has(n))).toBe(true);
    expect(numbers.length).toBeLessThanOrEqual(source.length);

    const protector = new DataProtector(dataKey);
    for (const row of restoredRows.appeals.filter((r) => filedBefore.includes(r.number))) {
      const original = sourceByNumber.get(row.number)?.applicant_enc;
      expect(row.applicant_enc).not.toBeNull();
      const opened = protector.open(row.applicant_enc ?? Buffer.alloc(0), row.number) as { lastName: string };
      expect(opened).toEqual(protector.open(original ?? Buffer.alloc(0), row.number));
      expect(opened.lastName).toMatch(/^(Toʻxtayev-\d|Karimov)$/);
    }

    // The notices and triage jobs nobody had run yet (this system's workers are off) wait again.
    const requeued = Number(/(\d+) job\(s\) requeued/.exec(restored.out)?.[1]);
    expect(requeued).toBeGreaterThan(0);
    expect(restoredRows.waitingJobs).toBe(requeued);

    expect(restoredRows.attachments).toHaveLength(6);
    for (const file of restoredRows.attachments) {
      const bytes = await readFile(attachmentPath(target.dataDir, file.id));
      expect(bytes.equals(await readFile(attachmentPath(t.env.DATA_DIR ?? '', file.id)))).toBe(true);
    }
  });

  it('refuses a file cut short and leaves the target as it was', async () => {
    const cut = path.join(work, 'cut.backup');
    await copyFile(backup, cut);
    const { size } = await stat(backup);
    await truncate(cut, Math.floor(size * 0.6));
    const target = await emptyTarget();
    const result = await murojaatHere(['restore', cut], target.env);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Not restored: .*not a complete backup/);
    expect(await readdir(target.dataDir)).toEqual(['data.key'].filter(() => info.engine === 'embedded'));
    expect(await target.tables()).toBe(0);
  });

  it('refuses a file with a changed byte and leaves the target as it was', async () => {
    const damaged = path.join(work, 'damaged.backup');
    const bytes = await readFile(backup);
    // A byte inside the appeals table's rows: its tar header (512 bytes, the name first), then its content.
    const header = bytes.indexOf('tables/appeals.copy');
    expect(header).toBeGreaterThan(-1);
    bytes[header + 512 + 40] = (bytes[header + 512 + 40] ?? 0) ^ 0x20;
    await writeFile(damaged, bytes);
    const target = await emptyTarget();
    const result = await murojaatHere(['restore', damaged], target.env);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Not restored: .* is damaged: tables\/.*\.copy does not match its checksum/);
    expect(await target.tables()).toBe(0);
  });

  it('refuses a wrong data key before writing anything', async () => {
    const target = await emptyTarget(randomBytes(32));
    const result = await murojaatHere(['restore', backup], target.env);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /^Not restored: The data keys .* are not all the keys this backup was made with/,
    );
    expect(await readdir(target.dataDir)).toEqual(['data.key'].filter(() => info.engine === 'embedded'));
    expect(await target.tables()).toBe(0);
  });

  it('refuses without a data key, and never makes one up', async () => {
    const dataDir = await mkdtemp(path.join(work, 'nokey-'));
    const result = await murojaatHere(['restore', backup], { DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /^Not restored: No data key: put the keys the backup was made with back first/,
    );
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('refuses a backup of a newer schema than this version knows', async () => {
    const newer = path.join(work, 'newer.backup');
    await rewriteManifest(backup, newer, (manifest) => ({
      ...manifest,
      migrations: [...(manifest.migrations as string[]), '20991231T0000-from-the-future'],
    }));
    const target = await emptyTarget();
    const result = await murojaatHere(['restore', newer], target.env);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/newer version of Murojaat.*20991231T0000-from-the-future/);
    expect(await target.tables()).toBe(0);
  });

  it('refuses a target that already holds a system, and changes nothing in it', async () => {
    const before = await rows<{ n: number }>(t.ownerUrl, {}, 'select count(*)::int as n from appeals');
    const result = await murojaatHere(['restore', backup], t.env);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^Not restored: DATA_DIR .* is not empty/);
    const emptyDir = await mkdtemp(path.join(work, 'emptydir-'));
    const onlyDatabase = await murojaatHere(['restore', backup], { ...t.env, DATA_DIR: emptyDir });
    expect(onlyDatabase.code).toBe(1);
    expect(onlyDatabase.err).toMatch(/^Not restored: The database of DATABASE_URL is not empty/);
    expect(await rows<{ n: number }>(t.ownerUrl, {}, 'select count(*)::int as n from appeals')).toEqual(
      before,
    );
  });
});

/** The restored appeals and attachments, read from the target's database. */
async function rowsOf(target: Target) {
  const appealsQuery = 'select number, applicant_enc from appeals order by number';
  const attachmentsQuery = 'select id::text as id from attachments order by id';
  // The embedded target: through the cluster the restore made, started for the queries.
  const embedded = target.ownerUrl
    ? undefined
    : await startEmbeddedDatabase(target.dataDir, { info: () => {}, warn: () => {} });
  const client = new pg.Client(embedded?.owner ?? { connectionString: target.ownerUrl });
  await client.connect();
  try {
    return {
      appeals: (await client.query<{ number: string; applicant_enc: Buffer | null }>(appealsQuery)).rows,
      attachments: (await client.query<{ id: string }>(attachmentsQuery)).rows,
      waitingJobs:
        (
          await client.query<{ n: number }>(
            `select count(*)::int as n from pgboss.job where state = 'created'`,
          )
        ).rows[0]?.n ?? 0,
    };
  } finally {
    await client.end();
    await embedded?.stop();
  }
}

/** Copies a backup with its manifest changed (the entries' checksums stay right). */
async function rewriteManifest(
  from: string,
  to: string,
  change: (manifest: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const extract = tar.extract();
  const pack = tar.pack();
  const written = pipeline(pack, createWriteStream(to));
  Readable.from([await readFile(from)]).pipe(extract);
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    if (entry.header.name === 'manifest.json') {
      body = Buffer.from(JSON.stringify(change(JSON.parse(body.toString('utf8')))));
    }
    pack.entry({ name: entry.header.name, size: body.length }, body);
  }
  pack.finalize();
  await written;
}
