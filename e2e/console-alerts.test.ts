import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem, triageNow } from '../src/app/testing/test-system.ts';
import { detectSurges } from '../src/server/analytics/detect-surges.ts';
import { cloneAppeals } from '../src/server/analytics/testing.ts';
import { FixedClock } from '../src/server/clock.ts';
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

// A district head opens the alerts, reads a surge of stolen-bicycle appeals (where, how many against the
// usual, the words they share, the appeals) in Debian's Chromium, and acknowledges it with a note. Then six
// neighbours send one text: the head finds it under mass appeals as one matter and makes it one group.

const clock = new FixedClock('2026-12-03T10:00:00Z');
let t: TestSystem;
let base: string;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  await buildConsole();
  t = await startTestSystem({ clock });
  base = await t.listen();
  browser = await launchBrowser();
  await t.staff('alert-head', 'head', 'IIV-1726266', { scopeSubtree: true });
  const template = (await t.fileAppeal()).number;
  await cloneAppeals(
    t.ownerDb,
    template,
    Array.from({ length: 8 }, (_, i) => ({
      on: '2026-12-02',
      hour: 9 + i,
      territory: '1726266',
      category: 'theft',
      text: `Hovlimizdan velosiped oʻgʻirlandi, ${i + 1}-uy`,
    })),
  );
  expect(await detectSurges(t.system.ctx)).toMatchObject({ raised: 1 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('surge alerts in the console', () => {
  it('a head reads a surge and acknowledges it with a note', async () => {
    const { context, page } = await openConsole(browser, base, '/console/', problems);
    await signIn(page, 'alert-head');
    await page.getByRole('link', { name: uz['nav.alerts'] }).click();
    await page.getByRole('heading', { name: uz['alerts.title'] }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'velosiped' });
    await row.waitFor();
    expect(await row.textContent()).toContain(
      uz['alerts.observedOf'].replace('{observed}', '8').replace('{expected}', '0'),
    );
    expect(await row.getByRole('link').count()).toBe(8);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'surge-alert');
    // On a phone each alert is a card: its words, appeals, note and button lie on the screen, no
    // sideways scrolling (they were off the right edge of a six-column table).
    await page.setViewportSize({ width: 360, height: 740 });
    const frame = page.locator('.table-wrap').filter({ has: row });
    expect(await frame.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    for (const part of [
      row.getByRole('link', { name: 'T-', exact: false }).first(),
      field(row, uz['alerts.note']),
      row.getByRole('button', { name: uz['alerts.acknowledge'] }),
    ]) {
      const box = await part.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
    }
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'surge-alert-360');
    await page.setViewportSize({ width: 1366, height: 768 });
    await field(row, uz['alerts.note']).fill('Patrul kuchaytirildi');
    await row.getByRole('button', { name: uz['alerts.acknowledge'] }).click();
    await page.getByText(uz['alerts.none']).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
  it('a head finds a mass appeal as one matter and makes it one group', async () => {
    const text =
      'Mahallamizdagi bolalar maydonchasi yonida tunda mashinalar poyga qilmoqda, iltimos nazorat qiling.';
    for (const [i, lastName] of [
      'Olimov',
      'Sobirova',
      'Ergashev',
      'Hamidova',
      'Jurayev',
      'Rustamov',
    ].entries()) {
      const { number } = await t.fileAppeal({
        applicant: {
          kind: 'individual',
          lastName,
          firstName: 'Aziz',
          address: 'Yunusobod',
          phone: `+99890333000${i}`,
        },
        text: i % 2 ? `${text} Rahmat.` : text,
      });
      await triageNow(t, number);
    }
    // A seventh neighbour's appeal already leads a group of its own (another matter joined to it by a clerk):
    // it cannot join, and the head reads why in words, not as a code.
    const seventh = await t.fileAppeal({
      applicant: {
        kind: 'individual',
        lastName: 'Nurmatova',
        firstName: 'Aziz',
        address: 'Yunusobod',
        phone: '+998903330009',
      },
      text: `${text} Iltimos.`,
    });
    await triageNow(t, seventh.number);
    const other = await t.fileAppeal({ text: 'Koʻchamizdagi chiroqlar yonmaydi, qorongʻi.' });
    const clerk = await t.staff('alert-clerk', 'clerk', 'IIV-1726266', { scopeSubtree: true });
    const joinedByHand = await clerk.request({
      method: 'POST',
      url: `/api/v1/appeals/${other.number}/transitions`,
      payload: { action: 'join_group', into: seventh.number, reason: 'bir mahalla, bir masala' },
    });
    expect(joinedByHand.statusCode, joinedByHand.body).toBe(200);
    const { context, page } = await openConsole(browser, base, '/console/', problems);
    await signIn(page, 'alert-head');
    await page.getByRole('link', { name: uz['nav.campaigns'] }).click();
    await page.getByRole('heading', { name: uz['campaigns.title'] }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'poyga' });
    await row.waitFor();
    expect(await row.textContent()).toContain(
      uz['campaigns.sizeOf']
        .replace('{size}', '7')
        .replace('{applicants}', '7')
        .replace('{open}', '7')
        .replace('{grouped}', '0'),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'campaign');
    await row.getByRole('button', { name: uz['campaigns.group'] }).click();
    const joined = uz['campaigns.groupedResult']
      .replace('{lead}', 'IIV-2026-0000002')
      .replace('{joined}', '5')
      .replace('{skipped}', '1');
    await page.getByRole('status').filter({ hasText: joined }).waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: seventh.number })
      .getByText(uz['refusal.leads_a_group'])
      .waitFor();
    await screenshot(page, 'campaign-grouped');
    // The one left out is still work: the action stays on offer.
    await row.getByRole('button', { name: uz['campaigns.group'] }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
