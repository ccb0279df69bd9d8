import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultAppeal,
  type StaffAgent,
  startTestSystem,
  type TestSystem,
} from '../../app/testing/test-system.ts';
import { FixedClock } from '../clock.ts';
import { addDays } from '../deadlines/calendar.ts';
import { botMessages } from '../telegram/bot-messages.ts';
import { linkAppealToChat } from '../telegram/telegram.repository.ts';
import { type BotCall, FakeBotApi, type FakeUser } from '../telegram/testing/fake-bot-api.ts';
import { deliverStaffNotice } from './deliver-staff-notice.ts';
import { sendDeadlineReminders } from './staff-notices.ts';

// Staff link an e-mail address and a Telegram chat for their own notices, against real peers on loopback:
// an SMTP sink (read back with mailparser) and the fake Telegram Bot API the real bot polls. Then their
// notices leave through the outbox, short, in their language, with nothing of the applicant.

/** An SMTP sink on a free loopback port; addresses in `refuse` get a 550. */
async function startSmtpSink() {
  const received: { to: string[]; mail: ParsedMail }[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address))
        return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      return callback();
    },
    onData(stream, session, callback) {
      const to = session.envelope.rcptTo.map((r) => r.address);
      simpleParser(stream).then(
        (mail) => {
          received.push({ to, mail });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const start = '2026-11-25T05:00:00Z';
const clock = new FixedClock(start);
let t: TestSystem;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let fake: FakeBotApi;
let clerk: StaffAgent;
let head: StaffAgent;
let executor: StaffAgent;
let stranger: StaffAgent;

const textOf = (call: BotCall) => String(call.params.text ?? '');

async function ok(agent: StaffAgent, number: string, body: Record<string, unknown>) {
  const done = await agent.request({
    method: 'POST',
    url: `/api/v1/appeals/${number}/transitions`,
    payload: body,
  });
  expect(done.statusCode, `${JSON.stringify(body)}: ${done.body}`).toBe(200);
}

/** Asks for an e-mail code for `address` and returns the code the mail carried. */
async function emailCode(agent: StaffAgent, address: string): Promise<string> {
  const before = smtp.received.length;
  const asked = await agent.request({
    method: 'POST',
    url: '/api/v1/me/channels/email',
    payload: { address },
  });
  expect(asked.statusCode, asked.body).toBe(200);
  expect(smtp.received.length).toBe(before + 1);
  const sent = smtp.received.at(-1);
  expect(sent?.to).toEqual([address]);
  const code = /\b(\d{6})\b/.exec(sent?.mail.text ?? '')?.[1];
  expect(code).toBeDefined();
  return code ?? '';
}

const confirm = (agent: StaffAgent, code: string) =>
  agent.request({ method: 'POST', url: '/api/v1/me/channels/email/confirm', payload: { code } });

async function telegramCode(agent: StaffAgent) {
  const response = await agent.request({ method: 'POST', url: '/api/v1/me/channels/telegram' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ code: string; command: string; link: string | null; expiresAt: string }>();
}

/** Sends `text` from the chat and returns the bot's next reply to it. */
async function say(user: FakeUser, text: string): Promise<string> {
  const before = fake.sentTo(user.id).length;
  fake.sendText(user, text);
  const reply = await fake.waitFor(() => fake.sentTo(user.id).slice(before)[0]);
  return textOf(reply);
}

const channels = async (agent: StaffAgent) => {
  const response = await agent.request({ method: 'GET', url: '/api/v1/me/channels' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{
    email: { address: string; enabled: boolean } | null;
    telegram: { enabled: boolean } | null;
    available: { email: boolean; telegram: boolean };
  }>();
};

/** Runs the staff-notice deliveries the outbox holds, as the worker would; returns their rows afterwards. */
async function runDeliveries() {
  const { rows } = await sql<{ data: { deliveryId: number } }>`
    select data from pgboss.job where name = 'deliver-staff-notice' order by created_on`.execute(t.ownerDb);
  for (const job of rows) await deliverStaffNotice(t.system.ctx, job.data.deliveryId);
  return t.ownerDb
    .selectFrom('staff_notice_deliveries as d')
    .innerJoin('staff_notices as n', 'n.id', 'd.notice_id')
    .innerJoin('appeals as a', 'a.id', 'n.appeal_id')
    .select(['d.id', 'd.channel', 'd.status', 'd.error_code', 'n.kind', 'n.user_id', 'a.number'])
    .orderBy('d.id')
    .execute();
}

const executorChat: FakeUser = { id: 8201, firstName: 'Ijrochi' };
const headChat: FakeUser = { id: 8202, firstName: 'Rahbar' };
const strangerChat: FakeUser = { id: 8203, firstName: 'Begona' };

beforeAll(async () => {
  smtp = await startSmtpSink();
  fake = new FakeBotApi();
  await fake.start();
  t = await startTestSystem({
    clock,
    env: {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Murojaat <noreply@murojaat.test>',
      PUBLIC_URL: 'https://murojaat.test',
      TELEGRAM_BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.url,
    },
  });
  clerk = await t.staff('sc-clerk', 'clerk', 'IIV-1726266', { scopeSubtree: true });
  head = await t.staff('sc-head', 'head', 'IIV-1726266', { scopeSubtree: true });
  executor = await t.staff('sc-exec', 'executor', 'IIV-1726266-PREV');
  stranger = await t.staff('sc-stranger', 'executor', 'IIV-1726266-INV');
  // The bot has read its own name (the console's t.me link needs it).
  await fake.waitFor(() => fake.calls.some((c) => c.method === 'getMe'));
});
afterAll(async () => {
  await t?.stop();
  await fake?.stop();
  await smtp?.stop();
});

describe('linking an e-mail address', () => {
  it('confirms the address with the code sent to it, once, and keeps neither code nor address in clear', async () => {
    expect((await channels(executor)).available).toEqual({ email: true, telegram: true });
    const code = await emailCode(executor, 'ijrochi@police.test');
    // The mail carries the code and nothing else of use.
    expect(smtp.received.at(-1)?.mail.text).not.toContain('sc-exec');

    const stored = await t.ownerDb.selectFrom('staff_link_codes').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(
      stored.every((r) => !(r.email_enc ?? Buffer.alloc(0)).toString('latin1').includes('ijrochi')),
    ).toBe(true);

    // Another staff member cannot use the code sent to someone else.
    const stolen = await confirm(stranger, code);
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().error.code).toBe('LINK_CODE_INVALID');
    const wrong = await confirm(executor, code === '000000' ? '000001' : '000000');
    expect(wrong.json().error.code).toBe('LINK_CODE_INVALID');

    const confirmed = await confirm(executor, code);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().email).toMatchObject({ address: 'ijrochi@police.test', enabled: true });
    // Used once: a replay is refused with the same answer.
    const replayed = await confirm(executor, code);
    expect(replayed.statusCode).toBe(400);
    expect(replayed.json().error.code).toBe('LINK_CODE_INVALID');
    expect((await channels(stranger)).email).toBeNull();
  });

  it('refuses an expired code, and a code after too many wrong tries', async () => {
    const expired = await emailCode(head, 'rahbar@police.test');
    clock.advance(16 * 60_000);
    expect((await confirm(head, expired)).json().error.code).toBe('LINK_CODE_INVALID');
    clock.set(start);

    const guessed = await emailCode(head, 'rahbar@police.test');
    const other = guessed === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) expect((await confirm(head, other)).statusCode).toBe(400);
    expect((await confirm(head, guessed)).json().error.code).toBe('LINK_CODE_INVALID');
    expect((await channels(head)).email).toBeNull();
  });
});

describe('linking a Telegram chat', () => {
  it('links the chat through the bot’s deep link, apart from the appeals the chat follows as a citizen', async () => {
    // The executor's chat also follows an appeal of their own as a citizen.
    const mine = await t.fileAppeal();
    await linkAppealToChat(t.system.ctx.db, {
      appealNumber: mine.number,
      chatId: executorChat.id,
      now: clock.now(),
    });

    const given = await telegramCode(executor);
    expect(given.link).toBe(`https://t.me/murojaat_test_bot?start=staff-${given.code}`);
    expect(given.command).toBe(`/link ${given.code}`);
    const stored = await t.ownerDb.selectFrom('staff_link_codes').select('code_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(given.code);

    expect(await say(executorChat, `/start staff-${given.code}`)).toBe(botMessages('uz').staffLinked);
    expect((await channels(executor)).telegram).toMatchObject({ enabled: true });
    const citizenLink = await t.ownerDb
      .selectFrom('telegram_appeals')
      .innerJoin('appeals', 'appeals.id', 'telegram_appeals.appeal_id')
      .select('telegram_appeals.chat_id')
      .where('appeals.number', '=', mine.number)
      .executeTakeFirst();
    expect(citizenLink?.chat_id).toBe(executorChat.id);
  });

  it('answers a replayed, an expired and a wrong code alike, and links nothing', async () => {
    const used = await telegramCode(executor);
    expect(await say(executorChat, `/link ${used.code}`)).toBe(botMessages('uz').staffLinked);
    const refused = botMessages('uz').staffLinkRefused;
    // Replayed from another chat.
    expect(await say(strangerChat, `/start staff-${used.code}`)).toBe(refused);
    // Expired.
    const late = await telegramCode(head);
    clock.advance(16 * 60_000);
    expect(await say(headChat, `/link ${late.code}`)).toBe(refused);
    clock.set(start);
    // Wrong.
    expect(await say(headChat, '/link ABCDEFGHJKLM')).toBe(refused);
    expect((await channels(head)).telegram).toBeNull();
    expect((await channels(stranger)).telegram).toBeNull();
    const linked = await t.ownerDb.selectFrom('staff_channels').select(['user_id', 'chat_id']).execute();
    expect(linked.filter((l) => l.chat_id !== null)).toEqual([
      { user_id: executor.id, chat_id: executorChat.id },
    ]);
  });
});

describe('whose links', () => {
  it('lets nobody see, change or remove another staff member’s links', async () => {
    expect(await channels(stranger)).toMatchObject({ email: null, telegram: null });
    const off = await stranger.request({
      method: 'PATCH',
      url: '/api/v1/me/channels',
      payload: { email: false },
    });
    expect(off.statusCode).toBe(404);
    const gone = await stranger.request({ method: 'DELETE', url: '/api/v1/me/channels/email' });
    expect(gone.statusCode).toBe(404);
    // Without a session, nothing.
    expect((await t.request({ method: 'GET', url: '/api/v1/me/channels' })).statusCode).toBe(401);
    expect(await channels(executor)).toMatchObject({
      email: { address: 'ijrochi@police.test', enabled: true },
      telegram: { enabled: true },
    });
  });
});

describe('notices through the linked channels', () => {
  it('sends the notice by e-mail and Telegram in the console language, with the number, a link and nothing of the applicant', async () => {
    await t.ownerDb.updateTable('users').set({ language: 'ru' }).where('id', '=', executor.id).execute();
    const applicant = {
      ...defaultAppeal.applicant,
      lastName: 'Zokirjonov',
      firstName: 'Bahodirxon',
      phone: '+998907776655',
      address: 'Chilonzor 9-kvartal, 14-uy',
    };
    const text = 'Qoʻshnim har kecha baland musiqa qoʻyadi, uxlab boʻlmayapti, chora koʻring.';
    const { number } = await t.fileAppeal({ applicant, text });
    await ok(clerk, number, { action: 'route', units: ['IIV-1726266-PREV'] });
    await ok(head, number, { action: 'assign_executor', executor: 'sc-exec' });

    const mails = smtp.received.length;
    const chatMessages = fake.sentTo(executorChat.id).length;
    const deliveries = (await runDeliveries()).filter((d) => d.number === number);
    expect(deliveries.map((d) => [d.channel, d.kind, d.status]).sort()).toEqual([
      ['email', 'assigned', 'sent'],
      ['telegram', 'assigned', 'sent'],
    ]);
    const mail = smtp.received.slice(mails).find((m) => m.to.includes('ijrochi@police.test'));
    const message = fake.sentTo(executorChat.id).slice(chatMessages).map(textOf).join('\n');
    const link = `https://murojaat.test/console/appeals/${number}`;
    for (const body of [`${mail?.mail.subject}\n${mail?.mail.text}\n${mail?.mail.html}`, message]) {
      expect(body).toContain('Вам назначено обращение');
      expect(body).toContain(number);
      expect(body).toContain(link);
      for (const secret of ['Zokirjonov', 'Bahodirxon', '7776655', '777 66 55', 'Chilonzor', 'musiqa'])
        expect(body).not.toContain(secret);
    }
    // Run again: nothing goes twice.
    await runDeliveries();
    expect(smtp.received.slice(mails).filter((m) => m.to.includes('ijrochi@police.test'))).toHaveLength(1);
  });

  it('honours a channel turned off or unlinked, and a refused mailbox leaves the console notice in place', async () => {
    const off = await executor.request({
      method: 'PATCH',
      url: '/api/v1/me/channels',
      payload: { telegram: false },
    });
    expect(off.json().telegram).toMatchObject({ enabled: false });
    smtp.refuse.add('ijrochi@police.test');
    const { number } = await t.fileAppeal();
    await ok(clerk, number, { action: 'route', units: ['IIV-1726266-PREV'] });
    await ok(head, number, { action: 'assign_executor', executor: 'sc-exec' });
    const chatMessages = fake.sentTo(executorChat.id).length;
    const deliveries = (await runDeliveries()).filter((d) => d.number === number);
    expect(deliveries.map((d) => [d.channel, d.status, d.error_code])).toEqual([
      ['email', 'failed', 'refused:SMTP 550'],
    ]);
    expect(fake.sentTo(executorChat.id).length).toBe(chatMessages);
    const inConsole = await executor.request({ method: 'GET', url: '/api/v1/me/notices' });
    expect(inConsole.json().items.map((n: { appeal: { number: string } }) => n.appeal.number)).toContain(
      number,
    );
    smtp.refuse.clear();

    // Unlinked after the notice was queued: it is dropped, not sent.
    await executor.request({ method: 'PATCH', url: '/api/v1/me/channels', payload: { telegram: true } });
    const second = await t.fileAppeal();
    await ok(clerk, second.number, { action: 'route', units: ['IIV-1726266-PREV'] });
    await ok(head, second.number, { action: 'assign_executor', executor: 'sc-exec' });
    const unlinked = await executor.request({ method: 'DELETE', url: '/api/v1/me/channels/telegram' });
    expect(unlinked.json().telegram).toBeNull();
    const after = (await runDeliveries()).filter((d) => d.number === second.number);
    expect(after.map((d) => [d.channel, d.status]).sort()).toEqual([
      ['email', 'sent'],
      ['telegram', 'dropped'],
    ]);
    expect(fake.sentTo(executorChat.id).length).toBe(chatMessages);
  });

  it('sends nothing about an appeal that became a complaint about the recipient before the notice went', async () => {
    const { number } = await t.fileAppeal();
    await ok(clerk, number, { action: 'route', units: ['IIV-1726266-PREV'] });
    await ok(head, number, { action: 'assign_executor', executor: 'sc-exec' });
    // Found to be about the executor's own body while the notice waited in the outbox.
    await ok(clerk, number, { action: 'mark_officer_complaint', unit: 'IIV-1726266', officer: 'sc-exec' });
    const mails = smtp.received.length;
    const deliveries = (await runDeliveries()).filter(
      (d) => d.number === number && d.user_id === executor.id,
    );
    expect(deliveries.map((d) => [d.channel, d.status])).toEqual([['email', 'dropped']]);
    expect(smtp.received.slice(mails).map((m) => m.to)).not.toContainEqual(['ijrochi@police.test']);
  });

  it('escalates an overdue appeal to the head by the head’s linked chat', async () => {
    const given = await telegramCode(head);
    expect(await say(headChat, `/link ${given.code}`)).toBe(botMessages('uz').staffLinked);
    const { number } = await t.fileAppeal();
    await ok(clerk, number, { action: 'route', units: ['IIV-1726266-PREV'] });
    await ok(head, number, { action: 'assign_executor', executor: 'sc-exec' });
    const card = (await head.request({ method: 'GET', url: `/api/v1/appeals/${number}` })).json<{
      clock: { dueOn: string };
    }>();
    clock.set(`${addDays(card.clock.dueOn, 1)}T05:00:00Z`);
    await sendDeadlineReminders(t.system.ctx);
    clock.set(start);
    const before = fake.sentTo(headChat.id).length;
    const deliveries = (await runDeliveries()).filter((d) => d.number === number && d.kind === 'overdue');
    expect(deliveries).toContainEqual(
      expect.objectContaining({ user_id: head.id, channel: 'telegram', status: 'sent' }),
    );
    const told = fake.sentTo(headChat.id).slice(before).map(textOf);
    expect(told.some((m) => m.includes('Murojaat muddati oʻtdi') && m.includes(number))).toBe(true);
  });
});
