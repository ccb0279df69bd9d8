import type { ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Staff, staffOf } from '../../app/testing/answer-appeal.ts';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { inputValue, PortalSession } from '../../portal/testing.ts';
import { type SmtpSink, startSmtpSink } from '../notify/testing/loopback-peers.ts';

// One citizen's whole journey on the e-mail channel, with the real worker: a mail to the intake listener
// (MAIL_INTAKE_PORT) → the reply with the number and access code → a status change by e-mail → the answer by
// e-mail with the letter as a PDF → the link in that mail, the number and the code open the answer → the
// rating is kept. Every step is checked at the SMTP sink, as the citizen's mailbox would receive it.

let t: TestSystem;
let staff: Staff;
let admin: StaffAgent;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestSystem({
    workers: true,
    env: {
      MAIL_INTAKE_PORT: '0',
      SMTP_URL: sink.url,
      MAIL_FROM: 'Murojaat <murojaat@iiv.uz>',
      PUBLIC_URL: 'https://murojaat.test',
    },
  });
  staff = await staffOf(t);
  const root = t.system.ctx
    .reference()
    .units.all()
    .find((u) => u.parentId === null);
  admin = await t.staff('journey-admin', 'admin', root?.code ?? '', { scopeSubtree: true });
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await sink?.stop();
});

const citizen = 'nodira.yusupova@example.uz';

/** The mails that reached the citizen's mailbox, once there are `count` of them. */
async function mailbox(count: number): Promise<ParsedMail[]> {
  const mine = () => sink.received.filter((m) => m.to && 'text' in m.to && m.to.text.includes(citizen));
  await expect.poll(() => mine().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
  return mine();
}

async function act(agent: StaffAgent, number: string, payload: Record<string, unknown>) {
  const response = await agent.request({
    method: 'POST',
    url: `/api/v1/appeals/${number}/transitions`,
    payload,
  });
  expect(response.statusCode, response.body).toBe(200);
}

describe('the e-mail channel, end to end', () => {
  it('files by mail, replies with number and code, mails a status change and the answer letter, and takes the rating through the mailed link', async () => {
    // 1. The citizen writes to the appeals address, as any mail server would deliver it.
    const client = nodemailer.createTransport({
      host: '127.0.0.1',
      port: t.system.mailIntakePort ?? 0,
      secure: false,
      ignoreTLS: true,
    });
    try {
      await client.sendMail({
        from: `Нодира Юсупова <${citizen}>`,
        to: 'murojaat@iiv.uz',
        subject: 'Украли телефон',
        text: 'Здравствуйте. Вчера вечером на рынке в Юнусабадском районе у меня украли телефон. Прошу помочь. Адрес: Ташкент, Юнусабадский район, 5-квартал, дом 12.',
      });
    } finally {
      client.close();
    }

    // 2. The reply carries the number and the access code.
    const reply = (await mailbox(1)).find((m) => m.headers.get('auto-submitted') === 'auto-replied');
    const number = /Номер: (IIV-\d{4}-\d{7})/.exec(reply?.text ?? '')?.[1] ?? '';
    const accessCode = /Код доступа: ([0-9A-Z]{8})/.exec(reply?.text ?? '')?.[1] ?? '';
    expect(number).not.toBe('');
    expect(accessCode).not.toBe('');
    expect(reply?.subject).toContain(number);

    // 3. Staff take it up and the head extends the deadline: the citizen is told by e-mail.
    await act(admin, number, { action: 'route', units: ['IIV-1726266-INV'] });
    await act(staff.executor, number, { action: 'accept' });
    await act(staff.head, number, { action: 'extend', reason: 'Нужна дополнительная проверка.' });
    await expect
      .poll(async () => (await mailbox(1)).some((m) => m.subject === `Обращение ${number}: срок продлён`), {
        timeout: 20_000,
      })
      .toBe(true);
    const extended = (await mailbox(1)).find((m) => m.subject === `Обращение ${number}: срок продлён`);
    expect(extended?.text).toMatch(
      new RegExp(`^Срок рассмотрения обращения ${number} продлён до \\d{2}\\.\\d{2}\\.\\d{4}\\.`),
    );

    // 4. The answer is written and approved: the mail brings the letter as a PDF and the tracking link.
    await act(staff.executor, number, {
      action: 'draft_answer',
      outcome: 'explained',
      body: 'Уважаемая Нодира Юсупова, ваш телефон найден. Заберите его в ОВД Юнусабадского района.',
    });
    await act(staff.head, number, { action: 'approve_answer' });
    await expect
      .poll(async () => (await mailbox(1)).some((m) => m.subject === `Обращение ${number}: ответ готов`), {
        timeout: 20_000,
      })
      .toBe(true);
    const answered = (await mailbox(1)).find((m) => m.subject === `Обращение ${number}: ответ готов`);
    expect(answered?.text).toContain(`По вашему обращению ${number} готов ответ.`);
    const pdf = answered?.attachments[0];
    expect(pdf?.filename).toBe(`${number}-answer.pdf`);
    expect(pdf?.content.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const href = /<a href="(https:\/\/murojaat\.test\/[^"]+)"/.exec(String(answered?.html))?.[1] ?? '';
    expect(href).toBe(`https://murojaat.test/ru/track?number=${number}`);
    // No mail but the intake's reply carries the code.
    const later = (await mailbox(1)).filter((m) => m !== reply);
    expect(later.map((m) => `${m.text}${m.html}`).join('\n')).not.toContain(accessCode);

    // The whole mailbox: the intake's automatic reply (with the code), then the outbox's notices (with the
    // link, no code); no second registration mail repeats the reply's news.
    const received = (await mailbox(3)).map((m) => [m.subject, m.headers.get('auto-submitted') ?? null]);
    expect(received).toEqual([
      [`Обращение ${number} зарегистрировано`, 'auto-replied'],
      [`Обращение ${number}: срок продлён`, null],
      [`Обращение ${number}: ответ готов`, null],
    ]);
    // 5. The link in the mail, the code from the reply: the answer opens, and the citizen rates it.
    const link = new URL(href.replaceAll('&amp;', '&'));
    const reader = new PortalSession(t);
    const trackPage = await reader.request({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(inputValue(trackPage.body, 'number')).toBe(number);
    const opened = await reader.request({
      method: 'POST',
      url: '/ru/track',
      payload: { number, accessCode },
    });
    expect(opened.statusCode, opened.body).toBe(303);
    const status = await reader.request({ method: 'GET', url: String(opened.headers.location) });
    expect(status.body).toContain('ваш телефон найден');
    const rated = await reader.request({
      method: 'POST',
      url: `/ru/track/${number}/rate`,
      payload: { _csrf: inputValue(status.body, '_csrf') ?? '', rating: '4', comment: '' },
    });
    expect(rated.statusCode, rated.body).toBe(303);

    const row = await t.ownerDb
      .selectFrom('appeals')
      .select(['rating', 'channel', 'answer_channel'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ rating: 4, channel: 'email', answer_channel: 'email' });
    const notices = await t.ownerDb
      .selectFrom('notifications')
      .innerJoin('appeals', 'appeals.id', 'notifications.appeal_id')
      .select(['notifications.template', 'notifications.channel', 'notifications.status'])
      .where('appeals.number', '=', number)
      .orderBy('notifications.id')
      .execute();
    expect(notices).toEqual([
      { template: 'deadline-extended', channel: 'email', status: 'sent' },
      { template: 'answered', channel: 'email', status: 'sent' },
    ]);
  });
});
