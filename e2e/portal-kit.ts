import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { z } from 'zod';
import type { TestSystem } from '../src/app/testing/test-system.ts';

export { answerThroughApi, type Staff, staffOf } from '../src/app/testing/answer-appeal.ts';

// What the portal's browser journeys share: staff who answer through the API, axe-core, screenshots.

/** Where the journeys leave their 360 px screenshots (git-ignored). */
export const screenshotFolder = new URL('../test-results/portal-screenshots/', import.meta.url);

/** A full-page screenshot for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, screenshotFolder).pathname, fullPage: true });
}

/** The appeal number and access code shown on the confirmation page. */
export async function codesOnPage(page: Page): Promise<{ number: string; accessCode: string }> {
  const number = ((await page.locator('#appeal-number').textContent()) ?? '').trim();
  const accessCode = ((await page.locator('#access-code').textContent()) ?? '').trim();
  expect(number).toMatch(/^IIV-\d{4}-\d{7}$/);
  expect(accessCode).toMatch(/^[0-9A-Z]{8}$/);
  return { number, accessCode };
}

/** The forms of the portal's pages, by what they do. */
export const forms = {
  appeal: '#appeal-form',
  track: 'main form[action$="/track"]',
  rate: 'main form[action$="/rate"]',
} as const;

/** Clicks a form's submit button and waits for the page the server answers with. */
export async function submitAndWait(page: Page, form: string, url?: RegExp): Promise<void> {
  const button = page.locator(`${form} button[type=submit]`);
  if (url) await Promise.all([page.waitForURL(url, { waitUntil: 'load' }), button.click()]);
  else await Promise.all([page.waitForEvent('load'), button.click()]);
}

/** Downloads what a link points to and returns the bytes. */
export async function download(page: Page, selector: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const where = await file.path();
  return readFile(where);
}

/** Files an appeal through the JSON API (for journeys that start at tracking). */
export async function fileThroughApi(
  t: TestSystem,
  text: string,
): Promise<{ number: string; accessCode: string }> {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/appeals',
    payload: {
      type: 'ariza',
      applicant: {
        kind: 'individual',
        lastName: 'Rahimova',
        firstName: 'Dilnoza',
        address: 'Toshkent sh., Yunusobod tumani, 12-uy',
      },
      text,
      territory: '1726266',
      consent: true,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ number: string; accessCode: string }>();
}

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const violationsSchema = z.array(
  z.object({ id: z.string(), impact: z.string().nullable(), help: z.string(), nodes: z.array(z.string()) }),
);
/** One accessibility problem axe-core found. */
export type Violation = z.infer<typeof violationsSchema>[number];

/**
 * Runs axe-core in the page. It is evaluated through the DevTools protocol, which the page's strict CSP
 * does not govern, so the page is tested exactly as it is served.
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(await axeSource);
  const raw = await page.evaluate(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')),
    })))`,
  );
  return violationsSchema.parse(raw);
}

/** Only the problems that block people: serious and critical. */
export function blocking(violations: Violation[]): Violation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A phone-sized browser tab, with or without JavaScript. */
export async function phone(
  browser: Browser,
  javaScriptEnabled: boolean,
  width = 360,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width, height: 740 },
    javaScriptEnabled,
    acceptDownloads: true,
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return { context, page };
}
