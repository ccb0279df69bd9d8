import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  defaultAppeal,
  type StaffAgent,
  startTestSystem,
  type TestSystem,
} from '../../app/testing/test-system.ts';
import { main } from '../../cli/main.ts';
import { restoreEnv } from '../testing/env.ts';
import { DataProtector } from './data-protector.ts';
import { countSealedByKey, latestRotation, sealedColumns } from './key-rotation.repository.ts';
import { keyId } from './keyring.ts';
import { reencryptBatch } from './rotate-keys.ts';

// The whole rotation as an operator runs it: `keys rotate` adds data.key.2 beside data.key, the servers
// restart with both keys (here through MUROJAAT_DATA_KEY_COMMAND running `cat`), the re-encryption runs in
// batches, is interrupted by a restart, and finishes in the workers of the restarted server.

const firstKey = Buffer.from(inject('testDatabase').dataKey, 'base64');
const logLines: string[] = [];
const logStream = { write: (line: string) => void logLines.push(line) };
const systemLog = {
  info: (...args: unknown[]) => void logLines.push(JSON.stringify(args)),
  warn: (...args: unknown[]) => void logLines.push(JSON.stringify(args)),
  error: (...args: unknown[]) => void logLines.push(JSON.stringify(args)),
  debug: (...args: unknown[]) => void logLines.push(JSON.stringify(args)),
};
const cliOutput: string[] = [];

let t: TestSystem;
let admin: StaffAgent;
const filed: { number: string; accessCode: string; phone: string; lastName: string }[] = [];
const savedEnv = { ...process.env };

async function run(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += String(c);
  });
  stderr.on('data', (c) => {
    err += String(c);
  });
  const code = await main(args, { stdin: Readable.from(['']), stdout, stderr });
  cliOutput.push(out, err);
  return { code, out, err };
}

/** The environment `murojaat` runs with: this system's database and folder, keys from DATA_DIR's files. */
function commandEnv(extra: Record<string, string> = {}) {
  for (const name of ['MUROJAAT_DATA_KEY', 'MUROJAAT_DATA_KEYS', 'MUROJAAT_DATA_KEY_COMMAND'])
    delete process.env[name];
  const { MUROJAAT_DATA_KEY: _, ...env } = t.env;
  Object.assign(process.env, env, extra);
}

const dataDir = () => t.env.DATA_DIR ?? '';
const bothKeys = () => ({
  MUROJAAT_DATA_KEY_COMMAND: `cat '${path.join(dataDir(), 'data.key')}' '${path.join(dataDir(), 'data.key.2')}'`,
});

