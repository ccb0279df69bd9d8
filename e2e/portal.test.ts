import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestSystem, type TestSystem } from '../src/app/testing/test-system.ts';
import { tinyPng } from '../src/portal/testing.ts';
import { letterCode } from '../src/server/templates/letter-verification.ts';
import { launchBrowser } from '../src/server/testing/browser.ts';
import {
  answerThroughApi,
  codesOnPage,
  download,
  fileThroughApi,
  forms,
  phone,
  type Staff,
  screenshot,
  screenshotFolder,
  staffOf,
  submitAndWait,
} from './portal-kit.ts';

// Journeys a citizen makes through the portal, in Debian's Chromium against a listening server, with
// JavaScript switched off (the pages must work alone) and on (it only enhances them).

// Browser journeys on a loaded machine (other suites run beside them) get more room than unit tests.
vi.setConfig({ testTimeout: 60_000 });

let t: TestSystem;
let base: string;
let browser: Browser;
let staff: Staff;

beforeAll(async () => {
  [t, browser] = await Promise.all([
    startTestSystem(),
    launchBrowser(),
    mkdir(screenshotFolder, { recursive: true }),
  ]);
  base = await t.listen();
  staff = await staffOf(t);
});
afterAll(async () => {
  await browser?.close();
  await t?.stop();
});

async function goto(page: Page, path: string): Promise<void> {
  await page.goto(`${base}${path}`);
}

async function appealRow(number: string) {
  return t.system.ctx.db
    .selectFrom('appeals')
    .select(['id', 'applicant_kind', 'status', 'parent_id', 'link_kind', 'owner_unit_id', 'type'])
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
}

