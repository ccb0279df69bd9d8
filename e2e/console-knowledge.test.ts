import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../src/app/testing/test-system.ts';
import { askResultSchema } from '../src/contracts/knowledge.schema.ts';
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

// The chatbot's other side, in Debian's Chromium: an administrator reads a question nobody answered and
// writes the article it lacked, after which the chatbot answers it; an operator calls back a person who
// asked for one and marks it done.

let t: TestSystem;
let base: string;
let browser: Browser;
const problems: string[] = [];

beforeAll(async () => {
  await buildConsole();
  t = await startTestSystem();
  base = await t.listen();
  browser = await launchBrowser();
  await t.staff('kb-admin', 'admin', 'IIV', { scopeSubtree: true });
  await t.staff('kb-operator', 'operator', 'IIV', { scopeSubtree: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function ask(question: string) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/chat/ask',
    payload: { question, language: 'uz' },
  });
  return askResultSchema.parse(response.json());
}

describe('the knowledge base in the console', () => {
  it('an administrator writes the article an unanswered question lacked, and the chatbot then answers it', async () => {
    const question = 'Haydovchilik guvohnomasini almashtirish tartibi';
    expect((await ask(question)).article).toBeNull();

    const { context, page } = await openConsole(browser, base, '/console/admin/knowledge', problems);
    await signIn(page, 'kb-admin');
    await page.getByRole('heading', { name: uz['knowledge.unanswered'] }).waitFor();
    const row = page.getByRole('row').filter({ hasText: question });
    await row.getByRole('button', { name: uz['knowledge.writeArticle'] }).click();
    expect(await field(page, uz['knowledge.keywords']).inputValue()).toBe(question);
    await field(page, uz['knowledge.articleTitle']).fill('Haydovchilik guvohnomasi');
    await field(page, uz['knowledge.body']).fill(
      'Haydovchilik guvohnomasini almashtirish uchun davlat xizmatlari markaziga murojaat qiling.',
    );
    await screenshot(page, 'knowledge-new-article');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: uz['app.save'] }).click();
    // The unanswered question's own row holds these words too, so the list is no sign the save is done: the
    // chatbot's answer is.
    await expect
      .poll(async () => (await ask('guvohnomani almashtirish')).article?.title, { timeout: 15_000 })
      .toBe('Haydovchilik guvohnomasi');

    await row.getByRole('button', { name: uz['knowledge.dismiss'] }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an operator sees a person who asked for a human, with the contact, and marks it done', async () => {
    const answer = await ask('Menga xodim qoʻngʻiroq qilsin, murakkab masala');
    const handoff = await t.request({
      method: 'POST',
      url: '/api/v1/chat/handoff',
      payload: { askId: answer.askId, contact: '+998901112233' },
    });
    expect(handoff.statusCode, handoff.body).toBe(201);

    const { context, page } = await openConsole(browser, base, '/console/', problems);
    await signIn(page, 'kb-operator');
    await page.getByRole('link', { name: uz['nav.handoffs'] }).click();
    await page.getByRole('heading', { name: uz['handoffs.title'] }).waitFor();
    const row = page.getByRole('row').filter({ hasText: '+998901112233' });
    await expect.poll(() => row.textContent()).toContain('murakkab masala');
    await screenshot(page, 'knowledge-handoffs');
    expect(await seriousViolations(page)).toEqual([]);
    await row.getByRole('button', { name: uz['handoffs.markDone'] }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
