import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../src/app/testing/test-system.ts';
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

// An administrator issues an Open311 client its API key in Debian's Chromium, reads the key once, and
// revokes it; the key works in between and is refused after.

let t: TestSystem;
let base: string;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  await buildConsole();
  t = await startTestSystem();
  base = await t.listen();
  browser = await launchBrowser();
  await t.staff('int-admin', 'admin', 'IIV', { scopeSubtree: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

const postWith = (key: string) =>
  t.request({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      api_key: key,
      service_code: 'public_order',
      address_string: 'Yunusobod 4-mavze',
      description: 'Kechasi koʻchada shovqin, iltimos tekshiring.',
    }).toString(),
  });

describe('integrations in the console', () => {
  it('an administrator issues a key, sees it once, and revokes it', async () => {
    const { context, page } = await openConsole(browser, base, '/console/admin/integrations', problems);
    await signIn(page, 'int-admin');
    await page.getByRole('button', { name: uz['integrations.new'] }).click();
    await field(page, uz['integrations.name']).fill('Shahar ilovasi');
    await page.getByLabel(uz['integrations.scope.personal-data']).check();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: uz['integrations.issue'] }).click();
    const shown = page.getByTestId('integration-key');
    await shown.waitFor();
    const key = (await shown.textContent()) ?? '';
    expect(key).toMatch(/^mjk_/);
    const secret = (await page.getByTestId('integration-signing-secret').textContent()) ?? '';
    expect(secret).toBe(t.system.ctx.protector.integrationSigningSecret(key));
    await screenshot(page, 'integration-issued');
    expect((await postWith(key)).statusCode).toBe(201);
    await page.getByRole('button', { name: uz['app.close'] }).click();

    const row = page.getByRole('row').filter({ hasText: 'Shahar ilovasi' });
    await row.waitFor();
    expect(await page.content()).not.toContain(key);
    await row.getByRole('button', { name: uz['integrations.revoke'] }).click();
    await row.getByRole('button', { name: uz['integrations.confirmRevoke'] }).click();
    await row.getByText(uz['integrations.revoked']).waitFor();
    expect((await postWith(key)).statusCode).toBe(403);
    expect(problems).toEqual([]);
    await context.close();
  });
});