describe('filing an appeal', () => {
  it('files as an individual in Uzbek Latin without JavaScript, fixes an error without losing the text, and downloads the receipt', async () => {
    const { context, page } = await phone(browser, false);
    const text =
      'Kecha kechqurun Yunusobod tumanidagi bozorda hamyonimni oʻgʻirlab ketishdi. Iltimos, yordam bering.';
    await goto(page, '/uz/appeal');
    await page.fill('#f-applicant-lastName', 'Karimov');
    await page.fill('#f-applicant-firstName', 'Aziz');
    await page.fill('#f-text', text);
    await page.selectOption('#f-territory', '1726266');
    await page.check('#f-consent');
    await submitAndWait(page, forms.appeal);

    await expect(page.title()).resolves.toMatch(/^Xato:/);
    const summary = await page.locator('.error-summary').textContent();
    expect(summary).toContain('Yashash joyi yoki tashkilotning pochta manzili');
    expect(await page.locator('#f-applicant-address-error').isVisible()).toBe(true);
    expect(await page.inputValue('#f-text')).toBe(text);
    expect(await page.inputValue('#f-applicant-lastName')).toBe('Karimov');
    expect(await page.inputValue('#f-territory')).toBe('1726266');
    await screenshot(page, 'uz-nojs-form-errors');

    await page.fill('#f-applicant-address', 'Toshkent sh., Yunusobod tumani, 5-kvartal, 12-uy');
    await submitAndWait(page, forms.appeal, /\/uz\/appeal\/sent\/IIV-/);
    const { number } = await codesOnPage(page);
    expect(await page.locator('h1').textContent()).toBe('Murojaatingiz qabul qilindi');
    expect(await page.locator('.steps').textContent()).toMatch(/gacha/);
    await screenshot(page, 'uz-nojs-sent');

    const receipt = await download(page, 'a[href$="/receipt.pdf"]');
    expect(receipt.subarray(0, 5).toString()).toBe('%PDF-');
    expect(receipt.toString('latin1')).toContain(number);
    expect((await appealRow(number)).applicant_kind).toBe('individual');
    await context.close();
  });

  it('files as a legal entity in Russian with JavaScript, attaching a file that is sent with progress', async () => {
    const { context, page } = await phone(browser, true);
    const xhrPosts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.resourceType() === 'xhr') xhrPosts.push(request.url());
    });
    const text = 'Прошу проверить законность парковки грузовиков у нашего склада: они перекрывают выезд.';
    await goto(page, '/ru/appeal');
    await page.check('#f-applicant-kind-legal_entity');
    expect(await page.locator('.for-person').isHidden()).toBe(true);
    await page.fill('#f-applicant-address', 'г. Ташкент, Юнусабадский район, ул. Амира Темура, 107');
    await page.fill('#f-text', text);
    await page.selectOption('#f-territory', { label: 'город Ташкент' });
    await page.selectOption('#f-territory-district', '1726266');
    await page.check('#f-consent');
    await page.setInputFiles('#f-files', { name: 'photo.png', mimeType: 'image/png', buffer: tinyPng });
    await Promise.all([
      page.locator('.error-summary').waitFor(),
      page.click('#appeal-form button[type=submit]'),
    ]);

    // The organisation's name was missing: the XHR answer replaced the page, nothing typed was lost.
    expect(await page.locator('.error-summary').textContent()).toContain('Полное наименование организации');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    expect(await page.inputValue('#f-text')).toBe(text);
    expect(await page.inputValue('#f-territory-district')).toBe('1726266');
    await screenshot(page, 'ru-js-form-errors');

    await page.fill('#f-applicant-organization', 'ООО «Юнусабад Логистик»');
    await page.setInputFiles('#f-files', { name: 'photo.png', mimeType: 'image/png', buffer: tinyPng });
    await submitAndWait(page, forms.appeal, /\/ru\/appeal\/sent\/IIV-/);
    expect(xhrPosts.length).toBe(2);
    const { number } = await codesOnPage(page);
    await screenshot(page, 'ru-js-sent');
    const row = await appealRow(number);
    expect(row.applicant_kind).toBe('legal_entity');
    const files = await t.system.ctx.db
      .selectFrom('attachments')
      .select(['mime', 'filename'])
      .where('appeal_id', '=', row.id)
      .execute();
    expect(files).toEqual([{ mime: 'image/png', filename: 'photo.png' }]);
    await context.close();
  });

  it('files anonymously in Uzbek Cyrillic without JavaScript, is told what that means, and tracks it', async () => {
    const { context, page } = await phone(browser, false);
    await goto(page, '/');
    await goto(page, '/oz/appeal');
    await page.check('#f-applicant-kind-anonymous');
    await page.fill('#f-text', 'Маҳалламизда кечалари ёшлар тўпланиб, жамоат тартибини бузишмоқда.');
    await page.check('#f-consent');
    await submitAndWait(page, forms.appeal, /\/oz\/appeal\/sent\/IIV-/);
    const { number, accessCode } = await codesOnPage(page);
    expect(await page.locator('.steps').textContent()).toContain('аноним');
    await screenshot(page, 'oz-nojs-sent-anonymous');
    expect((await appealRow(number)).applicant_kind).toBe('anonymous');

    await context.clearCookies();
    await goto(page, '/oz/track');
    await page.fill('#f-number', number);
    await page.fill('#f-accessCode', accessCode.toLowerCase());
    await submitAndWait(page, forms.track, new RegExp(`/oz/track/${number}$`));
    expect(await page.locator('h1').textContent()).toBe(`${number}-сонли мурожаат`);
    expect(await page.locator('.summary').first().textContent()).toContain('хулоса');
    await screenshot(page, 'oz-nojs-status');
    await context.close();
  });
});

