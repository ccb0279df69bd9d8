import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { FixedClock } from '../clock.ts';
import { createUser, currentTotp } from './accounts.ts';

const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem({ clock, requireTotpRoles: 'admin,head' });
});
afterAll(async () => {
  await t?.stop();
});

async function account(login: string, role: 'admin' | 'clerk' | 'head', mustChange = true) {
  const ministry = t.system.ctx.reference().units.ministry;
  return createUser(t.system.ctx.db, {
    login,
    role,
    unitId: ministry.id,
    scopeSubtree: true,
    mustChangePassword: mustChange,
    actor: { id: null, label: 'test' },
    now: clock.now(),
    audit: t.system.ctx.audit,
  });
}

async function signIn(login: string, password: string, totp?: string) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login, password, totp },
  });
  const cookie = response.cookies.find((c) => c.name === 'murojaat_session');
  return {
    response,
    cookie: cookie?.value ?? '',
    csrf: response.statusCode === 200 ? response.json().csrfToken : '',
  };
}

describe('the first administrator', () => {
  it('is created on an empty database with a one-time password that must be changed, then TOTP set up', async () => {
    const password = t.system.adminPassword;
    expect(password).toMatch(/^\S{16}$/);
    const { response, cookie, csrf } = await signIn('admin', password ?? '');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ mustChangePassword: true, totpSetupRequired: true });
    const headers = { 'x-csrf-token': csrf };
    const cookies = { murojaat_session: cookie };

    const blocked = await t.request({ method: 'GET', url: '/api/v1/appeals', cookies });
    expect(blocked.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await t.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      cookies,
      headers,
      payload: { current: password, next: 'short' },
    });
    expect(weak.json().error.code).toBe('WEAK_PASSWORD');
    const changed = await t.request({
      method: 'POST',
      url: '/api/v1/auth/password',
      cookies,
      headers,
      payload: { current: password, next: 'a much longer passphrase 2026' },
    });
    expect(changed.statusCode).toBe(204);

    const stillBlocked = await t.request({ method: 'GET', url: '/api/v1/appeals', cookies });
    expect(stillBlocked.json().error.code).toBe('TOTP_SETUP_REQUIRED');
    const setup = await t.request({ method: 'POST', url: '/api/v1/auth/totp/setup', cookies, headers });
    const { secret, otpauthUrl } = setup.json<{ secret: string; otpauthUrl: string }>();
    expect(otpauthUrl).toContain('otpauth://totp/');
    const wrong = await t.request({
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      cookies,
      headers,
      payload: { code: '000000' },
    });
    expect(wrong.json().error.code).toBe('INVALID_SECOND_FACTOR');
    const code = await currentTotp(t.system.ctx, secret);
    const confirmed = await t.request({
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      cookies,
      headers,
      payload: { code },
    });
    expect(confirmed.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/v1/appeals', cookies })).statusCode).toBe(200);

    // From now on the password alone is not enough, and the code that confirmed enrolment is used up.
    const withoutCode = await signIn('admin', 'a much longer passphrase 2026');
    expect(withoutCode.response.json().error.code).toBe('SECOND_FACTOR_REQUIRED');
    const usedCode = await signIn('admin', 'a much longer passphrase 2026', code);
    expect(usedCode.response.json().error.code).toBe('INVALID_SECOND_FACTOR');
    clock.advance(30_000);
    const withCode = await signIn(
      'admin',
      'a much longer passphrase 2026',
      await currentTotp(t.system.ctx, secret),
    );
    expect(withCode.response.statusCode).toBe(200);
  });
});

describe('signing in', () => {
  it('answers an unknown login exactly like a wrong password', async () => {
    await account('clerk-known', 'clerk');
    const unknown = await signIn('nobody-here', 'whatever password');
    const wrong = await signIn('clerk-known', 'whatever password');
    expect(unknown.response.statusCode).toBe(401);
    expect(unknown.response.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.response.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('holds a login back for a while after five wrong passwords, answering like a wrong password', async () => {
    const { password } = await account('clerk-held', 'clerk');
    for (let i = 0; i < 5; i += 1) await signIn('clerk-held', 'not the password');
    const held = await signIn('clerk-held', password);
    expect(held.response.statusCode).toBe(401);
    expect(held.response.json().error.code).toBe('INVALID_CREDENTIALS');
    clock.advance(31_000);
    expect((await signIn('clerk-held', password)).response.statusCode).toBe(200);
  });

  it('refuses a state-changing request without the session’s CSRF token', async () => {
    const { password } = await account('clerk-csrf', 'clerk', false);
    const { cookie } = await signIn('clerk-csrf', password);
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { murojaat_session: cookie },
      payload: {},
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const { password } = await account('clerk-cookie', 'clerk', false);
    const { response } = await signIn('clerk-cookie', password);
    const cookie = response.cookies.find((c) => c.name === 'murojaat_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('ends every session of the user on "sign out everywhere"', async () => {
    const { password } = await account('clerk-everywhere', 'clerk', false);
    const first = await signIn('clerk-everywhere', password);
    const second = await signIn('clerk-everywhere', password);
    const out = await t.request({
      method: 'POST',
      url: '/api/v1/auth/logout',
      cookies: { murojaat_session: first.cookie },
      headers: { 'x-csrf-token': first.csrf },
      payload: { everywhere: true },
    });
    expect(out.statusCode).toBe(204);
    const other = await t.request({
      method: 'GET',
      url: '/api/v1/auth/me',
      cookies: { murojaat_session: second.cookie },
    });
    expect(other.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('expires a session left idle for more than 30 minutes', async () => {
    const { password } = await account('clerk-idle', 'clerk', false);
    const { cookie } = await signIn('clerk-idle', password);
    clock.advance(31 * 60_000);
    const me = await t.request({
      method: 'GET',
      url: '/api/v1/auth/me',
      cookies: { murojaat_session: cookie },
    });
    expect(me.statusCode).toBe(401);
  });
});
