import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerThroughApi, type Staff, staffOf } from '../../app/testing/answer-appeal.ts';
import { defaultAppeal, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { FixedClock } from '../clock.ts';
import { deliverNotice } from './deliver-notice.ts';
import { deliveryReportKey } from './delivery-reports.ts';
import { notifyApplicant } from './notify-applicant.ts';
import { type SmsGateway, type SmtpSink, startSmsGateway, startSmtpSink } from './testing/loopback-peers.ts';

// The outbox against real protocol peers on loopback: an SMTP server that keeps what it receives (read
// back with mailparser) and an HTTP SMS gateway that answers as the test tells it. Nothing is mocked.

const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;
let staff: Staff;
let smtp: SmtpSink;
let gateway: SmsGateway;

beforeAll(async () => {
  smtp = await startSmtpSink();
  gateway = await startSmsGateway();
  t = await startTestSystem({
    clock,
    env: {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Murojaat <noreply@murojaat.test>',
      SMS_PROVIDER: 'http',
      SMS_HTTP_URL: gateway.url,
      SMS_HTTP_TOKEN: 'gateway-secret',
      PUBLIC_URL: 'https://murojaat.test',
    },
  });
  staff = await staffOf(t);
});
afterAll(async () => {
  await t?.stop();
  await smtp?.stop();
  await gateway?.stop();
});

async function appealId(number: string): Promise<number> {
  const row = await t.ownerDb
    .selectFrom('appeals')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Runs the notice jobs the outbox holds for an appeal, under their own ids, as the worker would (the
 * worker's timing is proved once, below). Jobs already run are run again: that must send nothing twice.
 */
async function runNoticeJobs(number: string): Promise<void> {
  const id = await appealId(number);
  const { rows: jobs } = await sql<{ id: string; data: { appealId: number; template: string } }>`
    select id, data from pgboss.job
     where name = 'notify-applicant' and (data->>'appealId')::int = ${id} order by created_on`.execute(
    t.ownerDb,
  );
  for (const job of jobs) {
    await notifyApplicant(t.system.ctx, { ...job.data, jobId: job.id });
  }
}

async function noticesOf(number: string) {
  return t.ownerDb
    .selectFrom('notifications')
    .selectAll()
    .where('appeal_id', '=', await appealId(number))
    .orderBy('id')
    .execute();
}

const emailApplicant = {
  ...defaultAppeal.applicant,
  email: 'aziz.karimov@example.uz',
};

describe('notices by e-mail', () => {
  it('e-mails the registration, then the answer with its letter as a PDF, and records both as sent', async () => {
    const filed = await t.fileAppeal({
      applicant: emailApplicant,
      answerChannel: 'email',
      answerLanguage: 'ru',
    });
    const before = smtp.received.length;
    await runNoticeJobs(filed.number);

    const registered = smtp.received.slice(before);
    expect(registered).toHaveLength(1);
    expect(smtp.envelopes.at(-1)).toEqual(['aziz.karimov@example.uz']);
    expect(registered[0]?.subject).toBe(`Обращение ${filed.number}: зарегистрировано`);
    expect(registered[0]?.text).toContain(`зарегистрировано под номером ${filed.number}`);
    expect(registered[0]?.text).toContain(`https://murojaat.test/ru/track?number=${filed.number}`);
    expect(registered[0]?.html).toContain('<a href="https://murojaat.test/ru/track');
    // The access code opens the appeal: no notice carries it.
    expect(registered[0]?.text).not.toContain(filed.accessCode);
    expect(registered[0]?.html).not.toContain(filed.accessCode);

    await answerThroughApi(staff, filed.number, 'Hurmatli Aziz Karimov, telefoningiz topildi.');
    await runNoticeJobs(filed.number);

    const answered = smtp.received.slice(before + 1);
    expect(answered).toHaveLength(1);
    expect(answered[0]?.text).toContain(`По вашему обращению ${filed.number} готов ответ.`);
    expect(answered[0]?.text).toContain('Письмо с ответом приложено.');
    const pdf = answered[0]?.attachments[0];
    expect(pdf?.filename).toBe(`${filed.number}-answer.pdf`);
    expect(pdf?.content.subarray(0, 4).toString('latin1')).toBe('%PDF');

    const rows = await noticesOf(filed.number);
    expect(rows.map((r) => [r.template, r.channel, r.status, r.attempts])).toEqual([
      ['registered', 'email', 'sent', 1],
      ['answered', 'email', 'sent', 1],
    ]);
    expect(rows.every((r) => r.sent_at !== null && r.provider_id?.includes('@murojaat.test'))).toBe(true);
  });
});

describe('notices by SMS', () => {
  it('texts the registration and the forwarding through the gateway, short and in the applicant’s language', async () => {
    const filed = await t.fileAppeal({
      applicant: { ...defaultAppeal.applicant, phone: '90 123 45 67' },
      answerChannel: 'sms',
      answerLanguage: 'uz',
    });
    const before = gateway.requests.length;
    await runNoticeJobs(filed.number);

    const [registered] = gateway.requests.slice(before);
    expect(registered?.headers.authorization).toBe('Bearer gateway-secret');
    expect(registered?.headers['content-type']).toBe('application/json');
    expect(registered?.body.to).toBe('+998901234567');
    expect(registered?.body.text).toBe(
      `Murojaatingiz ${filed.number} raqami bilan ro'yxatga olindi. https://murojaat.test/uz/track?number=${filed.number}`,
    );
    expect(registered?.body.text).not.toContain(filed.accessCode);

    const forwarded = await staff.clerk.request({
      method: 'POST',
      url: `/api/v1/appeals/${filed.number}/transitions`,
      payload: { action: 'forward', to: 'Yunusobod tumani hokimligi', reason: 'Vakolat doirasida emas' },
    });
    expect(forwarded.statusCode, forwarded.body).toBe(200);
    await runNoticeJobs(filed.number);

    const sent = gateway.requests.slice(before);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.body.text).toContain(
      `Murojaatingiz ${filed.number} vakolatli organga yuborildi: Yunusobod tumani hokimligi.`,
    );
    const rows = await noticesOf(filed.number);
    expect(rows.map((r) => [r.template, r.status, r.provider_id])).toEqual([
      ['registered', 'sent', `gw-${before + 1}`],
      ['forwarded', 'sent', `gw-${before + 2}`],
    ]);
    expect(sent.map((r) => r.body.id)).toEqual(rows.map((r) => String(r.id)));

    // The gateway reports back what the phone network said: by the provider's id or by ours.
    const key = deliveryReportKey(t.system.ctx.protector);
    const report = (payload: Record<string, unknown>, withKey = key) =>
      t.request({ method: 'POST', url: `/api/v1/channels/sms/report?key=${withKey}`, payload });
    const wrongKey = await report({ id: `gw-${before + 1}`, status: 'DELIVRD' }, 'x'.repeat(32));
    expect(wrongKey.statusCode).toBe(404);
    expect((await report({ id: `gw-${before + 1}`, status: 'DELIVRD' })).json()).toEqual({
      outcome: 'delivered',
    });
    expect((await report({ id: rows[1]?.id, status: 'UNDELIV' })).json()).toEqual({ outcome: 'failed' });
    expect((await report({ id: 'gw-unknown', status: 'DELIVRD' })).json()).toEqual({ outcome: 'ignored' });
    expect((await report({ id: `gw-${before + 1}`, status: 'ENROUTE' })).json()).toEqual({
      outcome: 'ignored',
    });
    const reported = await t.ownerDb
      .selectFrom('notifications')
      .innerJoin('appeals', 'appeals.id', 'notifications.appeal_id')
      .select(['notifications.status', 'notifications.error_code'])
      .where('appeals.number', '=', filed.number)
      .orderBy('notifications.id')
      .execute();
    expect(reported).toEqual([
      { status: 'delivered', error_code: null },
      { status: 'failed', error_code: 'refused:SMS UNDELIV' },
    ]);
    // A provider id that is also one of our own ids names the provider's message, never ours.
    const [first, second] = rows;
    await t.ownerDb
      .updateTable('notifications')
      .set({ provider_id: String(second?.id) })
      .where('id', '=', Number(first?.id))
      .execute();
    expect((await report({ id: String(second?.id), status: 'UNDELIV' })).json()).toEqual({
      outcome: 'failed',
    });
    const firstNow = await t.ownerDb
      .selectFrom('notifications')
      .select('status')
      .where('id', '=', Number(first?.id))
      .executeTakeFirstOrThrow();
    expect(firstNow.status).toBe('failed');
  });

  it('retries while the gateway fails, then records the notice failed with the reason, and a resend delivers it', async () => {
    const filed = await t.fileAppeal({
      applicant: { ...defaultAppeal.applicant, phone: '+998 90 765 43 21' },
      answerChannel: 'sms',
      answerLanguage: 'ru',
    });
    const id = await appealId(filed.number);
    const logged: string[] = [];
    const log = { ...t.system.ctx.log, warn: (line: string) => logged.push(line) };
    const ctx = { ...t.system.ctx, log };
    gateway.state.status = 500;
    try {
      // An attempt that is not the last throws, so the job queue tries again with back-off.
      await expect(
        notifyApplicant(ctx, {
          appealId: id,
          template: 'registered',
          jobId: `retry-${filed.number}`,
          attempt: { retryCount: 0, last: false },
        }),
      ).rejects.toThrow('The SMS gateway answered HTTP 500.');
      expect((await noticesOf(filed.number)).map((r) => [r.status, r.attempts, r.error])).toEqual([
        ['retrying', 1, 'The SMS gateway answered HTTP 500.'],
      ]);
      await notifyApplicant(ctx, {
        appealId: id,
        template: 'registered',
        jobId: `retry-${filed.number}`,
        attempt: { retryCount: 8, last: true },
      });
    } finally {
      gateway.state.status = 200;
    }
    // The log names the notice, the appeal and the reason; never the number it went to or the words.
    expect(logged).toHaveLength(2);
    expect(logged[1]).toContain(
      `of appeal ${filed.number} not delivered by sms: The SMS gateway answered HTTP 500.`,
    );
    expect(logged.join('\n')).not.toMatch(/765|ro'yxat|зарегистр/);
    const [failed] = await noticesOf(filed.number);
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 2,
      error: 'The SMS gateway answered HTTP 500.',
    });

    // The appeal waits in the appeals unit, whose clerk sees it; the investigators' head does not yet.
    const list = await staff.clerk.request({ method: 'GET', url: '/api/v1/notifications?status=failed' });
    expect(list.statusCode, list.body).toBe(200);
    const listed = list.json<{ id: number; appealNumber: string; error: string }[]>();
    expect(listed).toContainEqual(
      expect.objectContaining({
        id: failed?.id,
        appealNumber: filed.number,
        channel: 'sms',
        status: 'failed',
        error: 'The SMS gateway answered HTTP 500.',
        // A stable code the console says in the reader's language.
        errorCode: 'unavailable:HTTP 500',
      }),
    );
    // The list names no phone number, e-mail address or text.
    expect(list.body).not.toContain('765');

    const resend = await staff.clerk.request({
      method: 'POST',
      url: `/api/v1/notifications/${failed?.id}/resend`,
    });
    expect(resend.statusCode, resend.body).toBe(200);
    expect(resend.json()).toMatchObject({ id: failed?.id, status: 'queued' });
    const again = await staff.clerk.request({
      method: 'POST',
      url: `/api/v1/notifications/${failed?.id}/resend`,
    });
    expect(again.json().error.code).toBe('NOTICE_ALREADY_DELIVERED');

    // The resend went through the outbox: run the job it enqueued.
    const before = gateway.requests.length;
    const { rows: jobs } = await sql<{ data: { notificationId: number } }>`
      select data from pgboss.job
       where name = 'deliver-notice' and (data->>'notificationId')::int = ${failed?.id ?? 0}`.execute(
      t.ownerDb,
    );
    expect(jobs).toHaveLength(1);
    await deliverNotice(t.system.ctx, jobs[0]?.data.notificationId ?? 0);
    expect(gateway.requests.slice(before).map((r) => r.body.to)).toEqual(['+998907654321']);
    const [sent] = await noticesOf(filed.number);
    expect(sent).toMatchObject({ status: 'sent', error: null, attempts: 3 });

    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select(['action', 'target_id'])
      .where('action', '=', 'notification.resend')
      .execute();
    expect(audit).toContainEqual({ action: 'notification.resend', target_id: String(failed?.id) });
  });

  it('marks a number that does not exist as failed at once, without retrying', async () => {
    const filed = await t.fileAppeal({ answerChannel: 'sms', answerLanguage: 'en' });
    await runNoticeJobs(filed.number);
    const [row] = await noticesOf(filed.number);
    expect(row).toMatchObject({ status: 'failed', error: 'The appeal has no phone number to send to.' });
    const list = await staff.clerk.request({ method: 'GET', url: '/api/v1/notifications?status=failed' });
    const listed = list.json<{ appealNumber: string; errorCode: string | null }[]>();
    expect(listed.find((n) => n.appealNumber === filed.number)?.errorCode).toBe('no_address:SMS');
  });
});

describe('channels that send nothing', () => {
  it('keeps a notice for an unconfigured channel waiting, and sends nothing anywhere', async () => {
    const filed = await t.fileAppeal({
      applicant: { ...emailApplicant, phone: '+998901112233' },
      answerChannel: 'telegram',
    });
    const mails = smtp.received.length;
    const texts = gateway.requests.length;
    await runNoticeJobs(filed.number);
    expect((await noticesOf(filed.number)).map((r) => r.status)).toEqual(['awaiting_channel']);
    expect(smtp.received.length).toBe(mails);
    expect(gateway.requests.length).toBe(texts);
  });

  it('keeps a notice by post for staff, who mark it posted (audited)', async () => {
    const filed = await t.fileAppeal({ answerChannel: 'post' });
    await runNoticeJobs(filed.number);
    const [row] = await noticesOf(filed.number);
    expect(row?.status).toBe('awaiting_post');

    const list = await staff.clerk.request({
      method: 'GET',
      url: '/api/v1/notifications?status=awaiting_post',
    });
    expect(list.json<{ id: number }[]>().map((n) => n.id)).toContain(row?.id);
    const posted = await staff.clerk.request({
      method: 'POST',
      url: `/api/v1/notifications/${row?.id}/mark-posted`,
    });
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json()).toMatchObject({ status: 'posted' });
    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'notification.mark_posted')
      .where('target_id', '=', String(row?.id))
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('who sees undelivered notices', () => {
  it('shows them to heads, clerks and admins of the scope only', async () => {
    const filed = await t.fileAppeal({ answerChannel: 'post' });
    await runNoticeJobs(filed.number);
    const [row] = await noticesOf(filed.number);

    const executor = await staff.executor.request({
      method: 'GET',
      url: '/api/v1/notifications?status=awaiting_post',
    });
    expect(executor.statusCode).toBe(403);
    const stranger = await t.staff('other-head', 'head', 'IIV-1703202-INV');
    const elsewhere = await stranger.request({
      method: 'GET',
      url: '/api/v1/notifications?status=awaiting_post',
    });
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json<{ id: number }[]>().map((n) => n.id)).not.toContain(row?.id);
    const resend = await stranger.request({
      method: 'POST',
      url: `/api/v1/notifications/${row?.id}/mark-posted`,
    });
    expect(resend.statusCode).toBe(404);
  });
});

describe('the worker', () => {
  it('delivers the registration notice by itself after commit', async () => {
    const w = await startTestSystem({
      clock,
      workers: true,
      env: { SMS_PROVIDER: 'http', SMS_HTTP_URL: gateway.url },
    });
    try {
      const before = gateway.requests.length;
      const filed = await w.fileAppeal({
        applicant: { ...defaultAppeal.applicant, phone: '+998935550011' },
        answerChannel: 'sms',
        answerLanguage: 'oz',
      });
      await expect
        .poll(() => gateway.requests.slice(before).map((r) => r.body.to), { timeout: 15_000 })
        .toEqual(['+998935550011']);
      expect(gateway.requests.at(-1)?.body.text).toContain(`Мурожаатингиз ${filed.number} рақами билан`);
      await expect
        .poll(
          async () =>
            (
              await w.ownerDb
                .selectFrom('notifications')
                .innerJoin('appeals', 'appeals.id', 'notifications.appeal_id')
                .select('notifications.status')
                .where('appeals.number', '=', filed.number)
                .execute()
            ).map((r) => r.status),
          { timeout: 5_000 },
        )
        .toEqual(['sent']);
    } finally {
      await w.stop();
    }
  });
});
