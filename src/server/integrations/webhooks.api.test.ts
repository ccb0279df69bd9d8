import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerThroughApi, staffOf } from '../../app/testing/answer-appeal.ts';
import {
  defaultAppeal,
  type StaffAgent,
  startTestSystem,
  type TestSystem,
} from '../../app/testing/test-system.ts';
import { deliverWebhook } from './deliver-webhook.ts';
import { signatureProblem, signRequest } from './request-signature.ts';

// Webhooks against real receivers on loopback, with the real job workers: every delivery below goes
// through the outbox, pg-boss and an HTTP request.

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver: answers each request with the next status of `answers` (the last one repeats), or never. */
class Receiver {
  readonly received: Received[] = [];
  answers: (number | 'never')[] = [200];
  readonly #server: Server;

  constructor() {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        const answer = this.answers.length > 1 ? this.answers.shift() : this.answers[0];
        if (answer === 'never') return;
        response.writeHead(answer ?? 200, { 'content-type': 'text/plain' });
        response.end(answer === 200 ? 'thanks' : 'receiver is down');
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hooks/murojaat`;
  }

  /** The deliveries this receiver got about one appeal. */
  about(number: string) {
    return this.received.filter((r) => r.body.includes(`"${number}"`));
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

let t: TestSystem;
let admin: StaffAgent;
const receivers: Receiver[] = [];

async function receiver(): Promise<{ receiver: Receiver; url: string }> {
  const r = new Receiver();
  receivers.push(r);
  return { receiver: r, url: await r.start() };
}

async function integration(scopes: string[]): Promise<number> {
  const created = await admin.request({
    method: 'POST',
    url: '/api/v1/admin/integrations',
    payload: { name: `Receiver ${scopes.join(' ')}`, scopes },
  });
  expect(created.statusCode).toBe(201);
  return created.json<{ id: number }>().id;
}

async function subscribe(payload: Record<string, unknown>) {
  const created = await admin.request({ method: 'POST', url: '/api/v1/admin/webhooks', payload });
  expect(created.statusCode, created.body).toBe(201);
  return created.json<{ id: number; secret: string }>();
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function deliveriesOf(subscriptionId: number) {
  return t.ownerDb
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('id')
    .execute();
}

const applicant = {
  ...defaultAppeal.applicant,
  phone: '+998 90 123-45-67',
  email: 'aziz.karimov@example.uz',
};

beforeAll(async () => {
  t = await startTestSystem({ workers: true });
  admin = await t.staff('hooks-admin', 'admin', 'IIV');
});
afterAll(async () => {
  for (const r of receivers) await r.stop();
  await t?.stop();
});

describe('webhooks', () => {
  it('signs each delivery with the secret over the timestamp and the body, and never sends the access code', async () => {
    const { receiver: r, url } = await receiver();
    const hook = await subscribe({
      integrationId: await integration(['webhooks']),
      url,
      events: ['registered'],
    });
    expect(hook.secret).toMatch(/^mjw_[A-Za-z0-9_-]{43}$/);
    const filed = await t.fileAppeal({ applicant });

    const [got] = await waitFor('the delivery', () =>
      r.about(filed.number).length > 0 ? r.about(filed.number) : undefined,
    );
    if (!got) throw new Error('no delivery');
    const signature = String(got.headers['x-murojaat-signature']);
    const timestamp = String(got.headers['x-murojaat-timestamp']);
    expect(signature).toBe(signRequest(hook.secret, timestamp, got.body));
    const check = (secret: string, body: string, now = new Date()) =>
      signatureProblem({ secret, timestamp, signature, rawBody: Buffer.from(body), now });
    expect(check(hook.secret, got.body)).toBeUndefined();
    // Another secret, a changed body or an old timestamp does not verify.
    expect(check('mjw_someone-else-secret', got.body)).toBe('signature');
    expect(check(hook.secret, got.body.replace('registered', 'answered'))).toBe('signature');
    expect(check(hook.secret, got.body, new Date(Date.now() + 3_600_000))).toBe('timestamp');

    const body = JSON.parse(got.body);
    expect(body).toMatchObject({
      schema: 'murojaat.webhook.v1',
      event: 'registered',
      appeal: { number: filed.number, status: 'registered', type: 'ariza' },
    });
    expect(body.id).toMatch(/^evt_\d+$/);
    expect(got.headers['x-murojaat-event']).toBe('registered');
    expect(got.body).not.toContain(filed.accessCode);
    expect(got.body).not.toMatch(/access/i);
    // Without the personal-data scope: no name, no contacts, no words of the appeal.
    expect(body.applicant).toBeUndefined();
    for (const secretWord of ['Karimov', 'Aziz', '45-67', 'example.uz', 'Telefonimni', 'Yunusobod'])
      expect(got.body).not.toContain(secretWord);

    const stored = await t.ownerDb
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('id', '=', hook.id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_enc.toString('latin1')).not.toContain(hook.secret.slice(4));
    // The receiver has its request before the server records its answer: wait for the record.
    const list = await waitFor('the delivery recorded', async () => {
      const listed = await admin.request({ method: 'GET', url: '/api/v1/admin/webhooks' });
      const mine = listed
        .json<{ id: number; lastDelivery?: { status: string } }[]>()
        .find((h) => h.id === hook.id);
      return mine?.lastDelivery?.status === 'delivered' ? listed : undefined;
    });
    expect(list.body).not.toContain(hook.secret.slice(4));
    expect(list.json()).toContainEqual(
      expect.objectContaining({
        id: hook.id,
        personalData: false,
        lastDelivery: expect.objectContaining({
          status: 'delivered',
          responseCode: 200,
          responseExcerpt: 'thanks',
        }),
      }),
    );
  });

  it('sends the applicant name and contacts only when the integration holds the personal-data scope', async () => {
    const { receiver: r, url } = await receiver();
    await subscribe({
      integrationId: await integration(['webhooks', 'personal-data']),
      url,
      events: ['registered'],
    });
    const filed = await t.fileAppeal({ applicant });
    const [got] = await waitFor('the delivery', () =>
      r.about(filed.number).length > 0 ? r.about(filed.number) : undefined,
    );
    const body = JSON.parse(got?.body ?? '{}');
    expect(body.applicant).toEqual({
      kind: 'individual',
      name: 'Karimov Aziz',
      phone: expect.stringContaining('45'),
      email: 'aziz.karimov@example.uz',
    });
    expect(got?.body).not.toContain(filed.accessCode);
    expect(got?.body).not.toContain('Telefonimni');

    // A complaint about an officer is told to no receiver but the one whose system sent it in: nobody
    // else learns that it exists (the officer complained about might run the receiving system).
    const complaintText =
      'Yunusobod IIB patrul xodimi leytenant Qodirov Sanjar menga qoʻpol muomala qildi va pora talab qildi.';
    const complaint = await t.fileAppeal({ type: 'shikoyat', applicant, text: complaintText });
    const after = await t.fileAppeal({ applicant });
    await waitFor('the appeal filed after the complaint', () =>
      r.about(after.number).length > 0 ? true : undefined,
    );
    await new Promise((done) => setTimeout(done, 1_000));
    expect(r.about(complaint.number)).toEqual([]);

    const sender = await admin.request({
      method: 'POST',
      url: '/api/v1/admin/integrations',
      payload: {
        name: 'Virtual reception with webhooks',
        scopes: ['appeals:forward', 'webhooks', 'personal-data'],
      },
    });
    const issued = sender.json<{ id: number; key: string; signingSecret: string }>();
    const own = await receiver();
    await subscribe({ integrationId: issued.id, url: own.url, events: ['registered'] });
    const raw = JSON.stringify({
      ...defaultAppeal,
      type: 'shikoyat',
      applicant,
      text: complaintText,
      source: 'pm.gov.uz',
      externalId: `VR-hooks-${Date.now()}`,
      receivedAt: new Date().toISOString(),
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const forwarded = await t.request({
      method: 'POST',
      url: '/api/v1/integrations/appeals',
      headers: {
        authorization: `Bearer ${issued.key}`,
        'content-type': 'application/json',
        'x-murojaat-timestamp': timestamp,
        'x-murojaat-signature': signRequest(issued.signingSecret, timestamp, raw),
      },
      payload: raw,
    });
    expect(forwarded.statusCode, forwarded.body).toBe(201);
    const number = forwarded.json<{ number: string }>().number;
    const [told] = await waitFor('the forwarded complaint', () =>
      own.receiver.about(number).length > 0 ? own.receiver.about(number) : undefined,
    );
    expect(JSON.parse(told?.body ?? '{}')).toMatchObject({
      event: 'registered',
      appeal: { type: 'shikoyat' },
    });
    // Even to its sender, whoever complains about an officer is not named, whatever the scope.
    expect(JSON.parse(told?.body ?? '{}').applicant).toBeUndefined();
    for (const word of ['Karimov', 'example.uz', 'Qodirov']) expect(told?.body).not.toContain(word);
    expect(r.about(number)).toEqual([]);
  });

  it('tells the steps an appeal takes through the change kernel, only the events subscribed to', async () => {
    const { receiver: r, url } = await receiver();
    await subscribe({ integrationId: await integration(['webhooks']), url, events: ['routed', 'answered'] });
    const filed = await t.fileAppeal();
    await answerThroughApi(
      await staffOf(t),
      filed.number,
      'Murojaatingiz koʻrib chiqildi, choralar koʻrildi.',
    );
    const bodies = await waitFor('both deliveries', () => {
      const got = r.about(filed.number).map((x) => JSON.parse(x.body));
      // Each event is its own job: the routing may arrive after the answer.
      return got.some((b) => b.event === 'answered') && got.some((b) => b.event === 'routed')
        ? got
        : undefined;
    });
    // Triage (a worker here) may route the appeal before the clerk does: each routing is told once.
    expect(new Set(bodies.map((b) => `${b.event}:${b.appeal.status}`))).toEqual(
      new Set(['routed:assigned', 'answered:answered']),
    );
    expect(new Set(bodies.map((b) => b.id)).size).toBe(bodies.length);
    expect(JSON.stringify(bodies)).not.toContain('choralar');
  });

  it('retries a receiver that answers 500 with back-off and records it delivered when it answers 200', async () => {
    const { receiver: r, url } = await receiver();
    r.answers = [500, 200];
    const hook = await subscribe({
      integrationId: await integration(['webhooks']),
      url,
      events: ['registered'],
    });
    const filed = await t.fileAppeal();

    const retrying = await waitFor('the first failure', async () => {
      const [d] = await deliveriesOf(hook.id);
      return d?.status === 'retrying' ? d : undefined;
    });
    expect(retrying).toMatchObject({
      attempts: 1,
      response_code: 500,
      response_excerpt: 'receiver is down',
      error: 'HTTP 500',
    });
    const delivered = await waitFor('the retry', async () => {
      const [d] = await deliveriesOf(hook.id);
      return d?.status === 'delivered' ? d : undefined;
    });
    expect(delivered).toMatchObject({ attempts: 2, response_code: 200, error: null });
    const [first, second] = r.about(filed.number);
    // The same event in both attempts, so the receiver can drop a repeat.
    expect(JSON.parse(second?.body ?? '{}').id).toBe(JSON.parse(first?.body ?? '{}').id);
    // pg-boss waited (at least the 5 s of the first back-off step) before trying again.
    expect(delivered.last_attempt_at?.getTime() ?? 0).toBeGreaterThanOrEqual(
      (retrying.last_attempt_at?.getTime() ?? 0) + 4_500,
    );
  }, 40_000);

  it('times out a receiver that never answers, retries it, and keeps intake fast meanwhile', async () => {
    const { receiver: r, url } = await receiver();
    r.answers = ['never'];
    const hook = await subscribe({
      integrationId: await integration(['webhooks']),
      url,
      events: ['registered'],
    });
    const filed = await t.fileAppeal();
    await waitFor('the hanging request', () => (r.about(filed.number).length > 0 ? true : undefined));

    // The worker is waiting on the receiver now; a new appeal is registered without waiting for it.
    const started = performance.now();
    const next = await t.fileAppeal();
    const took = performance.now() - started;
    expect(next.number).not.toBe(filed.number);
    expect(took).toBeLessThan(1_500);

    const timedOut = await waitFor('the timeout', async () => {
      const d = (await deliveriesOf(hook.id)).find((x) => x.status === 'retrying');
      return d;
    });
    expect(timedOut).toMatchObject({ attempts: 1, response_code: null, error: 'no answer within 5 s' });

    // The last attempt fails for good; an administrator sends it again once the receiver answers.
    await deliverWebhook(t.system.ctx, timedOut.id, { retryCount: 8, last: true });
    const failed = (await deliveriesOf(hook.id)).find((d) => d.id === timedOut.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2, error: 'no answer within 5 s' });
    const listed = await admin.request({
      method: 'GET',
      url: `/api/v1/admin/webhooks/${hook.id}/deliveries`,
    });
    expect(listed.json()).toContainEqual(
      expect.objectContaining({ id: timedOut.id, status: 'failed', attempts: 2 }),
    );

    r.answers = [202];
    const resent = await admin.request({
      method: 'POST',
      url: `/api/v1/admin/webhook-deliveries/${timedOut.id}/resend`,
    });
    expect(resent.statusCode).toBe(200);
    const delivered = await waitFor('the re-sent delivery', async () => {
      const d = (await deliveriesOf(hook.id)).find((x) => x.id === timedOut.id);
      return d?.status === 'delivered' ? d : undefined;
    });
    expect(delivered.response_code).toBe(202);
    const again = await admin.request({
      method: 'POST',
      url: `/api/v1/admin/webhook-deliveries/${timedOut.id}/resend`,
    });
    expect(again.statusCode).toBe(200);

    const off = await admin.request({
      method: 'POST',
      url: `/api/v1/admin/webhooks/${hook.id}/active`,
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('target_type', '=', 'webhook')
      .where('target_id', '=', String(hook.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'webhook.create',
      'webhook.resend',
      'webhook.resend',
      'webhook.deactivate',
    ]);
  }, 60_000);

  it('sends nothing once the integration is revoked', async () => {
    const { receiver: r, url } = await receiver();
    const integrationId = await integration(['webhooks']);
    const hook = await subscribe({ integrationId, url, events: ['registered'] });
    await admin.request({ method: 'POST', url: `/api/v1/admin/integrations/${integrationId}/revoke` });
    const filed = await t.fileAppeal();
    const [failed] = await waitFor('the refused delivery', async () => {
      const rows = await deliveriesOf(hook.id);
      return rows.some((d) => d.status === 'failed') ? rows : undefined;
    });
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 0,
      error: 'subscription inactive or integration revoked',
    });
    expect(r.about(filed.number)).toEqual([]);
  });

  it('refuses URLs that are not http(s) or carry credentials, and integrations without the webhooks scope', async () => {
    const integrationId = await integration(['webhooks']);
    for (const url of [
      'ftp://example.uz/hook',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://user:password@example.uz/hook',
      'not a url',
    ]) {
      const response = await admin.request({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        payload: { integrationId, url, events: ['registered'] },
      });
      expect(response.statusCode, url).toBe(400);
    }
    const unknownEvent = await admin.request({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      payload: { integrationId, url: 'https://example.uz/hook', events: ['deleted'] },
    });
    expect(unknownEvent.statusCode).toBe(400);
    const open311Only = await integration(['open311', 'personal-data']);
    const noScope = await admin.request({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      payload: { integrationId: open311Only, url: 'https://example.uz/hook', events: ['registered'] },
    });
    expect(noScope.statusCode).toBe(400);
    expect(noScope.json()).toMatchObject({ error: { code: 'WEBHOOK_INTEGRATION_INVALID' } });
  });

  it('lets only administrators see, register, switch or re-send webhooks', async () => {
    const analyst = await t.staff('hooks-analyst', 'analyst', 'IIV');
    const auditor = await t.staff('hooks-auditor', 'auditor', 'IIV');
    const integrationId = await integration(['webhooks', 'personal-data']);
    for (const agent of [analyst, auditor]) {
      const attempts = [
        agent.request({ method: 'GET', url: '/api/v1/admin/webhooks' }),
        agent.request({
          method: 'POST',
          url: '/api/v1/admin/webhooks',
          payload: { integrationId, url: 'https://attacker.example/hook', events: ['registered'] },
        }),
        agent.request({ method: 'POST', url: '/api/v1/admin/webhooks/1/active', payload: { active: false } }),
        agent.request({ method: 'GET', url: '/api/v1/admin/webhooks/1/deliveries' }),
        agent.request({ method: 'POST', url: '/api/v1/admin/webhook-deliveries/1/resend' }),
      ];
      for (const response of await Promise.all(attempts)) expect(response.statusCode).toBe(403);
    }
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/webhooks' })).statusCode).toBe(401);
    const count = await t.ownerDb
      .selectFrom('webhook_subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('url', '=', 'https://attacker.example/hook')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
