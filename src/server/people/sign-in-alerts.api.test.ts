import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { FixedClock } from '../clock.ts';
import { deliverStaffNotice } from '../notify/deliver-staff-notice.ts';
import { saveChannel } from '../notify/staff-channels.repository.ts';
import { createUser } from './accounts.ts';

// Own sessions with "sign out that device", and the alerts of a sign-in from a new device or of repeated
// failures: to the account's owner and the administrators, in the console and by e-mail through an SMTP sink.

const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const clock = new FixedClock('2026-12-04T06:00:00Z');
let t: TestSystem;
const mails: ParsedMail[] = [];
let smtp: SMTPServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  t = await startTestSystem({
    clock,
    env: {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'noreply@murojaat.test',
      PUBLIC_URL: 'https://murojaat.test',
    },
  });
});
afterAll(async () => {
  await t?.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function account(login: string, role: 'admin' | 'executor' | 'analyst') {
  const { id } = await createUser(t.system.ctx.db, {
    login,
    role,
    unitId: t.system.ctx.reference().units.ministry.id,
    scopeSubtree: true,
    password: `pw-${login}-long-enough`,
    mustChangePassword: false,
    actor: { id: null, label: 'test' },
    now: clock.now(),
    audit: t.system.ctx.audit,
  });
  return id;
}

async function signIn(
  login: string,
  options: { userAgent?: string; device?: string; password?: string } = {},
) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'user-agent': options.userAgent ?? CHROME },
    cookies: options.device ? { murojaat_device: options.device } : {},
    payload: { login, password: options.password ?? `pw-${login}-long-enough` },
  });
  const cookie = (name: string) => response.cookies.find((c) => c.name === name)?.value ?? '';
  const csrf = response.statusCode === 200 ? response.json<{ csrfToken: string }>().csrfToken : '';
  return {
    response,
    device: cookie('murojaat_device'),
    as: (o: { method: 'GET' | 'POST' | 'DELETE'; url: string; payload?: object }) =>
      t.request({
        ...o,
        cookies: { murojaat_session: cookie('murojaat_session') },
        headers: { 'x-csrf-token': csrf },
      }),
  };
}

type Notice = { kind: string; account: string | null; appeal: unknown; read: boolean };
async function noticesOf(session: Awaited<ReturnType<typeof signIn>>): Promise<Notice[]> {
  const response = await session.as({ method: 'GET', url: '/api/v1/me/notices' });
  expect(response.statusCode).toBe(200);
  return response.json<{ items: Notice[] }>().items;
}

describe('my sessions', () => {
  it('lists each open session with browser, network prefix and times, and ends one at once', async () => {
    await account('ss-exec', 'executor');
    const office = await signIn('ss-exec', { userAgent: CHROME });
    const home = await signIn('ss-exec', { userAgent: FIREFOX });
    const list = await office.as({ method: 'GET', url: '/api/v1/auth/sessions' });
    const items = list.json<{
      items: { id: string; device: string; network: string; current: boolean; startedAt: string }[];
    }>().items;
    expect(items.map((s) => [s.device, s.network, s.current]).sort()).toEqual([
      ['Chrome 131 · Linux', '127.0.0.0/24', true],
      ['Firefox 128 · Windows', '127.0.0.0/24', false],
    ]);
    expect(items[0]?.startedAt).toMatch(/:00\.000Z$/);
    expect(JSON.stringify(items)).not.toContain('127.0.0.1');

    const other = items.find((s) => !s.current);
    expect((await home.as({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const ended = await office.as({ method: 'DELETE', url: `/api/v1/auth/sessions/${other?.id}` });
    expect(ended.statusCode).toBe(204);
    const after = await home.as({ method: 'GET', url: '/api/v1/auth/me' });
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    expect((await office.as({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'auth.session_ended')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('cannot end another person’s session, and answers bad ids with stable codes', async () => {
    await account('ss-a', 'executor');
    await account('ss-b', 'executor');
    const a = await signIn('ss-a');
    const b = await signIn('ss-b');
    const [bSession] = (await b.as({ method: 'GET', url: '/api/v1/auth/sessions' })).json().items;
    const refused = await a.as({ method: 'DELETE', url: `/api/v1/auth/sessions/${bSession.id}` });
    expect(refused.json().error.code).toBe('SESSION_NOT_FOUND');
    expect((await b.as({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const malformed = await a.as({ method: 'DELETE', url: '/api/v1/auth/sessions/not-a-uuid' });
    expect(malformed.json().error.code).toBe('VALIDATION_FAILED');
    const anonymous = await t.request({ method: 'GET', url: '/api/v1/auth/sessions' });
    expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('sign-in alerts', () => {
  it('tell the owner and the administrators of a sign-in from a new device, in the console and by e-mail', async () => {
    const adminId = await account('al-admin', 'admin');
    const ownerId = await account('al-analyst', 'analyst');
    const first = await signIn('al-analyst');
    expect(await noticesOf(first)).toEqual([]);
    const admin = await signIn('al-admin');
    await saveChannel(t.system.ctx.db, {
      userId: adminId,
      channel: 'email',
      emailEnc: t.system.ctx.protector.seal('admin@murojaat.test', `staff-email:${adminId}`),
      chatId: null,
      at: clock.now(),
    });
    // The same browser again: known, nothing to tell.
    const again = await signIn('al-analyst', { device: first.device });
    expect(await noticesOf(again)).toEqual([]);
    // Another browser: the owner and every administrator are told.
    const stranger = await signIn('al-analyst', { userAgent: FIREFOX });
    const told = await noticesOf(stranger);
    // The owner's copy is listed read (this is the session it is about); the administrators' is not.
    expect(told.map((n) => [n.kind, n.account, n.appeal, n.read])).toEqual([
      ['new_device', 'al-analyst', null, true],
    ]);
    const adminNotices = (await noticesOf(admin)).filter((n) => n.account === 'al-analyst');
    expect(adminNotices.map((n) => [n.kind, n.read])).toEqual([['new_device', false]]);

    const { rows } = await sql<{ data: { deliveryId: number } }>`
      select data from pgboss.job where name = 'deliver-staff-notice' order by created_on`.execute(t.ownerDb);
    for (const job of rows) await deliverStaffNotice(t.system.ctx, job.data.deliveryId);
    const mail = mails.find((m) => m.subject?.includes('al-analyst'));
    expect(mail?.text).toContain('https://murojaat.test/console/admin/users');
    expect(mail?.subject).toBe('Hisobga yangi qurilmadan kirildi: al-analyst');
    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', String(ownerId))
      .where('action', '=', 'auth.alert_new_device')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('tell them of repeated wrong passwords, once per run of failures', async () => {
    await account('al-exec', 'executor');
    const session = await signIn('al-exec');
    const admin = await signIn('al-admin', { device: undefined });
    for (let i = 0; i < 7; i += 1) {
      const wrong = await signIn('al-exec', { password: 'definitely wrong', userAgent: FIREFOX });
      expect(wrong.response.json().error.code).toBe('INVALID_CREDENTIALS');
    }
    const own = (await noticesOf(session)).filter((n) => n.kind === 'sign_in_failures');
    expect(own).toHaveLength(1);
    const told = (await noticesOf(admin)).filter(
      (n) => n.kind === 'sign_in_failures' && n.account === 'al-exec',
    );
    expect(told).toHaveLength(1);
    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select('data')
      .where('action', '=', 'auth.alert_failures')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.data).toMatchObject({ failures: 5 });
  });
});
