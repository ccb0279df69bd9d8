import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../src/app/testing/test-system.ts';
import { botMessages } from '../src/server/telegram/bot-messages.ts';
import { FakeBotApi } from '../src/server/telegram/testing/fake-bot-api.ts';
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

// An executor links an e-mail address and a Telegram chat for their own notices from "My notices", in
// Debian's Chromium against a real server, an SMTP sink and the fake Telegram Bot API on loopback.

let t: TestSystem;
let base: string;
let browser: Browser;
let smtp: SMTPServer;
let fake: FakeBotApi;
const mails: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  await buildConsole();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push(mail.text ?? '');
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  fake = new FakeBotApi();
  await fake.start();
  t = await startTestSystem({
    env: {
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'noreply@murojaat.test',
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
    },
  });
  base = await t.listen();
  browser = await launchBrowser();
  await t.staff('links-exec', 'executor', 'IIV-1726266-PREV');
  await fake.waitFor(() => fake.calls.some((c) => c.method === 'getMe'));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.stop();
  await fake?.stop();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

describe('my notices by e-mail and Telegram', () => {
  it('an executor confirms an e-mail address with the mailed code and links a Telegram chat with the bot', async () => {
    const { page } = await openConsole(browser, base, '/console/', problems);
    await signIn(page, 'links-exec');
    await page.getByRole('link', { name: uz['myNotices.bell'].replace('{count}', '0') }).click();
    await page.getByRole('heading', { name: uz['myChannels.title'] }).waitFor();

    await field(page, uz['myChannels.emailAddress']).fill('ijrochi@police.test');
    await page.getByRole('button', { name: uz['myChannels.sendCode'] }).click();
    await field(page, uz['myChannels.code']).waitFor();
    await expect.poll(() => mails.length).toBe(1);
    const code = /\b(\d{6})\b/.exec(mails[0] ?? '')?.[1] ?? '';
    await field(page, uz['myChannels.code']).fill(code);
    await page.getByRole('button', { name: uz['myChannels.confirm'] }).click();
    await page.getByText(uz['myChannels.emailLinked'].replace('{address}', 'ijrochi@police.test')).waitFor();

    await page.getByRole('button', { name: uz['myChannels.telegramLink'] }).click();
    const command = (await page.locator('code').filter({ hasText: '/link ' }).textContent()) ?? '';
    expect(
      await page.getByRole('link', { name: uz['myChannels.telegramOpen'] }).getAttribute('href'),
    ).toMatch(/^https:\/\/t\.me\/murojaat_test_bot\?start=staff-[0-9A-Z]{12}$/);
    await screenshot(page, 'my-channels');
    expect(await seriousViolations(page)).toEqual([]);
    const chat = { id: 8301, firstName: 'Ijrochi' };
    fake.sendText(chat, command);
    await fake.waitFor(() =>
      fake.sentTo(chat.id).find((c) => c.params.text === botMessages('uz').staffLinked),
    );
    await page.getByRole('button', { name: uz['myChannels.telegramDone'] }).click();
    await page.getByRole('button', { name: uz['myChannels.telegramOther'] }).waitFor();
    expect(await page.getByRole('checkbox', { name: uz['myChannels.send'] }).count()).toBe(2);
    expect(problems).toEqual([]);
  }, 90_000);
});
