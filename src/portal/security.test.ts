import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataProtector } from '../server/security/data-protector.ts';
import { CSRF_COOKIE, csrfToken, csrfValid, grantPass, PASS_COOKIE, passFor } from './security.ts';

// A bare app with two routes is enough to exercise the cookies as a browser sees them.
const protector = new DataProtector(Buffer.alloc(32, 3));
const otherKey = new DataProtector(Buffer.alloc(32, 4));
let app: FastifyInstance;
let now = Date.parse('2026-11-25T05:00:00Z');

beforeAll(async () => {
  app = Fastify();
  await app.register(cookie);
  app.get('/token', (request, reply) => reply.send(csrfToken(protector, request, reply)));
  app.post('/check', (request) => {
    const body = request.body;
    const token = body && typeof body === 'object' && 'token' in body ? body.token : undefined;
    return {
      valid: csrfValid(protector, request, token),
      validWithOtherKey: csrfValid(otherKey, request, token),
    };
  });
  app.get('/grant', (request, reply) =>
    reply.send(
      grantPass(protector, request, reply, { number: 'IIV-2026-0000001', accessCode: 'ABCDEFGH' }, now),
    ),
  );
  app.get('/pass', (request) => ({ pass: passFor(protector, request, 'IIV-2026-0000001', now) ?? null }));
  await app.ready();
});
afterAll(async () => {
  await app.close();
});

describe('the CSRF double-submit token', () => {
  it('is valid only with the cookie it was minted for and under the server’s key', async () => {
    const first = await app.inject({ method: 'GET', url: '/token' });
    const nonce = first.cookies.find((c) => c.name === CSRF_COOKIE)?.value ?? '';
    expect(first.cookies.find((c) => c.name === CSRF_COOKIE)).toMatchObject({
      httpOnly: true,
      sameSite: 'Lax',
    });
    const check = (cookieValue: string, token: string) =>
      app.inject({
        method: 'POST',
        url: '/check',
        cookies: { [CSRF_COOKIE]: cookieValue },
        payload: { token },
      });

    expect((await check(nonce, first.body)).json()).toEqual({ valid: true, validWithOtherKey: false });
    const second = await app.inject({ method: 'GET', url: '/token' });
    const otherNonce = second.cookies.find((c) => c.name === CSRF_COOKIE)?.value ?? '';
    expect((await check(otherNonce, first.body)).json().valid).toBe(false);
    expect((await check(nonce, `${first.body.slice(0, -2)}AA`)).json().valid).toBe(false);
    expect((await check('', first.body)).json().valid).toBe(false);
  });

  it('reuses the browser’s nonce, so a second tab does not break the first', async () => {
    const first = await app.inject({ method: 'GET', url: '/token' });
    const nonce = first.cookies.find((c) => c.name === CSRF_COOKIE)?.value ?? '';
    const again = await app.inject({ method: 'GET', url: '/token', cookies: { [CSRF_COOKIE]: nonce } });
    expect(again.cookies).toEqual([]);
    const check = await app.inject({
      method: 'POST',
      url: '/check',
      cookies: { [CSRF_COOKIE]: nonce },
      payload: { token: first.body },
    });
    expect(check.json().valid).toBe(true);
  });
});

describe('the pass for an appeal', () => {
  it('lets this browser see the appeal for two hours and cannot be read or forged', async () => {
    const granted = await app.inject({ method: 'GET', url: '/grant' });
    const sealed = granted.cookies.find((c) => c.name === PASS_COOKIE)?.value ?? '';
    expect(sealed).not.toContain('ABCDEFGH');
    const read = () => app.inject({ method: 'GET', url: '/pass', cookies: { [PASS_COOKIE]: sealed } });
    expect((await read()).json().pass).toEqual({ number: 'IIV-2026-0000001', accessCode: 'ABCDEFGH' });
    now += 2 * 60 * 60 * 1000 + 1;
    expect((await read()).json().pass).toBeNull();
    const forged = await app.inject({
      method: 'GET',
      url: '/pass',
      cookies: { [PASS_COOKIE]: `${sealed}x` },
    });
    expect(forged.json().pass).toBeNull();
  });
});
