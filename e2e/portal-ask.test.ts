import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../src/app/testing/test-system.ts';
import { launchBrowser } from '../src/server/testing/browser.ts';
import { axeViolations, blocking, phone, screenshot, screenshotFolder } from './portal-kit.ts';

// The chatbot's page, as a person on a phone without JavaScript uses it: a question in Uzbek Latin answered
// from the knowledge base with the article named, "was this helpful?", a question nobody answered handed to
// a person, a threat to life answered with 102 / 112 first; and axe-core finds nothing that blocks people.

let t: TestSystem;
let base: string;
let browser: Browser;

const askForm = 'main form[action$="/ask"]';

beforeAll(async () => {
  [t, browser] = await Promise.all([
    startTestSystem(),
    launchBrowser(),
    mkdir(screenshotFolder, { recursive: true }),
  ]);
  base = await t.listen();
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function submit(page: Page, form: string, button = 'button[type=submit]'): Promise<void> {
  await Promise.all([page.waitForEvent('load'), page.click(`${form} ${button}`)]);
}

async function ask(page: Page, lang: string, question: string): Promise<void> {
  await page.goto(`${base}/${lang}/ask`);
  await page.fill(`${askForm} textarea[name=question]`, question);
  await submit(page, askForm);
}

describe('the chatbot page without JavaScript', () => {
  it('answers, takes feedback and hands a question to a person at 360 px', { timeout: 120_000 }, async () => {
    const { context, page } = await phone(browser, false);

    await ask(page, 'uz', 'Murojaatimga qachon javob berishadi?');
    await expect.poll(() => page.locator('main h2#answer-title').textContent()).toContain('muddatda');
    expect(await page.locator('main .pre').textContent()).toContain('15 kun');
    expect(await page.locator('main small').textContent()).toContain('Manba:');
    expect(await page.locator('main a[href="/uz/appeal"]').count()).toBe(1);
    await screenshot(page, 'uz-360-ask-answer');
    await submit(page, 'main form[action$="/ask/feedback"]', 'button[value=yes]');
    expect(page.url()).toMatch(/\/uz\/ask\?done=feedback$/);
    expect(await page.locator('main [role=status]').textContent()).toContain('Rahmat');

    await ask(page, 'ru', 'бла бла кракозябра');
    expect(await page.locator('main h2#answer-title').textContent()).toBe('Ответ не найден');
    // The hand-off is open when nothing answered, with the question already in it.
    expect(await page.locator('details#handoff').getAttribute('open')).not.toBeNull();
    expect(await page.inputValue('#f-message')).toBe('бла бла кракозябра');
    await page.fill('#f-contact', '+998 90 123 45 67');
    await screenshot(page, 'ru-360-ask-no-answer');
    await submit(page, 'main form[action$="/ask/handoff"]');
    expect(page.url()).toMatch(/\/ru\/ask\?done=handoff$/);
    expect(await page.locator('main [role=status]').textContent()).toContain('оператору');

    const operator = await t.staff('ask-operator', 'operator', 'IIV', { scopeSubtree: true });
    const tasks = await operator.request({ method: 'GET', url: '/api/v1/chat/handoffs' });
    expect(tasks.json()).toContainEqual(
      expect.objectContaining({ question: 'бла бла кракозябра', contact: '+998 90 123 45 67' }),
    );

    await ask(page, 'oz', 'Қўшним мени ўлдираман деб пичоқ билан қўрқитяпти');
    const firstPanel = page.locator('main section').first();
    expect(await firstPanel.getAttribute('class')).toBe('warning');
    expect(await firstPanel.textContent()).toContain('102');
    await context.close();
  });

  it('with JavaScript, sends the question on Enter and gives the answer the focus', async () => {
    const { context, page } = await phone(browser, true);
    await page.goto(`${base}/ru/ask`);
    const question = page.locator(`${askForm} textarea[name=question]`);
    await question.fill('Какие документы нужны?');
    await Promise.all([page.waitForEvent('load'), question.press('Enter')]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('answer-title');
    expect(await page.locator('#answer-title').textContent()).toContain('документы');
    await context.close();
  });

  it('has no serious or critical axe-core violations and no sideways scroll at 360 px', async () => {
    // JavaScript on for axe-core alone: the portal's own script is kept out, so the page is as drawn.
    const { context, page } = await phone(browser, true);
    await context.route(/\/assets\/portal\.[0-9a-f]+\.js$/, (route) => route.abort());
    const found: string[] = [];
    const check = async (name: string) => {
      const bad = blocking(await axeViolations(page));
      if (bad.length > 0)
        found.push(`${name}: ${bad.map((v) => `${v.id} at ${v.nodes.join(', ')}`).join('; ')}`);
      const { scroll, client } = await page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      if (scroll > client) found.push(`${name}: scrolls sideways ${scroll} > ${client}`);
    };
    await page.goto(`${base}/en/ask`);
    await check('empty');
    await ask(page, 'en', 'How can I track my appeal?');
    await check('answered');
    await ask(page, 'en', 'zzqx wibble');
    await check('unanswered');
    await page.goto(`${base}/en/ask`);
    await page.fill(`${askForm} textarea[name=question]`, '');
    await submit(page, askForm);
    await check('error');
    expect(found).toEqual([]);
    await context.close();
  });
});
