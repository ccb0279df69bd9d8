import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { staffIdentitySchema } from '../../contracts/admin.schema.ts';

// Staff single sign-on against a real OpenID Connect provider (the oidc-provider library) on loopback: its
// own sign-in and consent pages (development interactions: any login, any password) are filled in over
// HTTP as a browser would, and the provider's redirect back is handed to our callback.

const CLIENT_SECRET = 'a-client-secret-for-the-test-provider-0123456789';
// The address the provider sends staff back to; the test hands that request to the app itself.
const REDIRECT = 'http://murojaat.test/api/v1/auth/sso/callback';

let t: TestSystem;
let provider: Provider;
let server: http.Server;
let issuer: string;
let admin: StaffAgent;

/** Cookies as a browser keeps them for one host (paths ignored: the provider's are all under its root). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(setCookie: string[]) {
    for (const line of setCookie) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

const setCookies = (headers: Record<string, unknown>): string[] => {
  const raw = headers['set-cookie'];
  return Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
};

const cookieValue = (lines: string[], name: string): string | undefined =>
  lines
    .map((l) => l.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/** Leaves for the provider from our start address; returns the sealed round-trip cookie and the provider URL. */
async function leave(): Promise<{ tripCookie: string; providerUrl: string }> {
  const start = await t.request({ method: 'GET', url: '/api/v1/auth/sso' });
  expect(start.statusCode, start.body).toBe(303);
  const tripCookie = cookieValue(setCookies(start.headers), 'murojaat_sso');
  if (!tripCookie) throw new Error('no round-trip cookie');
  return { tripCookie, providerUrl: String(start.headers.location) };
}

/** Signs in at the provider as `login` (its pages, then consent) and returns where it sends the browser back. */
async function atProvider(providerUrl: string, login: string): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(providerUrl);
  for (let step = 0; step < 12; step += 1) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.href.startsWith(REDIRECT)) return next;
      url = next;
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
    if (!action || !prompt) throw new Error(`the provider answered ${response.status} without a form`);
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    const posted = await fetch(new URL(action, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    jar.take(posted.headers.getSetCookie());
    const after = posted.headers.get('location');
    if (!after) throw new Error(`the provider answered the ${prompt} form with ${posted.status}`);
    url = new URL(after, url);
    if (url.href.startsWith(REDIRECT)) return url;
  }
  throw new Error('the provider never sent the browser back');
}

/** Comes back to our callback with the provider's answer and (unless left out) the round-trip cookie. */
function comeBack(back: URL, tripCookie: string | undefined) {
  return t.request({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: tripCookie ? { cookie: `murojaat_sso=${tripCookie}` } : {},
  });
}

/** The whole journey as a browser makes it; returns our callback's answer. */
async function signOnAs(login: string) {
  const { tripCookie, providerUrl } = await leave();
  return comeBack(await atProvider(providerUrl, login), tripCookie);
}

function me(sessionCookie: string) {
  return t.request({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { cookie: `murojaat_session=${sessionCookie}` },
  });
}

async function identityOf(subject: string) {
  const list = await admin.request({ method: 'GET', url: '/api/v1/admin/identities' });
  expect(list.statusCode, list.body).toBe(200);
  const found = staffIdentitySchema
    .array()
    .parse(list.json())
    .find((i) => i.subject === subject);
  if (!found) throw new Error(`no identity ${subject}`);
  return found;
}

beforeAll(async () => {
  server = http.createServer((request, response) => provider.callback()(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'murojaat',
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, name: `Officer ${sub}`, email: `${sub}@iiv.example` }),
    }),
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    pkce: { required: () => true },
    cookies: { keys: ['a-cookie-key-for-the-test-provider'] },
  });
  t = await startTestSystem({
    requireTotpRoles: 'head',
    env: {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: 'murojaat',
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URL: REDIRECT,
      OIDC_LABEL: 'OneID',
    },
  });
  admin = await t.staff('sso-admin', 'admin', t.system.ctx.reference().units.ministry.code);
}, 60_000);

afterAll(async () => {
  await t?.stop();
  await new Promise((resolve) => server?.close(resolve));
});