describe('in Karakalpak', () => {
  it('files in Karakalpak without JavaScript on a 320 px phone, gets the receipt and tracks the appeal', async () => {
    const { context, page } = await phone(browser, false, 320);
    await goto(page, '/kaa/appeal');
    expect(await page.getAttribute('html', 'lang')).toBe('kaa');
    expect(await page.locator('h1').textContent()).toBe('Murájat jiberiw');
    await page.fill('#f-applicant-lastName', 'Seytmuratov');
    await page.fill('#f-applicant-firstName', 'Aybek');
    await page.fill('#f-applicant-address', 'Nókis qalası, Dosnazarov kóshesi, 12-úy');
    await page.fill(
      '#f-text',
      'Keshe keshte Nókis qalasındaǵı bazarda sumkamdı urlap ketti. Ótinish, járdem beriń.',
    );
    await page.selectOption('#f-territory', '1735401');
    await page.check('#f-consent');
    await submitAndWait(page, forms.appeal, /\/kaa\/appeal\/sent\/IIV-/);
    const { number, accessCode } = await codesOnPage(page);
    expect(await page.locator('h1').textContent()).toBe('Murájatıńız qabıl etildi');
    const sideways = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(sideways).toBe(0);
    await screenshot(page, 'kaa-nojs-320-sent');
    const receipt = await download(page, 'a[href$="/receipt.pdf"]');
    expect(receipt.subarray(0, 5).toString()).toBe('%PDF-');
    const row = await t.system.ctx.db
      .selectFrom('appeals')
      .select(['answer_language', 'territory_code'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ answer_language: 'kaa', territory_code: '1735401' });

    await context.clearCookies();
    await goto(page, '/kaa/track');
    await page.fill('#f-number', number);
    await page.fill('#f-accessCode', accessCode);
    await submitAndWait(page, forms.track, new RegExp(`/kaa/track/${number}$`));
    expect(await page.locator('h1').textContent()).toBe(`${number} nomerli murájat`);
    await screenshot(page, 'kaa-nojs-320-status');
    await context.close();
  });
});

describe('after the answer', () => {
  it('tracks in Russian without JavaScript, reads the answer given through the API, rates it and complains to the higher unit', async () => {
    const appeal = await fileThroughApi(t, 'Сосед систематически шумит по ночам, участковый не реагирует.');
    const answer =
      'Участковый инспектор провёл беседу с соседом и составил протокол. Повторные нарушения будут пресекаться.';
    await answerThroughApi(staff, appeal.number, answer);

    const { context, page } = await phone(browser, false);
    await goto(page, '/ru/track');
    await page.fill('#f-number', appeal.number);
    await page.fill('#f-accessCode', 'WRONG123');
    await submitAndWait(page, forms.track);
    expect(await page.locator('.error-summary').textContent()).toContain('не найдено');
    await page.fill('#f-accessCode', appeal.accessCode);
    await submitAndWait(page, forms.track, new RegExp(`/ru/track/${appeal.number}$`));
    expect(await page.locator('.summary').first().textContent()).toContain('Ответ дан.');
    expect(await page.locator('.answer-body').textContent()).toBe(answer);
    expect(await page.locator('.timeline').textContent()).toContain('Дан ответ');
    await screenshot(page, 'ru-nojs-answer');

    const pdf = await download(page, 'a[href$="/answer.pdf"]');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    await page.check('#f-rating-2');
    await page.fill('#f-comment', 'Шум продолжается.');
    await submitAndWait(page, forms.rate);
    expect(await page.locator('main').textContent()).toContain('Ваша оценка: 2 из 5');

    await page.click('text=Написать жалобу');
    expect(await page.locator('h1').textContent()).toBe('Жалоба на ответ');
    expect(await page.locator('input[name="type"][value="shikoyat"]').isChecked()).toBe(true);
    // Who proved the number and code continues as the original applicant: nothing personal to type again.
    expect(await page.locator('.continuing').textContent()).toContain('Заявитель:');
    expect(await page.locator('#f-applicant-lastName').count()).toBe(0);
    await screenshot(page, 'ru-nojs-complaint-form');
    await page.fill(
      '#f-text',
      'Ответ не решает проблему: шум продолжается каждую ночь. Прошу проверить работу участкового.',
    );
    await page.check('#f-consent');
    await submitAndWait(page, forms.appeal, /\/ru\/appeal\/sent\/IIV-/);
    const complaint = await codesOnPage(page);
    await screenshot(page, 'ru-nojs-complaint-sent');

    const original = await appealRow(appeal.number);
    const row = await appealRow(complaint.number);
    expect(row).toMatchObject({
      type: 'shikoyat',
      parent_id: original.id,
      link_kind: 'complaint',
      status: 'assigned',
    });
    const units = t.system.ctx.reference().units;
    expect(units.byId(row.owner_unit_id ?? 0)?.code).toBe('IIV-1726-APP');
    await context.close();
  });

  it('follows the receipt’s QR link in Uzbek Latin with JavaScript, rates the answer and opens a complaint', async () => {
    const appeal = await fileThroughApi(
      t,
      'Mashinam oldidagi yoʻlda svetofor ishlamayapti, avariya xavfi bor.',
    );
    await answerThroughApi(staff, appeal.number, 'Svetofor taʼmirlandi, rahmat.');
    const { context, page } = await phone(browser, true);
    await goto(page, `/uz/track?number=${appeal.number}#code=${appeal.accessCode}`);
    expect(await page.inputValue('#f-accessCode')).toBe(appeal.accessCode);
    expect(new URL(page.url()).hash).toBe('');
    await submitAndWait(page, forms.track, new RegExp(`/uz/track/${appeal.number}$`));
    expect(await page.locator('.answer-body').textContent()).toBe('Svetofor taʼmirlandi, rahmat.');
    await page.check('#f-rating-5');
    await submitAndWait(page, forms.rate);
    expect(await page.locator('main').textContent()).toContain('Siz qoʻygan baho: 5 / 5');
    await screenshot(page, 'uz-js-rated');

    await page.click('text=Shikoyat yozish');
    expect(await page.locator('h1').textContent()).toBe('Javob ustidan shikoyat');
    expect(await page.locator('input[name="relatedTo.number"]').inputValue()).toBe(appeal.number);
    await context.close();
  });
});