async function searchByPhone(phone: string): Promise<string[]> {
  const response = await admin.request({
    method: 'GET',
    url: `/api/v1/appeals?phone=${encodeURIComponent(phone)}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: { number: string }[] }>().items.map((item) => item.number);
}

async function revealedLastName(number: string): Promise<string> {
  const response = await admin.request({ method: 'GET', url: `/api/v1/appeals/${number}/applicant` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ applicant: { lastName: string } }>().applicant.lastName;
}

async function rotationRow() {
  const row = await latestRotation(t.system.ctx.db);
  if (!row) throw new Error('no rotation');
  return row;
}

beforeAll(async () => {
  t = await startTestSystem({ logStream, systemLog });
  const ministry = t.system.ctx.reference().units.ministry.code;
  admin = await t.staff('rotation-admin', 'admin', ministry, { scopeSubtree: true });
  for (let i = 0; i < 7; i++) {
    const phone = `+99890${String(1_000_000 + i * 7919).padStart(7, '0')}`;
    const lastName = `Rotatsiyev${'abcdefg'[i]}`;
    const appeal = await t.fileAppeal({
      applicant: { ...defaultAppeal.applicant, lastName, phone, email: `kr${i}@example.uz` },
    });
    filed.push({ ...appeal, phone, lastName });
  }
  // An unanswered question to the chatbot: its words are sealed too.
  const asked = await t.request({
    method: 'POST',
    url: '/api/v1/chat/ask',
    payload: { question: 'qwerty zxcvb' },
  });
  expect(asked.statusCode).toBe(200);
  // The keys live in DATA_DIR, as on a server that created its own key.
  await writeFile(path.join(dataDir(), 'data.key'), `${firstKey.toString('base64')}\n`, { mode: 0o600 });
}, 60_000);

afterAll(async () => {
  restoreEnv(savedEnv);
  await t?.stop();
});

// Binary columns that hold no ciphertext: keyed hashes, similarity sketches, generated report files.
const notSealed = new Set([
  'appeal_analysis.minhash',
  'appeals.access_code_hash',
  'appeals.email_hash',
  'appeals.name_hash',
  'appeals.phone_hash',
  'appeals.pinfl_hash',
  'forwarded_appeals.body_hash',
  'guess_counters.key',
  'integration_keys.key_hash',
  'reports.pdf',
  'reports.xlsx',
  'staff_link_codes.code_hash',
  // A passkey's public key: public by nature, nothing to seal.
  'webauthn_credentials.public_key',
]);

describe('key rotation', () => {
  let secondId = '';

  it('knows every sealed column of the schema (a new one must join the rotation)', async () => {
    const { rows } = await sql<{ name: string }>`
      select table_name || '.' || column_name as name from information_schema.columns
      where table_schema = 'public' and data_type = 'bytea' order by 1`.execute(t.ownerDb);
    const sealed = rows.map((r) => r.name).filter((name) => !notSealed.has(name));
    expect(sealed).toEqual(sealedColumns.map((c) => c.name).sort());
  });

  it('adds data.key.2 and records a rotation of everything sealed under the first key', async () => {
    commandEnv();
    const rotated = await run(['keys', 'rotate', '--batch', '2', '--pause-ms', '0']);
    expect(rotated.code, rotated.err).toBe(0);
    expect(existsSync(path.join(dataDir(), 'data.key.2'))).toBe(true);
    secondId = /Added the data key ([0-9a-f]{8})/.exec(rotated.out)?.[1] ?? '';
    expect(secondId).toMatch(/^[0-9a-f]{8}$/);
    expect(secondId).not.toBe(keyId(firstKey));
    const rotation = await rotationRow();
    expect(rotation.key_id).toBe(secondId);
    // Seven applicants and one question, and no more.
    expect(rotation.total).toBe(8);
    expect(rotation.finished_at).toBeNull();
  });

  it('writes under the new key once restarted with both, and finds old and new appeals by phone meanwhile', async () => {
    await t.restart(bothKeys());
    expect(t.system.ctx.protector.currentKeyId).toBe(secondId);
    const phone = filed[0]?.phone ?? '';
    const fresh = await t.fileAppeal({
      applicant: { ...defaultAppeal.applicant, lastName: 'Yangiyev', phone },
    });
    const sealed = await t.system.ctx.db
      .selectFrom('appeals')
      .select('applicant_enc')
      .where('number', '=', fresh.number)
      .executeTakeFirstOrThrow();
    expect(DataProtector.keyIdOf(sealed.applicant_enc ?? Buffer.alloc(0), '')).toBe(secondId);
    expect((await searchByPhone(phone)).sort()).toEqual([filed[0]?.number, fresh.number].sort());
    expect(await revealedLastName(filed[1]?.number ?? '')).toBe(filed[1]?.lastName);
  });

  it('re-encrypts in batches, each job at its step, and a stale job does nothing', async () => {
    const { id } = await rotationRow();
    const first = await reencryptBatch(t.system.ctx, { rotationId: id, step: 0 });
    expect(first).toMatchObject({ ran: true, done: 2, finished: false });
    const again = await reencryptBatch(t.system.ctx, { rotationId: id, step: 0 });
    expect(again.ran).toBe(false);
    const second = await reencryptBatch(t.system.ctx, { rotationId: id, step: 1 });
    expect(second).toMatchObject({ ran: true, done: 2 });
    const rotation = await rotationRow();
    expect(rotation.done).toBe(4);
    expect(rotation.step).toBe(2);
    commandEnv(bothKeys());
    const mid = await run(['keys', 'status']);
    expect(mid.code, mid.err).toBe(0);
    expect(mid.out).toContain(`Rotation to ${secondId}: running`);
    expect(mid.out).toContain('4 of 8 re-encrypted');
  });

  it('resumes after an interruption in the restarted workers and finishes', async () => {
    // The process stops between batches (its next job waits in the queue); the new one picks it up.
    await t.restart(bothKeys(), { workers: true });
    const deadline = Date.now() + 20_000;
    while (!(await rotationRow()).finished_at) {
      if (Date.now() > deadline) throw new Error('the rotation did not finish');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const rotation = await rotationRow();
    expect(rotation.done).toBe(8);
    expect(rotation.failed).toBe(0);
    expect(rotation.hashes_kept).toBe(0);
    const counts = await countSealedByKey(t.system.ctx.db);
    expect(counts.length).toBeGreaterThan(0);
    for (const count of counts) expect(count.keyId, count.column).toBe(secondId);
  });

  it('leaves every personal field readable and every search, access code and audit entry working', async () => {
    for (const appeal of filed) {
      expect(await revealedLastName(appeal.number)).toBe(appeal.lastName);
      // The look-up hash was recomputed under the new key, so the new key alone finds it.
      expect(await searchByPhone(appeal.phone)).toContain(appeal.number);
      const row = await t.system.ctx.db
        .selectFrom('appeals')
        .select('phone_hash')
        .where('number', '=', appeal.number)
        .executeTakeFirstOrThrow();
      expect(row.phone_hash?.equals(t.system.ctx.protector.lookupHash('phone', appeal.phone))).toBe(true);
    }
    // The access code was hashed under the first key: it still opens the tracking page.
    const first = filed[0];
    const tracked = await t.request({
      method: 'POST',
      url: '/api/v1/appeals/track',
      payload: { number: first?.number, accessCode: first?.accessCode },
    });
    expect(tracked.statusCode, tracked.body).toBe(200);
    const unanswered = await admin.request({ method: 'GET', url: '/api/v1/knowledge/unanswered' });
    expect(unanswered.json<{ question: string }[]>().map((q) => q.question)).toContain('qwerty zxcvb');

    // Entries signed before the rotation (the first key) and after it (the second) both verify.
    const kinds = await t.system.ctx.db.selectFrom('audit_log').select('hash_kind').distinct().execute();
    expect(kinds.map((k) => k.hash_kind).sort()).toEqual(['hmac-sha256', `hmac-sha256:${secondId}`]);
    await t.system.auditCheckpoints.checkpoint();
    commandEnv(bothKeys());
    const verified = await run(['audit', 'verify']);
    expect(verified.out, verified.err).toContain('Audit log intact');
    expect(verified.code).toBe(0);
  });

  it('says the first key encrypts nothing any more', async () => {
    commandEnv(bothKeys());
    const status = await run(['keys', 'status']);
    expect(status.code, status.err).toBe(0);
    expect(status.out).toMatch(
      new RegExp(`${keyId(firstKey)}\\s+0 encrypted value\\(s\\)\\s+encrypts nothing any more`),
    );
    expect(status.out).toContain(`Rotation to ${secondId}: finished`);
  });

  it('never writes a key to the logs, the command output or the database', async () => {
    const keys = [firstKey, await readKey(path.join(dataDir(), 'data.key.2'))];
    const forms = keys.flatMap((k) => [k.toString('base64'), k.toString('hex'), k.toString('base64url')]);
    const logged = [...logLines, ...cliOutput].join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    for (const form of forms) expect(logged).not.toContain(form);
    const tables = await sql<{ schema: string; name: string }>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_schema in ('public', 'pgboss') and table_type = 'BASE TABLE'`.execute(t.ownerDb);
    let scanned = 0;
    for (const table of tables.rows) {
      const { rows } = await sql<{ row: string }>`
        select row_to_json(r)::text as row from ${sql.table(`${table.schema}.${table.name}`)} r`.execute(
        t.ownerDb,
      );
      for (const { row } of rows) {
        scanned++;
        const lower = row.toLowerCase();
        for (const form of forms)
          expect(lower, `${table.schema}.${table.name}`).not.toContain(form.toLowerCase());
      }
    }
    expect(scanned).toBeGreaterThan(100);
  });
});

async function readKey(file: string): Promise<Buffer> {
  return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
}

it('refuses a second rotation source and explains how to supply a new key from the environment', async () => {
  process.env.MUROJAAT_DATA_KEY = randomBytes(32).toString('base64');
  delete process.env.MUROJAAT_DATA_KEY_COMMAND;
  delete process.env.MUROJAAT_DATA_KEYS;
  const single = await run(['keys', 'rotate']);
  expect(single.code).toBe(1);
  expect(single.err).toContain('MUROJAAT_DATA_KEYS');
  expect(single.err).toContain('openssl rand -base64 32');
  expect(single.err).not.toContain(process.env.MUROJAAT_DATA_KEY);
});
