import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/build-app.ts';
import {
  defaultAppeal,
  type StaffAgent,
  startTestSystem,
  type TestSystem,
} from '../../app/testing/test-system.ts';
import { citizenLanguages } from '../../contracts/enums.ts';
import { PortalSession } from '../../portal/testing.ts';
import { rateLimitsFor } from '../http/rate-limits.ts';
import { notifyApplicant } from '../notify/notify-applicant.ts';
import { botMessages } from './bot-messages.ts';
import { TelegramBot, webhookSecret } from './telegram-bot.ts';
import { type BotCall, FakeBotApi, type FakeUser } from './testing/fake-bot-api.ts';

// The bot against a fake Telegram Bot API on loopback: real HTTP, the methods and bodies grammY really
// sends, the whole system behind it on its own database.

let t: TestSystem;
let fake: FakeBotApi;
let bot: TelegramBot;
let admin: StaffAgent;
const en = botMessages('en');

function startBot(): TelegramBot {
  const started = new TelegramBot({
    ctx: t.system.ctx,
    config: { token: fake.token, apiRoot: fake.url, webhookUrl: undefined },
    pollTimeoutSeconds: 1,
    codeGuesses: false,
  });
  started.start();
  return started;
}

const textOf = (call: BotCall) => String(call.params.text ?? '');

/** Does something as the person, then waits for the bot's message containing `expected` and returns it. */
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
  admin = await t.staff('tg-root', 'admin', 'IIV', { scopeSubtree: true });
  bot = startBot();
});
afterAll(async () => {
  await bot?.stop();
  await t?.stop();
  await fake?.stop();
});

