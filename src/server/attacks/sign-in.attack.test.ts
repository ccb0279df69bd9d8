import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/build-app.ts';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { multipart, PortalSession } from '../../portal/testing.ts';
import { FixedClock } from '../clock.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { rateLimitsFor } from '../http/rate-limits.ts';
import { createUser, currentTotp } from '../people/accounts.ts';

// Attacks on sign-in and on the public look-ups by access code, replayed through the real HTTP app.

const clock = new FixedClock('2026-12-03T05:00:00Z');
let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem({ clock });
});
afterAll(async () => {
  await t?.stop();
});

async function account(login: string): Promise<string> {
  const { password } = await createUser(t.system.ctx.db, {
    login,
    role: 'clerk',
    unitId: t.system.ctx.reference().units.ministry.id,
    mustChangePassword: false,
    audit: t.system.ctx.audit,
    actor: { id: null, label: 'test' },
    now: clock.now(),
  });
  return password;
}

/** A sign-in from one address, carrying the cookies a browser kept. */
function signIn(
  from: string,
  body: { login: string; password: string; totp?: string },
  cookies: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: from,
    cookies,
    payload: body,
  });
}

function cookiesOf(response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
}

function answer(response: LightMyRequestResponse): string {
  return `${response.statusCode} ${response.json<{ error?: { code: string } }>().error?.code ?? 'ok'}`;
}

describe('sign-in guessing', () => {
  it('counts every one of 25 simultaneous wrong passwords, so the guesser is held', async () => {
    const password = await account('clerk-burst');
    const burst = await Promise.all(
      Array.from({ length: 25 }, () =>
        signIn('198.51.100.10', { login: 'clerk-burst', password: 'not the password at all' }),
      ),
    );
    expect(new Set(burst.map(answer))).toEqual(new Set(['401 INVALID_CREDENTIALS']));
    // Even the right password is held back for a while from a browser that never signed in here.
    expect(answer(await signIn('198.51.100.11', { login: 'clerk-burst', password }))).toBe(
      '401 INVALID_CREDENTIALS',
    );
    // A back-off, not a lock: once it has passed, the person gets in.
    clock.advance(60_000);
    expect(answer(await signIn('198.51.100.11', { login: 'clerk-burst', password }))).toBe('200 ok');
  });

  it('accepts each TOTP time step once, at enrolment and at sign-in', async () => {
    const clerk = await t.staff('clerk-totp', 'clerk', 'IIV-1726266-APP');
    const password = 'pw-clerk-totp-long-enough';
    const { secret } = (await clerk.request({ method: 'POST', url: '/api/v1/auth/totp/setup' })).json<{
      secret: string;
    }>();
    const enrolled = await currentTotp(t.system.ctx, secret);
    const confirmed = await clerk.request({
      method: 'POST',
      url: '/api/v1/auth/totp/confirm',
      payload: { code: enrolled },
    });
    expect(confirmed.statusCode).toBe(204);
    const replayedEnrolment = await signIn('198.51.100.20', {
      login: 'clerk-totp',
      password,
      totp: enrolled,
    });
    expect(answer(replayedEnrolment)).toBe('401 INVALID_SECOND_FACTOR');

    clock.advance(30_000);
    const code = await currentTotp(t.system.ctx, secret);
    const first = await signIn('198.51.100.20', { login: 'clerk-totp', password, totp: code });
    expect(answer(first)).toBe('200 ok');
    const replayed = await signIn('198.51.100.21', { login: 'clerk-totp', password, totp: code });
    expect(answer(replayed)).toBe('401 INVALID_SECOND_FACTOR');
  });

  it('answers every failed sign-in alike and lets no stranger lock a staff member out', async () => {
    const password = await account('clerk-target');
    await account('clerk-retired');
    await t.system.ctx.db
      .updateTable('users')
      .set({ active: false })
      .where('login', '=', 'clerk-retired')
      .execute();
    // The staff member's own browser, which signed in before.
    const before = await signIn('192.0.2.7', { login: 'clerk-target', password });
    expect(before.statusCode).toBe(200);
    const browser = cookiesOf(before);

    const stranger = '203.0.113.66';
    const answers = async (login: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 8; i++)
        seen.push(answer(await signIn(stranger, { login, password: `guess number ${i}` })));
      return seen;
    };
    const known = await answers('clerk-target');
    expect(known).toEqual(Array.from({ length: 8 }, () => '401 INVALID_CREDENTIALS'));
    expect(await answers('nobody-by-this-name')).toEqual(known);
    expect(await answers('clerk-retired')).toEqual(known);

    // The stranger holds the name back for strangers, never for the person's own browser.
    expect(answer(await signIn('192.0.2.7', { login: 'clerk-target', password }, browser))).toBe('200 ok');

    const holds = await t.system.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('action', '=', 'auth.throttled')
      .execute();
    expect(holds.length).toBeGreaterThan(0);
    for (const hold of holds) {
      const written = JSON.stringify(hold.data);
      for (const personal of ['clerk-target', 'nobody-by-this-name', stranger])
        expect(written).not.toContain(personal);
    }
  });
});

