import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { MailIntake } from './mail-intake.ts';

// The e-mail door against real SMTP on loopback: the app listens on MAIL_INTAKE_PORT, a real client
// (nodemailer) sends to it, and the replies go out through SMTP_URL to a sink that keeps what it receives.

/** An SMTP sink on a free loopback port: what our server sends out. */
async function startSmtpSink() {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push(mail);
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
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let t: TestSystem;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
let intakePort = 0;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = await startTestSystem({
    env: { MAIL_INTAKE_PORT: '0', SMTP_URL: sink.url, MAIL_FROM: 'Murojaat <murojaat@iiv.uz>' },
  });
  intakePort = t.system.mailIntakePort ?? 0;
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await sink?.stop();
});

/** Sends one mail to a port as a mail server would, and resolves with its Message-ID. */
async function send(
  port: number,
  mail: nodemailer.SendMailOptions,
  transport: { requireTLS?: boolean; ca?: Buffer } = {},
): Promise<string> {
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ...(transport.requireTLS
      ? { requireTLS: true, tls: { ca: transport.ca, servername: 'localhost' } }
      : { ignoreTLS: true }),
  });
  try {
    const info = await client.sendMail({ to: 'murojaat@iiv.uz', ...mail });
    return String(info.messageId);
  } finally {
    client.close();
  }
}

