import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../src/app/testing/test-system.ts';
import { retentionViewSchema } from '../src/contracts/retention.schema.ts';
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

// In Debian's Chromium: an administrator sets the retention terms (the default and one type × outcome) and
// checks what a run would do; a head puts an appeal on legal hold from its card and lifts it again.

let t: TestSystem;
let base: string;
let browser: Browser;
let admin: StaffAgent;
const problems: string[] = [];

beforeAll(async () => {
  await buildConsole();
  t = await startTestSystem();
  base = await t.listen();
  browser = await launchBrowser();
  admin = await t.staff('ret-admin', 'admin', 'IIV', { scopeSubtree: true });
  await t.staff('ret-head', 'head', 'IIV-1726266', { scopeSubtree: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('retention in the console', () => {
  it('an administrator sets the terms and checks what a run would anonymise', async () => {
    const { context, page } = await openConsole(browser, base, '/console/admin/retention', problems);
    await signIn(page, 'ret-admin');
    await page.getByText(uz['retention.shipped']).waitFor();
    await field(page, uz['retention.defaultYears']).fill('6');
    await page.getByLabel(`${uz['type.taklif']} · ${uz['outcome.explained']}`, { exact: true }).fill('3');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: uz['app.save'] }).click();
    await page.getByRole('status').filter({ hasText: uz['app.done'] }).waitFor();
    const saved = retentionViewSchema.parse(
      (await admin.request({ method: 'GET', url: '/api/v1/admin/retention' })).json(),
    );
    expect(saved).toMatchObject({
      defaultYears: 6,
      terms: [{ type: 'taklif', outcome: 'explained', years: 3 }],
      updatedBy: 'ret-admin',
    });
    await page.getByRole('button', { name: uz['retention.preview'] }).click();
    await page.getByText(/ta murojaat anonimlashtiriladi/).waitFor();
    await screenshot(page, 'retention-settings');
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);

  it('a head puts an appeal on legal hold from its card and lifts it', async () => {
    const { number } = await t.fileAppeal();
    const { context, page } = await openConsole(browser, base, `/console/appeals/${number}`, problems);
    await signIn(page, 'ret-head');
    const panel = page.getByTestId('retention');
    await panel.getByText(uz['retention.notHeld']).waitFor();
    await panel.getByRole('button', { name: uz['retention.place'] }).click();
    await field(page, uz['retention.reason']).fill('Sud ishi 2-77/2026');
    expect(await seriousViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: uz['retention.place'] }).click();
    await panel.getByText('Sud ishi 2-77/2026').waitFor();
    await page.locator('.flags').getByText(uz['retention.onHold']).waitFor();
    await screenshot(page, 'retention-hold');
    const held = await admin.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
    expect(held.json().retention.hold).toMatchObject({
      reason: 'Sud ishi 2-77/2026',
      by: { login: 'ret-head' },
    });
    await panel.getByRole('button', { name: uz['retention.lift'] }).click();
    await panel.getByText(uz['retention.notHeld']).waitFor();
    expect(
      (await admin.request({ method: 'GET', url: `/api/v1/appeals/${number}` })).json().retention.hold,
    ).toBeNull();
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