describe('the Telegram bot', () => {
  it('files an appeal step by step, pushes a change to the chat and shows it on /status, then takes a rating', async () => {
    const user: FakeUser = { id: 7001, firstName: 'Aziz' };
    const start = await expectReply(user, () => fake.sendText(user, '/start'), 'Choose your language');
    expect(JSON.stringify(start.params.reply_markup)).toContain('lang:oz');
    await expectReply(user, () => fake.pressButton(user, 'lang:en'), en.menu);
    await expectReply(user, () => fake.pressButton(user, 'menu:file'), en.askType);
    await expectReply(user, () => fake.pressButton(user, 'type:shikoyat'), en.askKind);
    await expectReply(user, () => fake.pressButton(user, 'kind:individual'), en.askLastName);
    await expectReply(user, () => fake.sendText(user, 'Karimov'), en.askFirstName);
    const regions = await expectReply(user, () => fake.sendText(user, 'Aziz Akmalovich'), en.askRegion);
    expect(JSON.stringify(regions.params.reply_markup)).toContain('region:1726');
    const districts = await expectReply(user, () => fake.pressButton(user, 'region:1726'), en.askDistrict);
    expect(JSON.stringify(districts.params.reply_markup)).toContain('district:1726266');
    await expectReply(user, () => fake.pressButton(user, 'district:1726266'), en.askAddress);
    const phone = await expectReply(user, () => fake.sendText(user, 'Amir Temur 1, 5-uy'), en.askPhone);
    expect(JSON.stringify(phone.params.reply_markup)).toContain('"request_contact":true');
    // Someone else's contact is refused: only the chat's own number, as the contact button sends it.
    await expectReply(user, () => fake.sendContact(user, '+998901112233', 9999), en.phoneNotOwn);
    await expectReply(user, () => fake.sendContact(user, '+998 90 123 45 67'), 'Describe your appeal');
    await expectReply(user, () => fake.sendText(user, 'Qisqa'), 'too short');
    await expectReply(
      user,
      () => fake.sendText(user, 'Qoʻshnim mashinamni har kuni yoʻlga qoʻyib, darvozani toʻsib qoʻymoqda.'),
      'photos or documents',
    );
    const png = await sharp({
      create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 10, b: 10 } },
    })
      .png()
      .toBuffer();
    await expectReply(user, () => fake.sendPhoto(user, png), 'File received (1 of 5)');
    await expectReply(
      user,
      () => fake.sendPhoto(user, Buffer.from('MZ not a picture at all')),
      'not accepted',
    );
    await expectReply(user, () => fake.pressButton(user, 'files:done'), 'Do you agree?');
    const registered = await expectReply(user, () => fake.pressButton(user, 'consent:yes'), 'is registered');

    const number = /Number: (\S+)/.exec(textOf(registered))?.[1] ?? '';
    const code = /Access code: (\S+)/.exec(textOf(registered))?.[1] ?? '';
    expect(number).toMatch(/^IIV-\d{4}-\d{7}$/);
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    const row = await t.system.ctx.db
      .selectFrom('appeals')
      .select(['id', 'channel', 'answer_channel', 'answer_language', 'type', 'territory_code', 'phone_hash'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'telegram',
      answer_channel: 'telegram',
      answer_language: 'en',
      type: 'shikoyat',
      territory_code: '1726266',
    });
    expect(row.phone_hash).toEqual(t.system.ctx.protector.lookupHash('phone', '+998901234567'));
    const files = await t.system.ctx.db
      .selectFrom('attachments')
      .select(['mime'])
      .where('appeal_id', '=', row.id)
      .execute();
    expect(files).toEqual([{ mime: 'image/png' }]);

    // Staff answer through the real transition API.
    for (const body of [
      { action: 'route', units: ['IIV-1726266-INV'] },
      { action: 'accept' },
      { action: 'draft_answer', outcome: 'satisfied', body: 'Qoʻshningizga ogohlantirish berildi.' },
      { action: 'approve_answer' },
    ]) {
      const response = await admin.request({
        method: 'POST',
        url: `/api/v1/appeals/${number}/transitions`,
        payload: body,
      });
      expect(response.statusCode, response.body).toBe(200);
    }

    // The outbox hands the notice to the channel: the text, then the letter as a document.
    const letter = Buffer.from('%PDF-1.4 the answer letter');
    const delivered = await bot.channel.send(
      {
        id: 1,
        appealId: row.id,
        appealNumber: number,
        template: 'answered',
        language: 'en',
        subject: `Appeal ${number}`,
        text: `Your appeal ${number} has been answered.`,
        letter: { filename: `${number}.pdf`, content: letter },
      },
      {},
    );
    expect(delivered.providerId).toMatch(/^\d+$/);
    const pushed = fake.sentTo(user.id).slice(-2);
    expect(pushed.map((c) => c.method)).toEqual(['sendMessage', 'sendDocument']);
    expect(textOf(pushed[0] as BotCall)).toBe(`Your appeal ${number} has been answered.`);
    const document = Object.values(pushed[1]?.files ?? {})[0];
    expect(document?.filename).toBe(`${number}.pdf`);
    expect(document?.content.equals(letter)).toBe(true);

    // The same through the outbox, with the bot's channel registered as boot registers it: the notice the
    // answer enqueued, composed in the applicant's language, then the real answer letter.
    t.system.ctx.channels.set('telegram', bot.channel);
    const { rows: jobs } = await sql<{ id: string }>`
      select id from pgboss.job
       where name = 'notify-applicant' and (data->>'appealId')::int = ${row.id} and data->>'template' = 'answered'`.execute(
      t.ownerDb,
    );
    expect(jobs).toHaveLength(1);
    await notifyApplicant(t.system.ctx, { appealId: row.id, template: 'answered', jobId: jobs[0]?.id ?? '' });
    const fromOutbox = fake.sentTo(user.id).slice(-2);
    expect(fromOutbox.map((c) => c.method)).toEqual(['sendMessage', 'sendDocument']);
    expect(textOf(fromOutbox[0] as BotCall)).toContain(`The answer to your appeal ${number} is ready.`);
    const answerLetter = Object.values(fromOutbox[1]?.files ?? {})[0];
    expect(answerLetter?.content.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const notice = await t.system.ctx.db
      .selectFrom('notifications')
      .select(['status', 'provider_id'])
      .where('job_id', '=', jobs[0]?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(notice.status).toBe('sent');

    // Every public step reaches the chat too, not only the notices the law requires.
    const { rows: steps } = await sql<{ id: string; template: string }>`
      select id, data->>'template' as template from pgboss.job
       where name = 'notify-applicant' and (data->>'appealId')::int = ${row.id} and data->>'template' like 'event:%'
       order by created_on`.execute(t.ownerDb);
    expect(steps.map((s) => s.template)).toEqual(['event:routed', 'event:accepted']);
    await notifyApplicant(t.system.ctx, {
      appealId: row.id,
      template: 'event:routed',
      jobId: steps[0]?.id ?? '',
    });
    expect(textOf(fake.sentTo(user.id).at(-1) as BotCall)).toBe(
      `Appeal ${number}: sent to the unit in charge.`,
    );

    const status = await expectReply(user, () => fake.sendText(user, `/status ${number} ${code}`), number);
    expect(textOf(status)).toContain('Answered.');
    expect(textOf(status)).toContain('Sent to the unit in charge');
    expect(textOf(status)).toContain('Qoʻshningizga ogohlantirish berildi.');
    await fake.waitFor(() => fake.sentTo(user.id).find((c) => textOf(c) === en.askRating));
    await expectReply(user, () => fake.pressButton(user, 'rate:5'), en.rated);
    const rated = await t.system.ctx.db
      .selectFrom('appeals')
      .select('rating')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(rated.rating).toBe(5);

    // Not satisfied: a complaint to the higher unit, as the original applicant, without typing it all again.
    await expectReply(user, () => fake.sendText(user, `/status ${number} ${code}`), en.offerComplaint);
    await expectReply(user, () => fake.pressButton(user, 'complain:start'), en.complaintAbout(number));
    await expectReply(
      user,
      () => fake.sendText(user, 'Ogohlantirish yetarli emas, qoʻshnim hali ham shovqin qilmoqda.'),
      en.askFiles(5).slice(0, 20),
    );
    await expectReply(user, () => fake.pressButton(user, 'files:done'), 'Do you agree?');
    const filed = await expectReply(user, () => fake.pressButton(user, 'consent:yes'), 'is registered');
    const complaintNumber = /IIV-\d{4}-\d{7}/.exec(textOf(filed))?.[0] ?? '';
    const complaint = await t.ownerDb
      .selectFrom('appeals')
      .select(['type', 'parent_id', 'link_kind', 'applicant_enc', 'answer_channel'])
      .where('number', '=', complaintNumber)
      .executeTakeFirstOrThrow();
    expect(complaint).toMatchObject({
      type: 'shikoyat',
      parent_id: row.id,
      link_kind: 'complaint',
      answer_channel: 'telegram',
    });
    const original = await t.ownerDb
      .selectFrom('appeals')
      .select('applicant_enc')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    const openApplicant = (enc: Buffer | null, n: string) =>
      enc ? t.system.ctx.protector.open(enc, n) : null;
    expect(openApplicant(complaint.applicant_enc, complaintNumber)).toEqual(
      openApplicant(original.applicant_enc, number),
    );
  });

  it('asks for the number and the code in turn, and finds nothing for a wrong code', async () => {
    const user: FakeUser = { id: 7002, firstName: 'Lola' };
    const appeal = await t.fileAppeal();
    await expectReply(user, () => fake.sendText(user, '/start'), 'Choose your language');
    await expectReply(user, () => fake.pressButton(user, 'lang:en'), en.menu);
    await expectReply(user, () => fake.sendText(user, '/status'), en.askNumber);
    await expectReply(user, () => fake.sendText(user, appeal.number.toLowerCase()), en.askCode);
    const shown = await expectReply(user, () => fake.sendText(user, appeal.accessCode), appeal.number);
    expect(textOf(shown)).toContain('Registered');
    await expectReply(user, () => fake.sendText(user, `/status ${appeal.number} ZZZZZZZZ`), en.notFound);
  });

  it('sends the notices of an appeal filed on the web to the chat that proved its code and asked for them', async () => {
    const user: FakeUser = { id: 7010, firstName: 'Kamola' };
    const appeal = await t.fileAppeal();
    await expectReply(user, () => fake.sendText(user, '/start'), 'Choose your language');
    await expectReply(user, () => fake.pressButton(user, 'lang:en'), en.menu);
    await expectReply(
      user,
      () => fake.sendText(user, `/status ${appeal.number} ${appeal.accessCode}`),
      en.offerFollow,
    );
    await expectReply(user, () => fake.pressButton(user, 'follow:start'), en.following(appeal.number));
    const row = await t.ownerDb
      .selectFrom('appeals')
      .select(['id', 'answer_channel'])
      .where('number', '=', appeal.number)
      .executeTakeFirstOrThrow();
    expect(row.answer_channel).toBe('telegram');
    // The next step reaches this chat through the outbox.
    const routed = await admin.request({
      method: 'POST',
      url: `/api/v1/appeals/${appeal.number}/transitions`,
      payload: { action: 'route', units: ['IIV-1726266-INV'] },
    });
    expect(routed.statusCode, routed.body).toBe(200);
    t.system.ctx.channels.set('telegram', bot.channel);
    const { rows: steps } = await sql<{ id: string }>`
      select id from pgboss.job
       where name = 'notify-applicant' and (data->>'appealId')::int = ${row.id} and data->>'template' = 'event:routed'`.execute(
      t.ownerDb,
    );
    expect(steps).toHaveLength(1);
    await notifyApplicant(t.system.ctx, {
      appealId: row.id,
      template: 'event:routed',
      jobId: steps[0]?.id ?? '',
    });
    // In the language the appeal is answered in (chosen when it was filed), not the chat's.
    await fake.waitFor(() =>
      fake.sentTo(user.id).find((c) => textOf(c).includes(`${appeal.number}: masʼul boʻlinmaga yuborildi.`)),
    );
    // The portal's status page offers the bot to anyone who opened it with the number and code.
    const visitor = new PortalSession(t);
    await visitor.request({ method: 'POST', url: '/en/track', payload: appeal });
    const statusPage = await visitor.request({ method: 'GET', url: `/en/track/${appeal.number}` });
    expect(statusPage.body).toContain('href="https://t.me/murojaat_test_bot"');
    expect(statusPage.body).toContain('Send notices here');
    // A wrong code cannot take someone else's notices.
    const thief: FakeUser = { id: 7011, firstName: 'Bekzod' };
    await expectReply(thief, () => fake.sendText(thief, '/start'), 'Choose your language');
    await expectReply(thief, () => fake.pressButton(thief, 'lang:en'), en.menu);
    await expectReply(thief, () => fake.sendText(thief, `/status ${appeal.number} ZZZZZZZZ`), en.notFound);
    await expectReply(thief, () => fake.pressButton(thief, 'follow:start'), en.useButtons);
  });

  it('tells the channel the notices leave (here SMS) that a chat took them, and tells a web applicant nothing', async () => {
    const user: FakeUser = { id: 7012, firstName: 'Dilnoza' };
    const bySms = await t.fileAppeal({
      answerChannel: 'sms',
      applicant: { ...defaultAppeal.applicant, phone: '+998901234567' },
    });
    const onWeb = await t.fileAppeal();
    await expectReply(user, () => fake.sendText(user, '/start'), 'Choose your language');
    await expectReply(user, () => fake.pressButton(user, 'lang:en'), en.menu);
    for (const appeal of [bySms, onWeb]) {
      await expectReply(
        user,
        () => fake.sendText(user, `/status ${appeal.number} ${appeal.accessCode}`),
        en.offerFollow,
      );
      await expectReply(user, () => fake.pressButton(user, 'follow:start'), en.following(appeal.number));
    }
    const warnings = async (number: string) => {
      const { rows } = await sql<{ id: string; channel: string }>`
        select j.id, j.data->>'channel' as channel from pgboss.job j join appeals a on a.id = (j.data->>'appealId')::int
         where j.name = 'notify-applicant' and j.data->>'template' = 'channel-changed' and a.number = ${number}`.execute(
        t.ownerDb,
      );
      return rows;
    };
    expect(await warnings(onWeb.number)).toEqual([]);
    const [warning] = await warnings(bySms.number);
    expect(warning?.channel).toBe('sms');
    const appealId = (
      await t.ownerDb
        .selectFrom('appeals')
        .select('id')
        .where('number', '=', bySms.number)
        .executeTakeFirstOrThrow()
    ).id;
    await notifyApplicant(t.system.ctx, {
      appealId,
      template: 'channel-changed',
      channel: 'sms',
      jobId: warning?.id ?? '',
    });
    // Recorded for the phone the notices left (no SMS gateway here: it waits for one, visible to staff).
    const notice = await t.ownerDb
      .selectFrom('notifications')
      .select(['channel', 'status'])
      .where('job_id', '=', warning?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(notice).toEqual({ channel: 'sms', status: 'awaiting_channel' });
  });

  it('speaks Karakalpak to a chat that chose it, and remembers the choice', async () => {
    const user: FakeUser = { id: 7013, firstName: 'Aybek' };
    const kaa = botMessages('kaa');
    const appeal = await t.fileAppeal();
    const start = await expectReply(user, () => fake.sendText(user, '/start'), 'Tildi tańlań');
    expect(JSON.stringify(start.params.reply_markup)).toContain('lang:kaa');
    expect(JSON.stringify(start.params.reply_markup)).toContain('Qaraqalpaqsha');
    await expectReply(user, () => fake.pressButton(user, 'lang:kaa'), kaa.menu);
    const shown = await expectReply(
      user,
      () => fake.sendText(user, `/status ${appeal.number} ${appeal.accessCode}`),
      appeal.number,
    );
    expect(textOf(shown)).toContain(kaa.events.registered);
    const chat = await t.system.ctx.db
      .selectFrom('telegram_chats')
      .select('language')
      .where('chat_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(chat.language).toBe('kaa');
  });

  it('answers a message that reads as a threat to life with 102 and 112 before anything else', async () => {
    const user: FakeUser = { id: 7003, firstName: 'Olga' };
    await expectReply(user, () => fake.sendText(user, '/start'), 'Choose your language');
    await expectReply(user, () => fake.pressButton(user, 'lang:ru'), botMessages('ru').menu);
    const before = fake.sentTo(user.id).length;
    fake.sendText(user, 'Сосед угрожает убить меня ножом, помогите!');
    const replies = await fake.waitFor(() => {
      const after = fake.sentTo(user.id).slice(before);
      return after.length >= 2 ? after : undefined;
    });
    expect(textOf(replies[0] as BotCall)).toBe(botMessages('ru').emergency);
    expect(textOf(replies[0] as BotCall)).toContain('102');
    expect(textOf(replies[0] as BotCall)).toContain('112');
  });

  it('gives the emergency numbers in every language to a chat that has not chosen one', async () => {
    const user: FakeUser = { id: 7004, firstName: 'Bek' };
    const before = fake.sentTo(user.id).length;
    fake.sendText(user, 'Meni oʻldiraman deb qoʻrqityapti');
    const first = await fake.waitFor(() => fake.sentTo(user.id)[before]);
    for (const language of citizenLanguages) expect(textOf(first)).toContain(botMessages(language).emergency);
  });

  it('handles an update that arrived while it was stopped exactly once after a restart', async () => {
    const user: FakeUser = { id: 7005, firstName: 'Dilshod' };
    await expectReply(user, () => fake.sendText(user, '/start'), 'Choose your language');
    await expectReply(user, () => fake.pressButton(user, 'lang:en'), en.menu);
    await bot.stop();
    const updateId = fake.sendText(user, '/help');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const helpCount = () => fake.sentTo(user.id).filter((c) => textOf(c) === en.help).length;
    expect(helpCount()).toBe(0);

    bot = startBot();
    await fake.waitFor(() => helpCount() === 1);
    await fake.waitUntilConsumed();
    // Restarted again (and the update offered once more, as a webhook retry would): still answered once.
    await bot.stop();
    bot = startBot();
    await bot.handleUpdate({
      update_id: updateId,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: user.id, type: 'private', first_name: user.firstName },
        from: { id: user.id, is_bot: false, first_name: user.firstName },
        text: '/help',
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(helpCount()).toBe(1);
    const last = await t.system.ctx.db
      .selectFrom('telegram_bot')
      .select('last_update_id')
      .executeTakeFirstOrThrow();
    expect(last.last_update_id).toBeGreaterThanOrEqual(updateId);
  });

  it('takes updates on the webhook only with the secret it gave Telegram', async () => {
    const hooked = new TelegramBot({
      ctx: t.system.ctx,
      config: { token: fake.token, apiRoot: fake.url, webhookUrl: 'https://bot.example.uz/telegram/hook' },
      codeGuesses: false,
    });
    const app = await buildApp(t.system.ctx, {
      rateLimits: rateLimitsFor('off'),
      logLevel: 'silent',
      telegram: hooked,
    });
    try {
      hooked.start();
      const set = await fake.waitFor((calls) => calls.find((c) => c.method === 'setWebhook'));
      expect(set.params.url).toBe('https://bot.example.uz/telegram/hook');
      expect(set.params.secret_token).toBe(webhookSecret(fake.token));
      const user: FakeUser = { id: 7006, firstName: 'Nodira' };
      const update = {
        update_id: 900_000,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: user.id, type: 'private', first_name: user.firstName },
          from: { id: user.id, is_bot: false, first_name: user.firstName },
          text: '/start',
        },
      };
      const refused = await app.inject({
        method: 'POST',
        url: '/telegram/hook',
        headers: { 'x-telegram-bot-api-secret-token': 'guessed' },
        payload: update,
      });
      expect(refused.statusCode).toBe(401);
      expect(fake.sentTo(user.id)).toEqual([]);
      const taken = await app.inject({
        method: 'POST',
        url: '/telegram/hook',
        headers: { 'x-telegram-bot-api-secret-token': webhookSecret(fake.token) },
        payload: update,
      });
      expect(taken.statusCode).toBe(200);
      expect(textOf(fake.sentTo(user.id)[0] as BotCall)).toContain('Choose your language');
    } finally {
      await hooked.stop();
      await app.close();
    }
  });
});