describe('what a citizen types and keeps', () => {
  it('in Uzbek Cyrillic without JavaScript: a number typed loosely, the last change, a rating sent empty, the letter and its check', async () => {
    const appeal = await fileThroughApi(
      t,
      'Кўчамиздаги светофор бир ҳафтадан бери ишламаяпти, болалар йўлдан ўтолмаяпти.',
    );
    await answerThroughApi(staff, appeal.number, 'Светофор таъмирланди, эътиборингиз учун раҳмат.');
    const { context, page } = await phone(browser, false);

    // The number as someone types it from an SMS on a Cyrillic keyboard: prefix in Cyrillic, no zeros.
    const [, year, seq] = appeal.number.split('-');
    await goto(page, '/oz/track');
    await page.fill('#f-number', `иив ${year} ${Number(seq)}`);
    await page.fill('#f-accessCode', appeal.accessCode.toLowerCase());
    await submitAndWait(page, forms.track, new RegExp(`/oz/track/${appeal.number}$`));
    expect(await page.locator('.summary').first().textContent()).toContain('Охирги ўзгариш');
    const heading = await page.locator('h1 .whole').boundingBox();
    expect(heading?.height ?? 0).toBeLessThan(60); // the number on one line, not broken at a dash

    // A rating sent without a choice: the summary is at the top, and it has the focus.
    await page.click(`${forms.rate} button[type=submit]`);
    await page.waitForLoadState('load');
    await expect(page.title()).resolves.toMatch(/^Хато:/);
    // "At the top": whole on the first screen, and before every part of the page that holds a field (the
    // header above it grew by a line at 360 px when Karakalpak joined the language links).
    const summaryBox = await page.locator('.error-summary').boundingBox();
    expect((summaryBox?.y ?? 9999) + (summaryBox?.height ?? 0)).toBeLessThan(740);
    const beforeEveryField = await page.evaluate(() => {
      const summary = document.querySelector('.error-summary');
      const fields = [...document.querySelectorAll('main input, main select, main textarea, main button')];
      return (
        summary !== null &&
        fields.every((f) => (summary.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0)
      );
    });
    expect(beforeEveryField).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    await screenshot(page, 'oz-nojs-rating-error');

    // The letter is the formal one; its check code proves it on the verify page, typed as printed.
    const pdf = await download(page, 'a[href$="/answer.pdf"]');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const answer = await t.ownerDb
      .selectFrom('answers')
      .innerJoin('appeals', 'appeals.id', 'answers.appeal_id')
      .select('answers.id')
      .where('appeals.number', '=', appeal.number)
      .where('answers.status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const code = letterCode(t.system.ctx.protector, appeal.number, answer.id);
    await context.clearCookies();
    await goto(page, '/oz/verify');
    await page.fill('#f-number', appeal.number);
    await page.fill('#f-code', code.toLowerCase());
    await submitAndWait(page, 'main form[action$="/verify"]');
    expect(await page.locator('.panel-success h2').textContent()).toBe('Хат ҳақиқий');
    await screenshot(page, 'oz-nojs-verify');
    await context.close();
  });
});

describe('enhancements', () => {
  it('keeps a draft in the browser, counts characters and suggests a category while typing', async () => {
    const { context, page } = await phone(browser, true);
    await goto(page, '/en/appeal');
    expect(await page.locator('#text-counter').textContent()).toBe('0 of 10,000 characters');
    const text = 'Yesterday at the bazaar somebody stole my wallet and my phone from my bag.';
    await page.locator('#f-text').pressSequentially(text, { delay: 5 });
    expect(await page.locator('#text-counter').textContent()).toBe(`${text.length} of 10,000 characters`);
    await page.locator('#category-suggestion').waitFor({ state: 'visible', timeout: 5000 });
    expect(await page.locator('#category-suggestion strong').textContent()).toBe('Theft and robbery');
    await screenshot(page, 'en-js-suggestion');
    await page.click('#category-suggestion button');
    expect(await page.inputValue('#f-category')).toBe('theft');
    await page.fill('#f-applicant-lastName', 'Smith');
    await page.waitForTimeout(600);

    await page.reload();
    expect(await page.locator('#draft-notice').isVisible()).toBe(true);
    expect(await page.inputValue('#f-text')).toBe(text);
    expect(await page.inputValue('#f-applicant-lastName')).toBe('Smith');
    expect(await page.inputValue('#f-category')).toBe('theft');
    await page.click('#draft-clear');
    expect(await page.inputValue('#f-text')).toBe('');
    await page.reload();
    expect(await page.locator('#draft-notice').isHidden()).toBe(true);
    await context.close();
  });

  it('switches the language on any page and stays on that page', async () => {
    const { context, page } = await phone(browser, false);
    await goto(page, '/uz/appeal');
    await page.click('nav.langs >> text=Русский');
    expect(new URL(page.url()).pathname).toBe('/ru/appeal');
    expect(await page.locator('h1').textContent()).toBe('Подать обращение');
    await page.click('nav.langs >> text=Ўзбекча');
    expect(new URL(page.url()).pathname).toBe('/oz/appeal');
    await page.click('nav.langs >> text=English');
    expect(await page.locator('h1').textContent()).toBe('Send an appeal');
    await page.click('nav.langs >> text=Qaraqalpaqsha');
    expect(new URL(page.url()).pathname).toBe('/kaa/appeal');
    expect(await page.locator('h1').textContent()).toBe('Murájat jiberiw');
    await context.close();
  });

  it('can be filled in and sent with the keyboard alone', async () => {
    const { context, page } = await phone(browser, true);
    await goto(page, '/uz/appeal');
    const focused = () =>
      page.evaluate(() => document.activeElement?.id || document.activeElement?.className);
    const tabTo = async (id: string) => {
      for (let i = 0; i < 80 && (await focused()) !== id; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe(id);
    };
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('skip');
    await page.keyboard.press('Enter');
    expect(await focused()).toBe('main');
    await tabTo('f-type');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#f-type-taklif').isChecked()).toBe(true);
    await tabTo('f-applicant-lastName');
    await page.keyboard.type('Yusupov');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Bobur');
    await tabTo('f-applicant-address');
    await page.keyboard.type('Samarqand sh., Registon koʻchasi, 3');
    await tabTo('f-territory');
    await page.keyboard.press('ArrowDown');
    await tabTo('f-text');
    await page.keyboard.type('Taklif: tuman IIB binosi oldiga nogironlar uchun pandus qurish kerak.');
    await tabTo('f-consent');
    await page.keyboard.press('Space');
    await tabTo('button');
    await Promise.all([page.waitForURL(/\/uz\/appeal\/sent\//), page.keyboard.press('Enter')]);
    const { number } = await codesOnPage(page);
    expect((await appealRow(number)).type).toBe('taklif');
    await context.close();
  });
});