/** The reply our intake sent to an address (marked automatic, unlike the outbox's notices), once it arrives. */
async function replyTo(address: string, count = 1): Promise<ParsedMail> {
  for (let i = 0; i < 200; i++) {
    const replies = sink.received.filter(
      (m) =>
        m.headers.get('auto-submitted') === 'auto-replied' &&
        m.to &&
        'text' in m.to &&
        m.to.text.includes(address),
    );
    const reply = replies[count - 1];
    if (reply) return reply;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no reply number ${count} reached ${address}`);
}

async function appealsFrom(numbers: string[]) {
  return t.ownerDb
    .selectFrom('appeals')
    .select(['id', 'number', 'channel', 'answer_channel', 'answer_language', 'status'])
    .where('number', 'in', numbers)
    .execute();
}

const countAppeals = async () =>
  Number(
    (
      await t.ownerDb
        .selectFrom('appeals')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('appeals by e-mail', () => {
  let number = '';
  let firstId = '';

  it('registers a mail as an appeal on the email channel and replies with the number and code in Russian', async () => {
    firstId = await send(intakePort, {
      from: 'Азиз Каримов <aziz@example.uz>',
      subject: 'Шум по ночам',
      text: 'Здравствуйте. Соседи каждую ночь шумят до трёх часов, прошу принять меры. Участковый не отвечает.',
    });
    const reply = await replyTo('aziz@example.uz');
    number = /Номер: (IIV-\d{4}-\d{7})/.exec(reply.text ?? '')?.[1] ?? '';
    const code = /Код доступа: ([0-9A-Z]{8})/.exec(reply.text ?? '')?.[1] ?? '';
    expect(number).not.toBe('');
    expect(code).not.toBe('');
    expect(reply.subject).toContain(number);
    expect(reply.inReplyTo).toBe(firstId);
    // The law needs the place of residence, and the mail gave none: the reply asks for it.
    expect(reply.text).toContain('место жительства');

    const [appeal] = await appealsFrom([number]);
    expect(appeal).toMatchObject({ channel: 'email', answer_channel: 'email', answer_language: 'ru' });
    // Staff see what is missing in the history.
    const events = await t.ownerDb
      .selectFrom('appeal_events')
      .select(['event', 'data'])
      .where('appeal_id', '=', appeal?.id ?? 0)
      .execute();
    expect(events.map((e) => e.event)).toContain('applicant_details_missing');
    // The code works: the applicant tracks the appeal with it.
    const tracked = await t.request({
      method: 'POST',
      url: '/api/v1/appeals/track',
      payload: { number, accessCode: code },
    });
    expect(tracked.statusCode, tracked.body).toBe(200);
  });

  it('adds a reply with the number in the subject to the same appeal instead of filing a new one', async () => {
    const before = await countAppeals();
    await send(intakePort, {
      from: 'Азиз Каримов <aziz@example.uz>',
      subject: `Re: Обращение ${number} зарегистрировано`,
      text: 'Мой адрес: Ташкент, Юнусабадский район, ул. Амира Темура, 1.',
    });
    const reply = await replyTo('aziz@example.uz', 2);
    expect(reply.subject).toContain(number);
    expect(reply.text).toContain('добавлены');
    expect(reply.text).not.toContain('Код доступа');
    expect(await countAppeals()).toBe(before);
    const [appeal] = await appealsFrom([number]);
    const message = await t.ownerDb
      .selectFrom('appeal_events')
      .select(['event', 'data', 'public'])
      .where('appeal_id', '=', appeal?.id ?? 0)
      .where('event', '=', 'applicant_message')
      .executeTakeFirst();
    expect(message?.public).toBe(false);
    expect(JSON.stringify(message?.data)).toContain('Амира Темура');

    // Staff read it all on the card: the missing details, the applicant's message, and the contact.
    const root = t.system.ctx
      .reference()
      .units.all()
      .find((u) => u.parentId === null);
    const admin = await t.staff('mail-admin', 'admin', root?.code ?? '', { scopeSubtree: true });
    const card = await admin.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
    expect(card.statusCode, card.body).toBe(200);
    const history = card.json<{ history: { event: string; data: Record<string, unknown> }[] }>().history;
    expect(history.map((h) => h.event)).toEqual(
      expect.arrayContaining(['registered', 'applicant_details_missing', 'applicant_message']),
    );
    const applicant = await admin.request({ method: 'GET', url: `/api/v1/appeals/${number}/applicant` });
    expect(applicant.statusCode, applicant.body).toBe(200);
    expect(applicant.body).toContain('aziz@example.uz');
    expect(applicant.body).toContain('Каримов');
  });

  it('adds an answer to our reply (In-Reply-To) to the same appeal', async () => {
    const reply = await replyTo('aziz@example.uz');
    const before = await countAppeals();
    await send(intakePort, {
      from: 'aziz@example.uz',
      subject: 'Re: ещё',
      inReplyTo: reply.messageId,
      references: reply.messageId,
      text: 'Ещё одно: шум снова был вчера.',
    });
    await replyTo('aziz@example.uz', 3);
    expect(await countAppeals()).toBe(before);
  });

  it('files a mail with that number from another address as a new appeal, telling it nothing of the first', async () => {
    const before = await countAppeals();
    await send(intakePort, {
      from: 'Someone Else <other@example.uz>',
      subject: `Re: Appeal ${number}`,
      text: 'Please tell me what is happening with this appeal, I would like to know the details.',
    });
    const reply = await replyTo('other@example.uz');
    const other = /Number: (IIV-\d{4}-\d{7})/.exec(reply.text ?? '')?.[1] ?? '';
    expect(other).not.toBe('');
    expect(other).not.toBe(number);
    expect(reply.text).toContain('Access code');
    expect(await countAppeals()).toBe(before + 1);
    const messages = await t.ownerDb
      .selectFrom('appeal_events')
      .innerJoin('appeals', 'appeals.id', 'appeal_events.appeal_id')
      .select('appeal_events.id')
      .where('appeals.number', '=', number)
      .where('appeal_events.event', '=', 'applicant_message')
      .execute();
    expect(messages).toHaveLength(2);
  });

  it('keeps a file of an accepted type, leaves out one that is not, and says so in the reply', async () => {
    await send(intakePort, {
      from: 'Dilnoza Rahimova <dilnoza@example.uz>',
      subject: 'Stolen bicycle',
      text: 'My bicycle was stolen from the yard of our building last night. The receipt is attached.',
      attachments: [
        {
          filename: 'receipt.pdf',
          content: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
        },
        {
          filename: 'run-me.exe',
          content: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff'),
        },
      ],
    });
    const reply = await replyTo('dilnoza@example.uz');
    const registered = /Number: (IIV-\d{4}-\d{7})/.exec(reply.text ?? '')?.[1] ?? '';
    expect(reply.text).toContain('run-me.exe');
    expect(reply.text).not.toContain('receipt.pdf');
    const [appeal] = await appealsFrom([registered]);
    expect(appeal?.answer_language).toBe('en');
    const files = await t.ownerDb
      .selectFrom('attachments')
      .select(['filename', 'mime'])
      .where('appeal_id', '=', appeal?.id ?? 0)
      .execute();
    expect(files).toEqual([{ filename: 'receipt.pdf', mime: 'application/pdf' }]);
  });

  it('files no automatic mail (an auto-reply to our reply), so two machines never answer each other', async () => {
    const before = await countAppeals();
    const automatic = () => sink.received.filter((m) => m.headers.get('auto-submitted') === 'auto-replied');
    const repliesBefore = automatic().length;
    await send(intakePort, {
      from: 'aziz@example.uz',
      subject: 'Out of office',
      text: 'I am away until Monday and will answer your message then.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await countAppeals()).toBe(before);
    expect(automatic().length).toBe(repliesBefore);
  });

  it('refuses a mail over the size limit with an SMTP error, and goes on taking mail', async () => {
    const small = new MailIntake({ ctx: t.system.ctx, replier: undefined, maxBytes: 64 * 1024 });
    const port = await small.listen(0, '127.0.0.1');
    try {
      const before = await countAppeals();
      const refused = send(port, {
        from: 'big@example.uz',
        subject: 'Big',
        text: 'x'.repeat(200 * 1024),
      });
      await expect(refused).rejects.toMatchObject({ responseCode: 552 });
      expect(await countAppeals()).toBe(before);
      await send(port, {
        from: 'small@example.uz',
        subject: 'Small',
        text: 'A short appeal that fits well.',
      });
      expect(await countAppeals()).toBe(before + 1);
    } finally {
      await small.close();
    }
  });

  it('offers STARTTLS when given a key pair, and a client that insists on TLS gets its appeal filed', async () => {
    const dir = new URL('./testing/', import.meta.url).pathname;
    const config = loadConfig({
      MAIL_INTAKE_TLS_KEY: `${dir}intake-test-key.pem`,
      MAIL_INTAKE_TLS_CERT: `${dir}intake-test-cert.pem`,
    });
    const tls = config.mailIntakeTls;
    expect(tls).toBeDefined();
    const secure = new MailIntake({ ctx: t.system.ctx, replier: undefined, tls });
    const port = await secure.listen(0, '127.0.0.1');
    try {
      const before = await countAppeals();
      await send(
        port,
        { from: 'tls@example.uz', subject: 'Over TLS', text: 'An appeal that travelled encrypted.' },
        { requireTLS: true, ca: tls?.cert },
      );
      expect(await countAppeals()).toBe(before + 1);
      // The plain port does not pretend: a client that requires TLS is turned away there, nothing filed.
      await expect(
        send(intakePort, { from: 'tls@example.uz', text: 'Plain.' }, { requireTLS: true, ca: tls?.cert }),
      ).rejects.toThrow();
      expect(await countAppeals()).toBe(before + 1);
    } finally {
      await secure.close();
    }
  });

  it('refuses to start with half a key pair or an unreadable file', () => {
    expect(() => loadConfig({ MAIL_INTAKE_TLS_KEY: '/nonexistent.pem' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ MAIL_INTAKE_TLS_KEY: '/nonexistent.pem', MAIL_INTAKE_TLS_CERT: '/nonexistent.pem' }),
    ).toThrow(/cannot read/);
  });
});
