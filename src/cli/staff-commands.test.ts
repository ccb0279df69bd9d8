import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../app/testing/test-system.ts';
import { main } from './main.ts';

let t: TestSystem;

async function run(args: string[], stdin = '') {
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
  const code = await main(args, { stdin: Readable.from([stdin]), stdout, stderr });
  return { code, out, err };
}

beforeAll(async () => {
  t = await startTestSystem();
  Object.assign(process.env, t.env);
});
afterAll(async () => {
  await t?.stop();
});

describe('murojaat users create', () => {
  it('creates an account and prints its one-time password, which then signs in', async () => {
    const result = await run([
      'users',
      'create',
      '--login',
      'Clerk1',
      '--role',
      'clerk',
      '--unit',
      'IIV-1726266-APP',
    ]);
    expect(result.code).toBe(0);
    const password = /One-time password: (\S+)/.exec(result.out)?.[1] ?? '';
    expect(password).toHaveLength(16);
    const signIn = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'clerk1', password },
    });
    expect(signIn.json()).toMatchObject({
      mustChangePassword: true,
      user: { role: 'clerk', unit: { code: 'IIV-1726266-APP' } },
    });
  });

  it('reads the password from standard input with --password-stdin', async () => {
    const result = await run(
      [
        'users',
        'create',
        '--login',
        'exec1',
        '--role',
        'executor',
        '--unit',
        'IIV-1726266-INV',
        '--password-stdin',
      ],
      'correct horse battery staple\n',
    );
    expect(result.code).toBe(0);
    expect(result.out).not.toContain('One-time password');
    const signIn = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'exec1', password: 'correct horse battery staple' },
    });
    expect(signIn.statusCode).toBe(200);
  });

  it('explains an unknown unit and a missing role', async () => {
    const unit = await run(['users', 'create', '--login', 'x1x', '--role', 'clerk', '--unit', 'NOPE']);
    expect(unit.code).toBe(1);
    expect(unit.err).toContain('No unit with code NOPE');
    const role = await run(['users', 'create', '--login', 'x2x', '--unit', 'IIV']);
    expect(role.code).toBe(2);
    expect(role.err).toContain('--role');
  });
});

describe('murojaat audit verify', () => {
  it('reports an intact chain, then names the row someone edited', async () => {
    const ok = await run(['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Audit log intact: \d+ entries verified/);
    const db = t.ownerDb;
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(db);
    const { rows } = await sql<{ id: number }>`
      update audit_log set data = '{"login":"intruder"}' where id = (select min(id) from audit_log where action = 'user.create')
      returning id`.execute(db);
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(db);
    const broken = await run(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`row ${rows[0]?.id}: edited`);
  });
});

describe('murojaat channels report-url', () => {
  it('prints the delivery-report address whose key the server accepts', async () => {
    const result = await run(['channels', 'report-url']);
    expect(result.code, result.err).toBe(0);
    const path = result.out.trim().replace(/^https?:\/\/[^/]+/, '');
    expect(path).toMatch(/^\/api\/v1\/channels\/sms\/report\?key=[0-9a-f]{32}$/);
    const report = await t.request({
      method: 'POST',
      url: path,
      payload: { id: 'nothing-sent', status: 'DELIVRD' },
    });
    expect(report.json()).toEqual({ outcome: 'ignored' });
    expect((await run(['channels', 'nonsense'])).code).toBe(2);
  });
});
