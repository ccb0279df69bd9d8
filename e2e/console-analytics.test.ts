import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../src/app/testing/test-system.ts';
import { rerollDirtyDays } from '../src/server/analytics/daily-rollup.repository.ts';
import { FixedClock } from '../src/server/clock.ts';
import { launchBrowser } from '../src/server/testing/browser.ts';
import { buildConsole, openConsole, screenshot, seriousViolations, signIn, uz } from './console-helpers.ts';

// The head of Tashkent city opens Analytics, reads the districts side by side, goes down into Yunusobod and
// opens the appeals behind its "received" figure; the ministry's head opens the district maps of Samarkand and
// Tashkent regions on a desk and on a phone. In Debian's Chromium.

const clock = new FixedClock('2026-12-03T10:00:00Z');
let t: TestSystem;
let base: string;
let browser: Browser;
const problems: string[] = [];
const numbers: string[] = [];

beforeAll(async () => {
  await buildConsole();
  t = await startTestSystem({ clock });
  base = await t.listen();
  browser = await launchBrowser();
  await t.staff('hierarchy-head', 'head', 'IIV-1726', { scopeSubtree: true });
  await t.staff('map-leader', 'head', 'IIV', { scopeSubtree: true });
  await t.staff('ministry-analyst', 'analyst', 'IIV', { scopeSubtree: true });
  for (let i = 0; i < 2; i++) numbers.push((await t.fileAppeal()).number);
  // A few appeals in Samarkand and Tashkent regions, so their district maps have more than one shade.
  for (const [territory, count] of [
    ['1718401', 12],
    ['1718236', 6],
    ['1718203', 3],
    ['1727401', 8],
    ['1727248', 4],
    ['1727419', 2],
  ] as const) {
    for (let i = 0; i < count; i++) await t.fileAppeal({ territory });
  }
  // The hierarchy view sums the daily roll-up: its job re-rolls the days just changed.
  await rerollDirtyDays(t.system.ctx.db);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

describe('the hierarchy view in the console', () => {
  it('a city head goes down from the city to a district and opens the appeals behind a figure', async () => {
    const units = t.system.ctx.reference().units;
    const city = units.byCode('IIV-1726')?.names.uz ?? '';
    const district = units.byCode('IIV-1726266')?.names.uz ?? '';
    const { context, page } = await openConsole(browser, base, '/console/', problems);
    await signIn(page, 'hierarchy-head');
    await page.getByRole('link', { name: uz['nav.analytics'] }).click();
    await page.getByRole('heading', { name: uz['analytics.title'] }).waitFor();
    const districtRow = page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: district, exact: true }) });
    await districtRow.waitFor();
    expect(await districtRow.getByRole('cell').first().getByRole('link').first().textContent()).toBe('2');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'hierarchy-city');
    // On a phone the figures scroll sideways inside their frame and each row keeps its unit's name in view.
    await page.setViewportSize({ width: 390, height: 844 });
    const nameCell = districtRow.getByRole('rowheader');
    const frame = page.locator('.table-wrap').filter({ has: districtRow });
    const before = await nameCell.boundingBox();
    await frame.evaluate((el) => el.scrollBy({ left: 400 }));
    const after = await nameCell.boundingBox();
    expect(await frame.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    // (within the table's 1 px border: the sticky cell stops at the frame's edge)
    expect(Math.abs((after?.x ?? 0) - (before?.x ?? 99))).toBeLessThan(1);
    await districtRow.scrollIntoViewIfNeeded();
    await screenshot(page, 'hierarchy-city-390-scrolled');
    await frame.evaluate((el) => el.scrollTo({ left: 0 }));
    await page.setViewportSize({ width: 1366, height: 768 });

    // The map below: the city's appeals per 10,000, then down to its districts.
    const territories = t.system.ctx.reference().territories;
    const map = page.getByRole('region', { name: uz['map.title'] });
    const cityRow = map.getByRole('row').filter({ hasText: territories.get('1726')?.names.uz ?? '?' });
    expect(await cityRow.getByRole('cell').first().textContent()).toBe('2');
    await map.scrollIntoViewIfNeeded();
    await screenshot(page, 'hierarchy-map-regions');
    await cityRow.getByRole('link').first().click();
    const districts = page.getByRole('region', { name: /Toshkent/ });
    const yunusobod = districts
      .getByRole('row')
      .filter({ hasText: territories.get('1726266')?.names.uz ?? '?' });
    expect(await yunusobod.getByRole('cell').first().textContent()).toBe('2');
    await page.getByText(uz['map.regionPopulation']).waitFor();
    // Its districts drawn, hatched as rated by the city's population; Yangihayot has no outline yet.
    expect(await districts.locator('svg.map-svg g > path[fill^="#"]').count()).toBe(11);
    expect(await districts.locator('svg.map-svg path[fill="url(#map-hatch)"]').count()).toBe(11);
    const yangihayot = territories.get('1726292')?.names.uz ?? '?';
    await districts.getByText(uz['map.noOutline'].replace('{names}', yangihayot)).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await districts.scrollIntoViewIfNeeded();
    await screenshot(page, 'hierarchy-map-districts');

    await districtRow.getByRole('link', { name: district, exact: true }).click();
    await page
      .getByRole('navigation', { name: uz['analytics.breadcrumb'] })
      .getByRole('link', { name: city })
      .waitFor();
    const total = page.getByRole('row').filter({ hasText: uz['analytics.total'] });
    await total.getByRole('cell').first().getByRole('link').first().click();
    await page.waitForURL(/\/console\/queue\/all\?owner=IIV-1726266/);
    for (const number of numbers) await page.getByText(number).first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an analyst opens a link to this year’s view, and it shows this year without an error', async () => {
    const local: string[] = [];
    const { context, page } = await openConsole(browser, base, '/console/', local);
    page.on('response', (response) => {
      if (response.status() === 403) local.push(`403 ${response.request().method()} ${response.url()}`);
    });
    await signIn(page, 'ministry-analyst');
    await page.getByRole('link', { name: uz['nav.analytics'], exact: true }).waitFor();
    await page.goto(`${base}/console/analytics?period=year`);
    await page.getByRole('heading', { name: uz['analytics.title'] }).waitFor();
    expect(await page.getByLabel(uz['analytics.period'], { exact: true }).inputValue()).toBe('year');
    await page.getByRole('row').filter({ hasText: uz['analytics.total'] }).first().waitFor();
    expect(local).toEqual([]);
    await context.close();
  });

  it('a ministry head opens the district maps of Samarkand and Tashkent regions, on a desk and on a phone', async () => {
    const territories = [...t.system.ctx.reference().territories.values()];
    const { context, page } = await openConsole(browser, base, '/console/', problems);
    await signIn(page, 'map-leader');
    await page.getByRole('link', { name: uz['nav.analytics'], exact: true }).click();
    for (const [code, shot] of [
      ['1718', 'map-districts-samarqand'],
      ['1727', 'map-districts-toshkent-viloyati'],
    ] as const) {
      const name = territories.find((r) => r.code === code)?.names.uz ?? '?';
      const regions = page.getByRole('region', { name: uz['map.title'] });
      await regions.getByRole('row').filter({ hasText: name }).getByRole('link').first().click();
      const districts = page.getByRole('region', { name: new RegExp(name) });
      const drawn = districts.locator('svg.map-svg g > path[fill^="#"]');
      await drawn.first().waitFor();
      // Every district and city of these two regions has an outline.
      expect(await drawn.count()).toBe(territories.filter((d) => d.parentCode === code).length);
      expect(await seriousViolations(page)).toEqual([]);
      await districts.locator('svg.map-svg').scrollIntoViewIfNeeded();
      await screenshot(page, shot);
      await page.setViewportSize({ width: 390, height: 844 });
      await districts.locator('svg.map-svg').scrollIntoViewIfNeeded();
      await screenshot(page, `${shot}-390`);
      await page.setViewportSize({ width: 1366, height: 768 });
      await districts.getByRole('link', { name: uz['map.allRegions'] }).click();
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
