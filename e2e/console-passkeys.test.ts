import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../src/app/testing/test-system.ts';
import { launchBrowser } from '../src/server/testing/browser.ts';
import {
  buildConsole,
  field,
  openConsole,
  screenshot,
  seriousViolations,
  signIn,
  uz,
} from './console-helpers.ts';

// A staff member adds a passkey on the account page and signs in with it, in Debian's Chromium with its
// virtual authenticator (DevTools protocol, WebAuthn domain) standing in for a phone or a security key; then
// ends another of their sessions, whose cookie stops working at once. WebAuthn needs a host name, not an IP
// address, as its relying party: the server's PUBLIC_URL is http://localhost:<port> (a secure context).

let t: TestSystem;
let base: string;
let browser: Browser;
let elsewhere: StaffAgent;
const problems: string[] = [];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  await buildConsole();
  const port = await freePort();
  t = await startTestSystem({ env: { PUBLIC_URL: `http://localhost:${port}` } });
  await t.listen(port);
  base = `http://localhost:${port}`;
  browser = await launchBrowser();
  // The same person signed in somewhere else (the API, as another device would).
  elsewhere = await t.staff('pk-browser', 'executor', 'IIV-1726266-PREV');
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('passkeys in the console', () => {
  it('adds a passkey, signs in with it alone, and signs out another device', async () => {
    const { context, page } = await openConsole(browser, base, '/console/', problems);
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await signIn(page, 'pk-browser');
    await page.getByRole('button', { name: uz['auth.signOut'] }).first().waitFor();
    await page.goto(`${base}/console/account`);
    await page.getByRole('heading', { name: uz['passkeys.title'] }).waitFor();
    await field(page, uz['passkeys.name']).fill('Ish kompyuteri');
    await field(page, uz['auth.currentPassword']).first().fill('pw-pk-browser-long-enough');
    await page.getByRole('button', { name: uz['passkeys.add'] }).click();
    await page.getByText(uz['passkeys.addedOk'].replace('{name}', 'Ish kompyuteri')).waitFor();
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);

    // Two sessions: this browser and the other device; end the other one.
    const rows = page.locator('table.data tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await screenshot(page, 'account-passkeys');
    expect(await seriousViolations(page)).toEqual([]);
    expect((await elsewhere.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    await page.getByRole('button', { name: uz['sessions.end'] }).click();
    await expect.poll(() => rows.count()).toBe(1);
    const ended = await elsewhere.request({ method: 'GET', url: '/api/v1/auth/me' });
    expect(ended.json().error.code).toBe('UNAUTHENTICATED');

    // Sign out, then in again with the passkey alone: no login, no password.
    await page.getByRole('button', { name: uz['auth.signOut'] }).first().click();
    await page.getByRole('button', { name: uz['auth.signInWithPasskey'] }).click();
    await page
      .getByRole('button', { name: uz['auth.signOut'] })
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(async (error: unknown) => {
        const alerts = await page.getByRole('alert').allTextContents();
        throw new Error(`not signed in: ${alerts.join(' | ')} ${problems.join(' | ')}`, { cause: error });
      });
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0]?.signCount).toBeGreaterThan(credentials[0]?.signCount ?? 0);
    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select(['action', 'data'])
      .where('action', '=', 'auth.login')
      .execute();
    expect(audit.some((a) => (a.data as { factor?: string } | null)?.factor === 'passkey')).toBe(true);

    // Removing it asks for the password again.
    await page.goto(`${base}/console/account`);
    const removeButton = page.getByRole('button', {
      name: uz['passkeys.removeNamed'].replace('{name}', 'Ish kompyuteri'),
    });
    await removeButton.click();
    const confirm = page.locator('li form');
    await field(confirm, uz['auth.currentPassword']).fill('pw-pk-browser-long-enough');
    await confirm
      .getByRole('button', { name: uz['passkeys.removeNamed'].replace('{name}', 'Ish kompyuteri') })
      .click();
    await page.getByText(uz['passkeys.none']).waitFor();
    expect(problems).toEqual([]);
  }, 120_000);
});
