import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { botMessages } from '../telegram/bot-messages.ts';
import { TelegramBot } from '../telegram/telegram-bot.ts';
import { type BotCall, FakeBotApi, type FakeUser } from '../telegram/testing/fake-bot-api.ts';

// The same chatbot in Telegram: a question typed at the bot's menu is answered from the knowledge base,
// against a fake Telegram Bot API on loopback.

let t: TestSystem;
let fake: FakeBotApi;
let bot: TelegramBot;
const uz = botMessages('uz');
const textOf = (call: BotCall) => String(call.params.text ?? '');

async function expectReply(user: FakeUser, act: () => unknown, expected: string): Promise<BotCall> {
  const before = fake.sentTo(user.id).length;
  act();
  return fake.waitFor(() =>
    fake
      .sentTo(user.id)
      .slice(before)
      .find((c) => textOf(c).includes(expected)),
  );
}

beforeAll(async () => {
  fake = new FakeBotApi();
  await fake.start();
  t = await startTestSystem();
  bot = new TelegramBot({
    ctx: t.system.ctx,
    config: { token: fake.token, apiRoot: fake.url, webhookUrl: undefined },
    pollTimeoutSeconds: 1,
    codeGuesses: false,
  });
  bot.start();
});
afterAll(async () => {
  await bot?.stop();
  await t?.stop();
  await fake?.stop();
});

describe('the chatbot in Telegram', () => {
  it('answers a question typed at the menu with the article named, and takes "was this helpful?"', async () => {
    const user: FakeUser = { id: 8101, firstName: 'Malika' };
    await expectReply(user, () => fake.sendText(user, '/start'), 'Choose your language');
    await expectReply(user, () => fake.pressButton(user, 'lang:uz'), uz.menu);
    const answer = await expectReply(
      user,
      () => fake.sendText(user, 'Мурожаатимга қачон жавоб беришади?'),
      '15 kun',
    );
    expect(textOf(answer)).toContain('Manba: “Murojaat qancha muddatda koʻrib chiqiladi?” maqolasi');
    const markup = JSON.stringify(answer.params.reply_markup);
    const askId = /chatfb:yes:([0-9a-f-]{36})/.exec(markup)?.[1] ?? '';
    await expectReply(user, () => fake.pressButton(user, `chatfb:yes:${askId}`), uz.chatThanks);
    const row = await t.ownerDb
      .selectFrom('chat_asks')
      .select(['helpful', 'channel'])
      .where('id', '=', askId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ helpful: true, channel: 'telegram' });

    const unknown = await expectReply(user, () => fake.sendText(user, 'qwerty zxcvb'), 'javobim yoʻq');
    expect(JSON.stringify(unknown.params.reply_markup)).toContain('menu:file');
  });
});