describe('staff single sign-on (OpenID Connect)', () => {
  it('offers the button, and leaves for the provider with PKCE, a state and a nonce', async () => {
    const options = await t.request({ method: 'GET', url: '/api/v1/auth/options' });
    expect(options.json()).toEqual({ sso: { label: 'OneID' } });
    const { providerUrl } = await leave();
    const url = new URL(providerUrl);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
  });

  it('keeps a person not yet matched waiting, and shows them to administrators only', async () => {
    const back = await signOnAs('alisher');
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/console/?sso=pending');
    expect(cookieValue(setCookies(back.headers), 'murojaat_session')).toBeUndefined();
    const identity = await identityOf('alisher');
    expect(identity).toMatchObject({
      issuer,
      name: 'Officer alisher',
      email: 'alisher@iiv.example',
      login: null,
    });

    const clerk = await t.staff('sso-clerk-nosy', 'clerk', 'IIV-1726266-APP');
    expect((await clerk.request({ method: 'GET', url: '/api/v1/admin/identities' })).statusCode).toBe(403);
    const auditor = await t.staff('sso-auditor', 'auditor', t.system.ctx.reference().units.ministry.code);
    expect((await auditor.request({ method: 'GET', url: '/api/v1/admin/identities' })).statusCode).toBe(200);
    const refused = await auditor.request({
      method: 'PUT',
      url: `/api/v1/admin/identities/${identity.id}`,
      payload: { login: 'sso-auditor' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('signs a matched person in as the account an administrator chose: its unit and role, no TOTP enrolment', async () => {
    await t.staff('sso-head', 'head', 'IIV-1726266');
    const identity = await identityOf('alisher');
    const link = await admin.request({
      method: 'PUT',
      url: `/api/v1/admin/identities/${identity.id}`,
      payload: { login: 'sso-head' },
    });
    expect(link.statusCode, link.body).toBe(204);

    const back = await signOnAs('alisher');
    expect(back.statusCode).toBe(303);
    expect(back.headers.location).toBe('/console/');
    const session = cookieValue(setCookies(back.headers), 'murojaat_session');
    if (!session) throw new Error('no session cookie');
    const who = await me(session);
    expect(who.statusCode, who.body).toBe(200);
    expect(who.json()).toMatchObject({
      user: { login: 'sso-head', role: 'head', unit: { code: 'IIV-1726266' } },
      totpSetupRequired: false,
      mustChangePassword: false,
    });
    // A head signing in with a password here must still enrol TOTP: the exemption is the provider's alone.
    const byPassword = await t.staff('sso-head-password', 'head', 'IIV-1726266');
    const own = await byPassword.request({ method: 'GET', url: '/api/v1/auth/me' });
    expect(own.json()).toMatchObject({ totpSetupRequired: true });

    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select(['action', 'actor_label', 'data'])
      .where('action', 'in', ['auth.login', 'admin.identity_linked'])
      .where('actor_label', 'in', ['sso-head', 'sso-admin'])
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['auth.login', 'admin.identity_linked']);
    expect(audit[0]?.data).toMatchObject({ factor: 'oidc', identity: identity.id });
  });

  it('refuses a replayed answer, an answer without its round trip, and one from another window', async () => {
    const first = await leave();
    const back = await atProvider(first.providerUrl, 'alisher');
    const used = await comeBack(back, first.tripCookie);
    expect(used.headers.location).toBe('/console/');
    // The same code and the same cookie again: the provider refuses a used code.
    const replayed = await comeBack(back, first.tripCookie);
    expect(replayed.headers.location).toBe('/console/?sso=failed');
    expect(cookieValue(setCookies(replayed.headers), 'murojaat_session')).toBeUndefined();

    const second = await leave();
    const secondBack = await atProvider(second.providerUrl, 'alisher');
    expect((await comeBack(secondBack, undefined)).headers.location).toBe('/console/?sso=failed');

    // Started in one window, answered in another: the state does not match the cookie this browser carries.
    const third = await leave();
    const fourth = await leave();
    const thirdBack = await atProvider(third.providerUrl, 'alisher');
    const crossed = await comeBack(thirdBack, fourth.tripCookie);
    expect(crossed.headers.location).toBe('/console/?sso=failed');
    expect(cookieValue(setCookies(crossed.headers), 'murojaat_session')).toBeUndefined();

    // A forged round-trip cookie is no round trip.
    const forged = await comeBack(thirdBack, 'AAAA');
    expect(forged.headers.location).toBe('/console/?sso=failed');
  });

  it('ends the sessions of an undone match at once, and keeps a switched-off account out', async () => {
    const back = await signOnAs('alisher');
    const session = cookieValue(setCookies(back.headers), 'murojaat_session');
    if (!session) throw new Error('no session cookie');
    expect((await me(session)).statusCode).toBe(200);

    const identity = await identityOf('alisher');
    const undo = await admin.request({ method: 'DELETE', url: `/api/v1/admin/identities/${identity.id}` });
    expect(undo.statusCode).toBe(204);
    expect((await me(session)).statusCode).toBe(401);
    expect((await signOnAs('alisher')).headers.location).toBe('/console/?sso=pending');

    await admin.request({
      method: 'PUT',
      url: `/api/v1/admin/identities/${identity.id}`,
      payload: { login: 'sso-head' },
    });
    const off = await admin.request({
      method: 'PATCH',
      url: '/api/v1/admin/users/sso-head',
      payload: { active: false },
    });
    expect(off.statusCode, off.body).toBe(204);
    expect((await signOnAs('alisher')).headers.location).toBe('/console/?sso=inactive');
  });

  it('answers bad administration input with stable codes', async () => {
    const unknown = await admin.request({
      method: 'PUT',
      url: '/api/v1/admin/identities/999999',
      payload: { login: 'sso-admin' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('IDENTITY_NOT_FOUND');
    const identity = await identityOf('alisher');
    const noAccount = await admin.request({
      method: 'PUT',
      url: `/api/v1/admin/identities/${identity.id}`,
      payload: { login: 'nobody-here' },
    });
    expect(noAccount.statusCode).toBe(404);
    const malformed = await admin.request({
      method: 'PUT',
      url: '/api/v1/admin/identities/abc',
      payload: { login: 42 },
    });
    expect(malformed.statusCode).toBe(400);
  });

  it('lets no administrator match an identity to another administrator’s account', async () => {
    const other = await t.staff('sso-admin-2', 'admin', t.system.ctx.reference().units.ministry.code);
    const identity = await identityOf('alisher');
    const link = (agent: StaffAgent, login: string) =>
      agent.request({ method: 'PUT', url: `/api/v1/admin/identities/${identity.id}`, payload: { login } });
    const crossed = await link(admin, 'sso-admin-2');
    expect(crossed.statusCode).toBe(403);
    expect(crossed.json().error.code).toBe('IDENTITY_ADMIN_SELF_ONLY');
    expect((await identityOf('alisher')).login).not.toBe('sso-admin-2');
    // The owner of that account may, signed in as themselves.
    expect((await link(other, 'sso-admin-2')).statusCode).toBeLessThan(300);
    expect((await identityOf('alisher')).login).toBe('sso-admin-2');
  });
});