describe('the client address behind a proxy', () => {
  it('takes X-Forwarded-For only from the configured proxies', async () => {
    for (const everyone of ['true', '1']) {
      expect(() => loadConfig({ TRUST_PROXY: everyone })).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: everyone })).toThrow(/10\.0\.0\.0\/8/);
    }
    const behindProxy = await startTestSystem({
      trustProxy: '10.0.0.1',
      rateLimits: { ...rateLimitsFor('on'), intake: { max: 2, timeWindow: 60_000 } },
    });
    try {
      const client = '203.0.113.9';
      const spoofed = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}` });
      const filed: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await behindProxy.request({
          method: 'POST',
          url: '/api/v1/appeals',
          remoteAddress: client,
          headers: spoofed(i),
          payload: {
            type: 'ariza',
            applicant: { kind: 'individual', lastName: 'Karimov', firstName: 'Aziz', address: 'Toshkent' },
            text: 'Telefonimni oʻgʻirlab ketishdi, yordam bering iltimos.',
            consent: true,
          },
        });
        filed.push(response.statusCode);
      }
      expect(filed).toEqual([201, 201, 429]);

      const guesses: number[] = [];
      for (let i = 0; i < 11; i++) {
        const response = await behindProxy.request({
          method: 'POST',
          url: '/api/v1/appeals/track',
          remoteAddress: client,
          headers: spoofed(i),
          payload: { number: 'IIV-2026-0000001', accessCode: 'AAAAAAAA' },
        });
        guesses.push(response.statusCode);
      }
      expect(guesses.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 404));
      expect(guesses[10]).toBe(429);

      const throughProxy = (forwardedFor: string) =>
        behindProxy.request({
          method: 'POST',
          url: '/api/v1/appeals/track',
          remoteAddress: '10.0.0.1',
          headers: { 'x-forwarded-for': forwardedFor },
          payload: { number: 'IIV-2026-0000001', accessCode: 'AAAAAAAA' },
        });
      expect((await throughProxy('198.51.100.77')).statusCode).toBe(404);
      expect((await throughProxy(client)).statusCode).toBe(429);
    } finally {
      await behindProxy.stop();
    }
  });
});

describe('access-code guessing', () => {
  it('counts wrong codes from intake, tracking, rating and files in one counter every process shares', async () => {
    const limited = await startTestSystem({ rateLimits: rateLimitsFor('on') });
    const second = await buildApp(limited.system.ctx, {
      rateLimits: rateLimitsFor('on'),
      logLevel: 'silent',
    });
    await second.ready();
    try {
      const client = '192.0.2.50';
      const original = await limited.fileAppeal();
      const wrong = { number: original.number, accessCode: 'ZZZZZZZZ' };
      const complaint = (relatedTo: { number: string; accessCode: string }) => ({
        type: 'shikoyat',
        applicant: { kind: 'individual', lastName: 'Karimov', firstName: 'Aziz', address: 'Toshkent' },
        text: 'Javobdan norozi man, yuqori organ koʻrib chiqsin iltimos.',
        consent: true,
        relatedTo: { ...relatedTo, kind: 'complaint' },
      });
      const seen: string[] = [];
      const note = (response: LightMyRequestResponse) => seen.push(String(response.statusCode));

      for (let i = 0; i < 3; i++)
        note(
          await second.inject({
            method: 'POST',
            url: '/api/v1/appeals',
            remoteAddress: client,
            payload: complaint(wrong),
          }),
        );
      const portal = new PortalSession({
        ...limited,
        request: (o) => limited.request({ ...o, remoteAddress: client }),
      });
      for (let i = 0; i < 2; i++) {
        const csrf = await portal.csrf('/en/appeal');
        note(
          await portal.request({
            method: 'POST',
            url: '/en/appeal',
            ...multipart({
              _csrf: csrf,
              type: 'shikoyat',
              'applicant.kind': 'individual',
              'applicant.lastName': 'Karimov',
              'applicant.firstName': 'Aziz',
              'applicant.address': 'Toshkent',
              text: 'Javobdan norozi man, yuqori organ koʻrib chiqsin iltimos.',
              consent: 'true',
              'relatedTo.number': wrong.number,
              'relatedTo.accessCode': wrong.accessCode,
              'relatedTo.kind': 'complaint',
            }),
          }),
        );
      }
      const lookUps = [
        { app: limited.app, url: '/api/v1/appeals/track', payload: wrong },
        { app: second, url: '/api/v1/appeals/track', payload: wrong },
        { app: limited.app, url: '/api/v1/appeals/rate', payload: { ...wrong, rating: 5 } },
        { app: second, url: `/api/v1/appeals/track/files/${crypto.randomUUID()}`, payload: wrong },
        { app: limited.app, url: '/api/v1/appeals/track', payload: wrong },
      ];
      for (const { app, url, payload } of lookUps)
        note(await app.inject({ method: 'POST', url, remoteAddress: client, payload }));
      expect(seen).toEqual(['400', '400', '400', '400', '400', '404', '404', '404', '404', '404']);

      // Ten wrong codes: from now on this client is refused everywhere, even with the right code...
      const tracked = await second.inject({
        method: 'POST',
        url: '/api/v1/appeals/track',
        remoteAddress: client,
        payload: original,
      });
      expect(answer(tracked)).toBe('429 RATE_LIMITED');
      const complained = await limited.request({
        method: 'POST',
        url: '/api/v1/appeals',
        remoteAddress: client,
        payload: complaint(original),
      });
      expect(answer(complained)).toBe('429 RATE_LIMITED');
      // ...while a new appeal without a code, and other clients, are not held.
      const fresh = await limited.request({
        method: 'POST',
        url: '/api/v1/appeals',
        remoteAddress: client,
        payload: { ...complaint(original), type: 'ariza', relatedTo: undefined },
      });
      expect(fresh.statusCode).toBe(201);
      const other = await second.inject({
        method: 'POST',
        url: '/api/v1/appeals/track',
        remoteAddress: '192.0.2.51',
        payload: original,
      });
      expect(other.statusCode).toBe(200);
    } finally {
      await second.close();
      await limited.stop();
    }
  });
});
