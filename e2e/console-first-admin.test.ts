import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../src/app/testing/test-system.ts';
import { messages } from '../src/console/app/i18n/index.ts';
import { launchBrowser } from '../src/server/testing/browser.ts';
import { buildConsole, openConsole, screenshot, seriousViolations } from './console-helpers.ts';

// The "done when", in Uzbek Cyrillic: the printed admin signs in for the first time (one-time
// password → own password → TOTP with a QR code), creates a clerk and an executor, and the appeal a
// citizen filed on the portal goes through them to an approved answer. Administrators and heads must
// use TOTP here, as in a default deployment.

const oz = messages.oz;
let t: TestSystem;
let base: string;
let browser: Browser;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const field = (page: Page, label: string) =>
  page.getByLabel(new RegExp(`^${escapeRegExp(label)}( \\(${escapeRegExp(oz['app.required'])}\\))?$`));

async function accessible(page: Page, name: string) {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
}

/** Opens the console in Uzbek Cyrillic (chosen on the sign-in page, as a person would). */
async function openInCyrillic(path = '/console/') {
  const { page } = await openConsole(browser, base, path);
  await page.getByRole('button', { name: 'Ўзбекча' }).click();
  await page.getByRole('heading', { name: oz['auth.title'] }).waitFor();
  return page;
}

async function signIn(page: Page, login: string, password: string) {
  await field(page, oz['auth.login']).fill(login);
  await field(page, oz['auth.password']).fill(password);
  await page.getByRole('button', { name: oz['auth.submit'], exact: true }).click();
}

// Right after signing in with the one-time password, the change does not ask for it again.
async function changePassword(page: Page, next: string) {
  await page.getByRole('heading', { name: oz['auth.changePassword'] }).waitFor();
  expect(await field(page, oz['auth.currentPassword']).count()).toBe(0);
  await field(page, oz['auth.newPassword']).fill(next);
  await field(page, oz['auth.repeatPassword']).fill(next);
  await page.getByRole('button', { name: oz['auth.changePassword'] }).click();
}

async function createUser(page: Page, login: string, role: string, unit: string): Promise<string> {
  await page.getByRole('button', { name: oz['admin.newUser'] }).click();
  const form = page.getByRole('form', { name: oz['admin.newUser'] });
  await field(page, oz['auth.login']).fill(login);
  await field(page, oz['admin.role']).selectOption({ label: role });
  await field(page, oz['admin.unit']).fill(unit);
  await form.getByRole('button', { name: oz['app.save'] }).click();
  const password = (await page.getByTestId('otp-password').textContent())?.trim() ?? '';
  await page.getByRole('dialog').getByRole('button', { name: oz['app.close'] }).click();
  return password;
}

async function fileOnPortal(): Promise<string> {
  const page = await browser.newPage();
  const response = await page.goto(`${base}/oz/appeal`);
  let number = '';
  if (response?.status() === 200 && (await page.locator('textarea[name="text"]').count()) > 0) {
    await page.locator('input[name="applicant.lastName"]').fill('Каримов');
    await page.locator('input[name="applicant.firstName"]').fill('Азиз');
    await page.locator('input[name="applicant.address"]').fill('Тошкент ш., Юнусобод тумани, 5-мавзе, 12-уй');
    // The portal turns its territory list into two pickers (region, district) over the original select.
    await page.locator('select[name="territory"]').evaluate((select) => {
      if (select instanceof HTMLSelectElement) select.value = '1726266';
    });
    await page
      .locator('textarea[name="text"]')
      .fill('Кеча бозорда телефонимни ўғирлаб кетишди, топишга ёрдам беринг.');
    await page.locator('input[name="consent"]').check();
    await page.locator('form:has(textarea[name="text"]) [type="submit"]').first().click();
    await page.waitForLoadState();
    number = /IIV-\d{4}-\d{7}/.exec((await page.locator('body').textContent()) ?? '')?.[0] ?? '';
  }
  await page.close();
  if (number) return number;
  const filed = await t.request({
    method: 'POST',
    url: '/api/v1/appeals',
    payload: {
      type: 'ariza',
      applicant: {
        kind: 'individual',
        lastName: 'Каримов',
        firstName: 'Азиз',
        address: 'Тошкент ш., Юнусобод тумани',
      },
      text: 'Кеча бозорда телефонимни ўғирлаб кетишди, топишга ёрдам беринг.',
      territory: '1726266',
      consent: true,
    },
  });
  return filed.json<{ number: string }>().number;
}

