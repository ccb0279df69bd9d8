import { mkdir } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../src/app/testing/test-system.ts';
import { type CitizenLanguage, citizenLanguages } from '../src/contracts/enums.ts';
import { launchBrowser } from '../src/server/testing/browser.ts';
import {
  answerThroughApi,
  axeViolations,
  blocking,
  fileThroughApi,
  forms,
  phone,
  screenshot,
  screenshotFolder,
  staffOf,
  submitAndWait,
  type Violation,
} from './portal-kit.ts';

// Every page in every language: axe-core finds nothing serious or critical, nothing scrolls sideways at
// 320 px with text at 200 %, and the landmarks a screen reader jumps between are there.

let t: TestSystem;
let base: string;
let browser: Browser;
let answered: { number: string; accessCode: string };
let fresh: { number: string; accessCode: string };

beforeAll(async () => {
  [t, browser] = await Promise.all([
    startTestSystem(),
    launchBrowser(),
    mkdir(screenshotFolder, { recursive: true }),
  ]);
  base = await t.listen();
  const staff = await staffOf(t);
  fresh = await fileThroughApi(t, 'Qoʻshnim har kecha baland ovozda musiqa qoʻyadi, uxlab boʻlmayapti.');
  answered = await fileThroughApi(t, 'Pasportimni yoʻqotib qoʻydim, yangisini qanday olsam boʻladi?');
  await answerThroughApi(
    staff,
    answered.number,
    'Yangi pasport olish uchun yashash joyingizdagi migratsiya boʻlimiga murojaat qiling.',
  );
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

/**
 * Opens a tab that has entered the codes of both appeals, so their pages can be shown. Without the portal's
 * script the tab still runs JavaScript, so axe-core can test the page exactly as the server drew it.
 */
async function trackingTab(
  portalScript: boolean,
  width = 360,
): Promise<{ context: BrowserContext; page: Page }> {
  const tab = await phone(browser, true, width);
  if (!portalScript) await tab.context.route(/\/assets\/portal\.[0-9a-f]+\.js$/, (route) => route.abort());
  for (const appeal of [fresh, answered]) {
    await tab.page.goto(`${base}/uz/track`);
    await tab.page.fill('#f-number', appeal.number);
    await tab.page.fill('#f-accessCode', appeal.accessCode);
    await submitAndWait(tab.page, forms.track, new RegExp(`/track/${appeal.number}$`));
  }
  return tab;
}

/** The pages to check in one language, each reached the way a person reaches it. */
function pagesOf(lang: CitizenLanguage): { name: string; open: (page: Page) => Promise<unknown> }[] {
  const go = (path: string) => (page: Page) => page.goto(`${base}/${lang}${path}`);
  return [
    { name: 'home', open: go('/') },
    { name: 'form', open: go('/appeal') },
    {
      name: 'form-errors',
      open: async (page) => {
        await page.goto(`${base}/${lang}/appeal`);
        await page.fill('#f-text', 'Qisqa');
        await submitAndWait(page, forms.appeal);
      },
    },
    { name: 'sent', open: go(`/appeal/sent/${fresh.number}`) },
    { name: 'track', open: go('/track') },
    {
      name: 'track-error',
      open: async (page) => {
        await page.goto(`${base}/${lang}/track`);
        await page.fill('#f-number', 'IIV-2026-9999999');
        await page.fill('#f-accessCode', 'ABCDEFGH');
        await submitAndWait(page, forms.track);
      },
    },
    { name: 'status', open: go(`/track/${fresh.number}`) },
    { name: 'answer', open: go(`/track/${answered.number}`) },
    { name: 'complaint', open: go(`/appeal?complaint=${answered.number}`) },
    { name: 'not-found', open: go('/no-such-page') },
  ];
}

function describeViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.join(', ')}`).join('\n');
}

// Each test walks dozens of pages; a loaded machine running the other suites beside it needs the room.
const slow = { timeout: 180_000 };

describe('accessibility', () => {
  it(
    'has no serious or critical axe-core violations on any page, in any language, with JavaScript on (and shows them at 360 px)',
    slow,
    async () => {
      const { context, page } = await trackingTab(true);
      const found: string[] = [];
      for (const lang of citizenLanguages) {
        for (const { name, open } of pagesOf(lang)) {
          await open(page);
          if (lang === 'uz' || lang === 'ru') await screenshot(page, `${lang}-360-${name}`);
          const bad = blocking(await axeViolations(page));
          if (bad.length > 0) found.push(`${lang} ${name}:\n${describeViolations(bad)}`);
        }
      }
      expect(found.join('\n\n')).toBe('');
      await context.close();
    },
  );

  it('has none without JavaScript either, on the pages the script changes', slow, async () => {
    const { context, page } = await trackingTab(false);
    const found: string[] = [];
    const changedByScript = new Set(['form', 'form-errors', 'complaint', 'sent']);
    for (const lang of ['uz', 'ru'] as const) {
      for (const { name, open } of pagesOf(lang).filter((p) => changedByScript.has(p.name))) {
        await open(page);
        const bad = blocking(await axeViolations(page));
        if (bad.length > 0) found.push(`${lang} ${name}:\n${describeViolations(bad)}`);
      }
    }
    expect(found.join('\n\n')).toBe('');
    await context.close();
  });

  it('gives every page a banner, navigation, main and footer landmark, and one h1', slow, async () => {
    const { context, page } = await trackingTab(false);
    for (const { name, open } of pagesOf('oz')) {
      await open(page);
      const landmarks = await page.evaluate(() => ({
        banner: document.querySelectorAll('body > header').length,
        nav: document.querySelectorAll('nav[aria-label]').length,
        main: document.querySelectorAll('main#main').length,
        footer: document.querySelectorAll('body > footer').length,
        h1: document.querySelectorAll('h1').length,
      }));
      expect(landmarks, name).toEqual({ banner: 1, nav: 2, main: 1, footer: 1, h1: 1 });
    }
    await context.close();
  });
});

describe('small screens and large text', () => {
  it('never scrolls sideways at 320 px wide, even with text at 200 %', slow, async () => {
    const { context, page } = await trackingTab(true, 320);
    const overflowing: string[] = [];
    for (const lang of ['uz', 'oz', 'ru', 'kaa'] as const) {
      for (const { name, open } of pagesOf(lang)) {
        await open(page);
        for (const size of ['100%', '200%']) {
          const { scroll, client } = await page.evaluate((fontSize) => {
            document.documentElement.style.fontSize = fontSize;
            return {
              scroll: document.documentElement.scrollWidth,
              client: document.documentElement.clientWidth,
            };
          }, size);
          if (scroll > client) overflowing.push(`${lang} ${name} at ${size}: ${scroll} > ${client}`);
        }
        if (lang === 'oz' && ['form', 'sent', 'answer'].includes(name))
          await screenshot(page, `oz-320-zoom200-${name}`);
      }
    }
    expect(overflowing).toEqual([]);
    await context.close();
  });
});
