import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { FixedClock } from '../clock.ts';
import { SoftAuthenticator } from '../testing/soft-authenticator.ts';

// Passkeys through the real HTTP app, answered by a software authenticator that speaks WebAuthn on the wire.

const ORIGIN = 'https://murojaat.test';
const clock = new FixedClock('2026-12-04T06:00:00Z');
let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem({ clock, requireTotpRoles: 'head', env: { PUBLIC_URL: `${ORIGIN}/` } });
});
afterAll(async () => {
  await t?.stop();
});

const password = (login: string) => `pw-${login}-long-enough`;
const ceremonyCookie = (response: LightMyRequestResponse) =>
  response.cookies.find((c) => c.name === 'murojaat_webauthn')?.value ?? '';

/** Adds a passkey for a signed-in agent, answered by `key`; returns the verify response. */
async function addPasskey(agent: StaffAgent, key: SoftAuthenticator, name = 'Ish kompyuteri') {
  const options = await agent.request({
    method: 'POST',
    url: '/api/v1/auth/passkeys/register/options',
    payload: { password: password(agent.login) },
  });
  expect(options.statusCode).toBe(200);
  return agent.request({
    method: 'POST',
    url: '/api/v1/auth/passkeys/register/verify',
    payload: { name, response: key.register(options.json()) },
  });
}

/** Starts a passkey sign-in: the options and the ceremony cookie they are bound to. */
async function signInOptions() {
  const response = await t.request({ method: 'POST', url: '/api/v1/auth/passkeys/authenticate/options' });
  expect(response.statusCode).toBe(200);
  return { options: response.json<{ challenge: string }>(), cookie: ceremonyCookie(response) };
}

function verifySignIn(cookie: string, body: Record<string, unknown>) {
  return t.request({
    method: 'POST',
    url: '/api/v1/auth/passkeys/authenticate/verify',
    cookies: { murojaat_webauthn: cookie },
    payload: body,
  });
}