beforeAll(async () => {
  await buildConsole();
  t = await startTestSystem({ requireTotpRoles: 'admin,head' });
  base = await t.listen();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('a new administrator, in Uzbek Cyrillic, without documentation', () => {
  it('signs in as the printed admin, sets up the team and takes a portal appeal to an approved answer', async () => {
    const oneTime = t.system.adminPassword ?? '';
    expect(oneTime).not.toBe('');
    const admin = await openInCyrillic();
    await accessible(admin, 'first-admin-signin-oz');
    await signIn(admin, 'admin', oneTime);
    await changePassword(admin, 'admin-ning-yangi-paroli-2026');

    await admin.getByRole('heading', { name: oz['auth.totpSetup'] }).waitFor();
    await admin.getByRole('img', { name: oz['auth.totpQr'] }).waitFor();
    await accessible(admin, 'first-admin-totp-oz');
    const secret = ((await admin.locator('code.secret').textContent()) ?? '').replace(/\s/g, '');
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
    await field(admin, oz['auth.totp']).fill(code);
    await admin.getByRole('button', { name: oz['auth.totpConfirm'] }).click();
    await admin.locator('main#main').waitFor();

    await admin.getByRole('link', { name: oz['nav.admin'] }).click();
    await admin.getByRole('heading', { name: oz['admin.title'] }).waitFor();
    const clerkPassword = await createUser(admin, 'kotib1', oz['role.clerk'], 'IIV-1726266-APP');
    const executorPassword = await createUser(admin, 'ijrochi1', oz['role.executor'], 'IIV-1726266-INV');
    expect(clerkPassword).toMatch(/^\S{16}$/);
    await admin.getByRole('rowheader', { name: 'ijrochi1' }).waitFor();
    await accessible(admin, 'first-admin-users-oz');

    const number = await fileOnPortal();

    const clerk = await openInCyrillic();
    await signIn(clerk, 'kotib1', clerkPassword);
    await changePassword(clerk, 'kotibning-yangi-paroli');
    await clerk.getByRole('link', { name: number }).click();
    await clerk.getByRole('button', { name: oz['action.route'], exact: true }).click();
    const routeForm = clerk.getByRole('form', { name: oz['action.route'] });
    for (const remove of await routeForm
      .getByRole('button', { name: new RegExp(`^${oz['field.remove']}`) })
      .all())
      await remove.click();
    await field(clerk, oz['field.units']).fill('IIV-1726266-INV');
    await field(clerk, oz['field.units']).press('Enter');
    await routeForm.getByRole('button', { name: oz['action.route'], exact: true }).click();
    await expect
      .poll(() => clerk.locator('.card-head .badge').first().textContent())
      .toBe(oz['status.assigned']);
    await accessible(clerk, 'first-clerk-card-oz');

    const executor = await openInCyrillic();
    await signIn(executor, 'ijrochi1', executorPassword);
    await changePassword(executor, 'ijrochining-yangi-paroli');
    await executor.getByRole('link', { name: oz['queue.inbox'] }).click();
    await executor.getByRole('link', { name: number }).click();
    await executor.getByRole('button', { name: oz['action.accept'] }).click();
    await executor.getByRole('button', { name: oz['action.draft_answer'] }).click();
    await field(executor, oz['editor.body']).fill(
      'Телефонингиз топилди. Уни Юнусобод тумани ИИБ 12-хонасидан олишингиз мумкин.',
    );
    await executor.getByRole('radio', { name: oz['outcome.satisfied'] }).check();
    await executor.getByRole('button', { name: oz['editor.save'] }).click();
    await executor.getByText(oz['editor.saved']).waitFor();
    await accessible(executor, 'first-executor-oz');

    await admin.getByRole('link', { name: oz['queue.approval'] }).click();
    await admin.getByRole('link', { name: number }).click();
    await admin.getByRole('button', { name: oz['action.approve_answer'] }).click();
    await admin
      .getByRole('form', { name: oz['action.approve_answer'] })
      .getByRole('button', { name: oz['action.confirm'] })
      .click();
    await expect
      .poll(() => admin.locator('.card-head .badge').first().textContent())
      .toBe(oz['status.answered']);
    await accessible(admin, 'first-admin-approved-oz');

    const row = await t.system.ctx.db
      .selectFrom('appeals')
      .select(['status', 'outcome'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'answered', outcome: 'satisfied' });
  }, 180_000);

  it('warns before the idle timeout and then signs the person out', async () => {
    const executor = await t.staff('ijrochi-idle', 'executor', 'IIV-1726266-INV');
    expect(executor.id).toBeGreaterThan(0);
    const page = await openInCyrillic();
    await page.evaluate(() => localStorage.setItem('murojaat.console.idleMs', '6000'));
    await signIn(page, 'ijrochi-idle', 'pw-ijrochi-idle-long-enough');
    await page.getByRole('dialog', { name: oz['auth.timeoutTitle'] }).waitFor({ timeout: 10_000 });
    await screenshot(page, 'idle-warning-oz');
    await page.getByText(oz['auth.idleEnded']).waitFor({ timeout: 10_000 });
    const me = await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.status));
    expect(me).toBe(401);
  }, 60_000);
});