async function auditActions(userId: number): Promise<string[]> {
  const rows = await t.ownerDb
    .selectFrom('audit_log')
    .select('action')
    .where('target_id', '=', String(userId))
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('adding a passkey', () => {
  it('asks for the password again, then stores the passkey and lists it', async () => {
    const agent = await t.staff('pk-clerk', 'clerk', 'IIV');
    const wrong = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/options',
      payload: { password: 'not the password' },
    });
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    const options = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/options',
      payload: { password: password('pk-clerk') },
    });
    expect(options.json()).toMatchObject({
      rp: { id: 'murojaat.test', name: 'Murojaat' },
      user: { name: 'pk-clerk' },
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    const key = new SoftAuthenticator(ORIGIN);
    const added = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/verify',
      payload: { name: 'Ish kompyuteri', response: key.register(options.json()) },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ name: 'Ish kompyuteri', lastUsedAt: null });
    const list = await agent.request({ method: 'GET', url: '/api/v1/auth/passkeys' });
    expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(['Ish kompyuteri']);
    expect(await auditActions(agent.id)).toContain('auth.passkey_added');
  });

  it('takes each challenge once, only in the session that asked for it, and only before it expires', async () => {
    const agent = await t.staff('pk-once', 'clerk', 'IIV');
    const other = await t.staff('pk-other', 'clerk', 'IIV');
    const options = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/options',
      payload: { password: password('pk-once') },
    });
    const response = new SoftAuthenticator(ORIGIN).register(options.json());
    // Another account's session cannot finish this ceremony, and trying uses nothing of it.
    const stolen = await other.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/verify',
      payload: { name: 'x', response },
    });
    expect(stolen.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');
    const first = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/verify',
      payload: { name: 'Telefon', response },
    });
    expect(first.statusCode).toBe(201);
    const again = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/verify',
      payload: { name: 'Telefon', response },
    });
    expect(again.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');

    const late = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/options',
      payload: { password: password('pk-once') },
    });
    clock.advance(6 * 60_000);
    const expired = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/verify',
      payload: { name: 'Kech', response: new SoftAuthenticator(ORIGIN).register(late.json()) },
    });
    expect(expired.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');
  });

  it('refuses an answer made for another origin', async () => {
    const agent = await t.staff('pk-phish', 'clerk', 'IIV');
    const options = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/options',
      payload: { password: password('pk-phish') },
    });
    const response = new SoftAuthenticator('https://murojaat.test.evil.example').register(options.json());
    const refused = await agent.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/verify',
      payload: { name: 'x', response },
    });
    expect(refused.json().error.code).toBe('PASSKEY_REJECTED');
    expect((await agent.request({ method: 'GET', url: '/api/v1/auth/passkeys' })).json().items).toEqual([]);
  });

  it('answers malformed input with stable codes', async () => {
    const agent = await t.staff('pk-bad', 'clerk', 'IIV');
    const noCsrf = await t.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/register/options',
      payload: { password: 'x' },
    });
    expect(noCsrf.json().error.code).toBe('UNAUTHENTICATED');
    for (const payload of [
      {},
      { name: '', response: {} },
      { name: 'x', response: { id: 'a b', type: 'x' } },
    ]) {
      const bad = await agent.request({
        method: 'POST',
        url: '/api/v1/auth/passkeys/register/verify',
        payload,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    }
    const badVerify = await t.request({
      method: 'POST',
      url: '/api/v1/auth/passkeys/authenticate/verify',
      payload: { response: 'nope' },
    });
    expect(badVerify.json().error.code).toBe('VALIDATION_FAILED');
    const badId = await agent.request({ method: 'DELETE', url: '/api/v1/auth/passkeys/abc' });
    expect(badId.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('signing in with a passkey', () => {
  let agent: StaffAgent;
  let key: SoftAuthenticator;
  beforeAll(async () => {
    agent = await t.staff('pk-user', 'executor', 'IIV');
    key = new SoftAuthenticator(ORIGIN);
    expect((await addPasskey(agent, key)).statusCode).toBe(201);
  });

  it('signs in with the passkey alone when it verified the person', async () => {
    const { options, cookie } = await signInOptions();
    expect(options).not.toHaveProperty('allowCredentials', expect.arrayContaining([expect.anything()]));
    const signedIn = await verifySignIn(cookie, { response: key.assert(options) });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user.login).toBe('pk-user');
    const session = signedIn.cookies.find((c) => c.name === 'murojaat_session')?.value ?? '';
    const me = await t.request({
      method: 'GET',
      url: '/api/v1/appeals',
      cookies: { murojaat_session: session },
    });
    expect(me.statusCode).toBe(200);
    const passkeys = await agent.request({ method: 'GET', url: '/api/v1/auth/passkeys' });
    expect(passkeys.json().items[0].lastUsedAt).not.toBeNull();
  });

  it('refuses a passkey alone that only saw the person present', async () => {
    const { options, cookie } = await signInOptions();
    const refused = await verifySignIn(cookie, { response: key.assert(options, { verified: false }) });
    expect(refused.json().error.code).toBe('PASSKEY_REJECTED');
  });

  it('rejects a replayed assertion: the challenge is used, and a fresh one does not match it', async () => {
    const { options, cookie } = await signInOptions();
    const assertion = key.assert(options);
    expect((await verifySignIn(cookie, { response: assertion })).statusCode).toBe(200);
    const sameCeremony = await verifySignIn(cookie, { response: assertion });
    expect(sameCeremony.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');
    const fresh = await signInOptions();
    const replayed = await verifySignIn(fresh.cookie, { response: assertion });
    expect(replayed.json().error.code).toBe('PASSKEY_REJECTED');
    expect(replayed.cookies.find((c) => c.name === 'murojaat_session')?.value ?? '').toBe('');
  });

  it('rejects a cloned key whose signature counter fell behind', async () => {
    const { options, cookie } = await signInOptions();
    const behind = key.assert(options, { counter: 1 });
    const refused = await verifySignIn(cookie, { response: behind });
    expect(refused.json().error.code).toBe('PASSKEY_REJECTED');
    expect(await auditActions(agent.id)).toContain('auth.login_failed');
    key.counter = 100;
  });

  it('refuses without the ceremony cookie it was started with', async () => {
    const { options } = await signInOptions();
    const refused = await verifySignIn('', { response: key.assert(options) });
    expect(refused.json().error.code).toBe('PASSKEY_CHALLENGE_INVALID');
  });

  it('makes the passkey the second factor after the password', async () => {
    const passwordOnly = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'pk-user', password: password('pk-user') },
    });
    expect(passwordOnly.json().error.code).toBe('SECOND_FACTOR_REQUIRED');
    const wrong = await signInOptions();
    const wrongPassword = await verifySignIn(wrong.cookie, {
      response: key.assert(wrong.options),
      login: 'pk-user',
      password: 'wrong password here',
    });
    expect(wrongPassword.json().error.code).toBe('INVALID_CREDENTIALS');
    const { options, cookie } = await signInOptions();
    const both = await verifySignIn(cookie, {
      response: key.assert(options, { verified: false }),
      login: 'pk-user',
      password: password('pk-user'),
    });
    expect(both.statusCode).toBe(200);
    // Someone else's password with this passkey is no sign-in.
    await t.staff('pk-someone', 'clerk', 'IIV');
    const mixed = await signInOptions();
    const refused = await verifySignIn(mixed.cookie, {
      response: key.assert(mixed.options),
      login: 'pk-someone',
      password: password('pk-someone'),
    });
    expect(refused.json().error.code).toBe('PASSKEY_REJECTED');
  });

  it('spares an account with a passkey the TOTP set-up its role requires', async () => {
    const head = await t.staff('pk-head', 'head', 'IIV');
    const blocked = await head.request({ method: 'GET', url: '/api/v1/auth/me' });
    expect(blocked.json().totpSetupRequired).toBe(true);
    expect((await addPasskey(head, new SoftAuthenticator(ORIGIN))).statusCode).toBe(201);
    expect((await head.request({ method: 'GET', url: '/api/v1/auth/me' })).json().totpSetupRequired).toBe(
      false,
    );
  });

  it('removes only the owner’s passkey, and a removed passkey signs nobody in', async () => {
    const stranger = await t.staff('pk-stranger', 'clerk', 'IIV');
    const [own] = (await agent.request({ method: 'GET', url: '/api/v1/auth/passkeys' })).json().items;
    const remove = (who: StaffAgent, body?: Record<string, unknown>) =>
      who.request({
        method: 'DELETE',
        url: `/api/v1/auth/passkeys/${own.id}`,
        ...(body ? { payload: body } : {}),
      });
    const notTheirs = await remove(stranger, { password: password('pk-stranger') });
    expect(notTheirs.json().error.code).toBe('PASSKEY_NOT_FOUND');
    // A session left open on a desk is not enough: the password again, as for adding one.
    expect((await remove(agent)).json().error.code).toBe('VALIDATION_FAILED');
    const guessed = await remove(agent, { password: 'not the password' });
    expect(guessed.json().error.code).toBe('INVALID_CREDENTIALS');
    expect((await agent.request({ method: 'GET', url: '/api/v1/auth/passkeys' })).json().items).toHaveLength(
      1,
    );
    const removed = await remove(agent, { password: password(agent.login) });
    expect(removed.statusCode).toBe(204);
    expect(await auditActions(agent.id)).toContain('auth.passkey_removed');
    const { options, cookie } = await signInOptions();
    expect((await verifySignIn(cookie, { response: key.assert(options) })).json().error.code).toBe(
      'PASSKEY_REJECTED',
    );
  });
});
