import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultAppeal,
  type StaffAgent,
  startTestSystem,
  type TestSystem,
} from '../../app/testing/test-system.ts';
import { endOfDay } from '../deadlines/calendar.ts';
import { startClock } from '../deadlines/legal-clock.ts';
import { rateLimitsFor } from '../http/rate-limits.ts';
import { signRequest } from './request-signature.ts';

let t: TestSystem;
let admin: StaffAgent;
let clerk: StaffAgent;

interface Issued {
  id: number;
  key: string;
  signingSecret: string;
}

async function issue(scopes: string[]): Promise<Issued> {
  const response = await admin.request({
    method: 'POST',
    url: '/api/v1/admin/integrations',
    payload: { name: `Virtual reception ${scopes.join('+')}`, scopes },
  });
  expect(response.statusCode).toBe(201);
  return response.json<Issued>();
}

let forwarder: Issued;
let forwarderWithData: Issued;

beforeAll(async () => {
  t = await startTestSystem();
  admin = await t.staff('fwd-admin', 'admin', 'IIV');
  clerk = await t.staff('fwd-clerk', 'clerk', 'IIV', { scopeSubtree: true });
  forwarder = await issue(['appeals:forward']);
  forwarderWithData = await issue(['appeals:forward', 'personal-data']);
});
afterAll(async () => {
  await t?.stop();
});

let nextId = 1;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

function appealBody(fields: Record<string, unknown> = {}) {
  return {
    ...defaultAppeal,
    source: 'pm.gov.uz',
    externalId: `VR-${Date.now()}-${nextId++}`,
    receivedAt: daysAgo(3),
    ...fields,
  };
}

/** Posts as a well-behaved sender does: the key, the current time, the signature over exactly these bytes. */
function forward(
  body: unknown,
  options: { as?: Issued; raw?: string; timestamp?: string; signature?: string | null; secret?: string } = {},
): Promise<LightMyRequestResponse> {
  const as = options.as ?? forwarder;
  const raw = options.raw ?? JSON.stringify(body);
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const signature =
    options.signature === undefined
      ? signRequest(options.secret ?? as.signingSecret, timestamp, raw)
      : options.signature;
  return t.request({
    method: 'POST',
    url: '/api/v1/integrations/appeals',
    headers: {
      authorization: `Bearer ${as.key}`,
      'content-type': 'application/json',
      'x-murojaat-timestamp': timestamp,
      ...(signature === null ? {} : { 'x-murojaat-signature': signature }),
    },
    payload: raw,
  });
}

const errorCode = (response: LightMyRequestResponse) =>
  response.json<{ error: { code: string } }>().error.code;

async function forwardedCount(source: string, externalId: string): Promise<number> {
  const rows = await t.ownerDb
    .selectFrom('forwarded_appeals')
    .select('appeal_id')
    .where('source', '=', source)
    .where('external_id', '=', externalId)
    .execute();
  return rows.length;
}

describe('forwarding appeals in', () => {
  it('registers a signed forwarded appeal on the virtual reception channel, with its source and external id', async () => {
    const body = appealBody();
    const response = await forward(body);
    expect(response.statusCode).toBe(201);
    const created = response.json<{ number: string; status: string; dueAt: string; accessCode?: string }>();
    expect(created).toMatchObject({ source: 'pm.gov.uz', externalId: body.externalId });
    expect(created.number).toMatch(/^IIV-\d{4}-\d{7}$/);
    // No personal data to a key not allowed it: not even the applicant's access code.
    expect(created.accessCode).toBeUndefined();

    const row = await t.ownerDb
      .selectFrom('appeals')
      .select(['channel', 'received_at'])
      .where('number', '=', created.number)
      .executeTakeFirstOrThrow();
    expect(row.channel).toBe('virtual_reception');
    expect(row.received_at.toISOString()).toBe(body.receivedAt);

    const card = await clerk.request({ method: 'GET', url: `/api/v1/appeals/${created.number}` });
    expect(card.statusCode).toBe(200);
    expect(card.json()).toMatchObject({
      channel: 'virtual_reception',
      origin: { source: 'pm.gov.uz', externalId: body.externalId },
    });

    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select(['data'])
      .where('action', '=', 'appeal.register')
      .where('target_id', '=', created.number)
      .executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({
      integration: forwarder.id,
      integrationName: 'Virtual reception appeals:forward',
      source: 'pm.gov.uz',
      externalId: body.externalId,
    });
  });

  it('runs the legal clock from the date the sender received the appeal', async () => {
    const receivedAt = daysAgo(10);
    const response = await forward(appealBody({ receivedAt }));
    expect(response.statusCode).toBe(201);
    const ref = t.system.ctx.reference();
    const fromReceipt = startClock({
      type: 'ariza',
      receivedAt: new Date(receivedAt),
      calendar: ref.calendar,
      settings: ref.clockSettings,
    });
    const fromNow = startClock({
      type: 'ariza',
      receivedAt: new Date(),
      calendar: ref.calendar,
      settings: ref.clockSettings,
    });
    expect(fromReceipt.dueOn).not.toBe(fromNow.dueOn);
    expect(response.json()).toMatchObject({
      receivedAt,
      dueAt: endOfDay(fromReceipt.dueOn).toISOString(),
    });
  });

  it('tells the access code to a key allowed personal data, again on a repeat', async () => {
    const body = appealBody();
    const first = await forward(body, { as: forwarderWithData });
    expect(first.statusCode).toBe(201);
    const code = first.json<{ accessCode: string }>().accessCode;
    expect(code).toMatch(/^[0-9A-Z]{8}$/);
    const again = await forward(body, { as: forwarderWithData });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ number: first.json().number, accessCode: code });
    // The same appeal asked after by a key not allowed personal data: the number, never the code.
    const other = await forward(body);
    expect(other.statusCode).toBe(200);
    expect(other.json().accessCode).toBeUndefined();
  });

  it('answers a repeated forward with the appeal the first one registered, and registers nothing more', async () => {
    const body = appealBody();
    const first = await forward(body);
    expect(first.statusCode).toBe(201);
    // The same content in another key order and time-zone spelling is the same appeal.
    const local = new Date(new Date(body.receivedAt).getTime() + 5 * 3_600_000)
      .toISOString()
      .replace('Z', '+05:00');
    const reordered = Object.fromEntries(Object.entries({ ...body, receivedAt: local }).reverse());
    const second = await forward(reordered);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ number: first.json().number, status: first.json().status });
    expect(await forwardedCount('pm.gov.uz', body.externalId)).toBe(1);
  });

  it('registers one appeal when the same forward arrives twice at once', async () => {
    const body = appealBody();
    const before = await t.ownerDb
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const answers = await Promise.all([forward(body), forward(body), forward(body)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().number)).size).toBe(1);
    expect(await forwardedCount('pm.gov.uz', body.externalId)).toBe(1);
    const after = await t.ownerDb
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);
  });

  it('is described in the OpenAPI document with its body and answers', async () => {
    const docs = await t.request({ method: 'GET', url: '/api/docs/json' });
    const operation = docs.json().paths['/api/v1/integrations/appeals']?.post;
    expect(operation?.requestBody?.content?.['application/json']?.schema?.properties).toHaveProperty(
      'externalId',
    );
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '201']));
  });

  it('refuses other content under ids already used, with FORWARDED_APPEAL_CONFLICT', async () => {
    const body = appealBody();
    expect((await forward(body)).statusCode).toBe(201);
    const changed = await forward({ ...body, text: `${body.text} Yana bir narsa qoʻshaman.` });
    expect(changed.statusCode).toBe(409);
    expect(errorCode(changed)).toBe('FORWARDED_APPEAL_CONFLICT');
    expect(await forwardedCount('pm.gov.uz', body.externalId)).toBe(1);
    // The same external id from another source is another appeal.
    const elsewhere = await forward({ ...body, source: 'my.gov.uz' });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('refuses a missing or wrong signature, and a body changed after signing', async () => {
    const body = appealBody();
    const missing = await forward(body, { signature: null });
    expect(missing.statusCode).toBe(401);
    expect(errorCode(missing)).toBe('INTEGRATION_SIGNATURE_INVALID');

    const garbage = await forward(body, { signature: 'sha256=not-hex' });
    expect(errorCode(garbage)).toBe('INTEGRATION_SIGNATURE_INVALID');

    // Signed with the API key instead of the signing secret: a key seen in a log signs nothing.
    const withKey = await forward(body, { secret: forwarder.key });
    expect(withKey.statusCode).toBe(401);
    expect(errorCode(withKey)).toBe('INTEGRATION_SIGNATURE_INVALID');

    // Another integration's secret.
    const otherSecret = await forward(body, { secret: forwarderWithData.signingSecret });
    expect(errorCode(otherSecret)).toBe('INTEGRATION_SIGNATURE_INVALID');

    // The body altered in transit under a valid signature of the original.
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = signRequest(forwarder.signingSecret, timestamp, JSON.stringify(body));
    const tampered = await forward(body, {
      raw: JSON.stringify({ ...body, territory: '1703202' }),
      timestamp,
      signature,
    });
    expect(tampered.statusCode).toBe(401);
    expect(errorCode(tampered)).toBe('INTEGRATION_SIGNATURE_INVALID');
    expect(await forwardedCount('pm.gov.uz', body.externalId)).toBe(0);
  });

  it('refuses a stale, future or missing timestamp, so that a captured request cannot be replayed later', async () => {
    const body = appealBody();
    const sixMinutes = 6 * 60;
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [String(now - sixMinutes), String(now + sixMinutes), '', 'yesterday']) {
      // Correctly signed over the stale timestamp: only its age is wrong.
      const response = await forward(body, { timestamp });
      expect(response.statusCode).toBe(401);
      expect(errorCode(response)).toBe('INTEGRATION_TIMESTAMP_INVALID');
    }
    expect(await forwardedCount('pm.gov.uz', body.externalId)).toBe(0);
    // Four minutes off is within the allowance.
    expect((await forward(body, { timestamp: String(now - 240) })).statusCode).toBe(201);
  });

  it('refuses a key without the appeals:forward scope, a revoked key, and no key', async () => {
    const openOnly = await issue(['open311', 'personal-data']);
    const wrongScope = await forward(appealBody(), { as: openOnly });
    expect(wrongScope.statusCode).toBe(403);
    expect(errorCode(wrongScope)).toBe('INTEGRATION_SCOPE_MISSING');

    const soonRevoked = await issue(['appeals:forward']);
    expect((await forward(appealBody(), { as: soonRevoked })).statusCode).toBe(201);
    const revoke = await admin.request({
      method: 'POST',
      url: `/api/v1/admin/integrations/${soonRevoked.id}/revoke`,
    });
    expect(revoke.statusCode).toBeLessThan(300);
    const revoked = await forward(appealBody(), { as: soonRevoked });
    expect(revoked.statusCode).toBe(403);
    expect(errorCode(revoked)).toBe('INTEGRATION_KEY_INVALID');

    const body = JSON.stringify(appealBody());
    const timestamp = String(Math.floor(Date.now() / 1000));
    const noKey = await t.request({
      method: 'POST',
      url: '/api/v1/integrations/appeals',
      headers: {
        'content-type': 'application/json',
        'x-murojaat-timestamp': timestamp,
        'x-murojaat-signature': signRequest(forwarder.signingSecret, timestamp, body),
      },
      payload: body,
    });
    expect(noKey.statusCode).toBe(403);
    expect(errorCode(noKey)).toBe('INTEGRATION_KEY_INVALID');

    // The key in X-Murojaat-Key works as well as in Authorization.
    const viaHeader = await t.request({
      method: 'POST',
      url: '/api/v1/integrations/appeals',
      headers: {
        'x-murojaat-key': forwarder.key,
        'content-type': 'application/json',
        'x-murojaat-timestamp': timestamp,
        'x-murojaat-signature': signRequest(forwarder.signingSecret, timestamp, body),
      },
      payload: body,
    });
    expect(viaHeader.statusCode).toBe(201);
  });

  it('answers malformed JSON, invalid fields and an oversized body with stable 4xx codes', async () => {
    const malformed = await forward(undefined, { raw: '{"source": "pm.gov.uz", ' });
    expect(malformed.statusCode).toBe(400);
    expect(errorCode(malformed)).toBe('MALFORMED_REQUEST');

    const invalid = await forward(appealBody({ externalId: 'has space', receivedAt: 'last week' }));
    expect(invalid.statusCode).toBe(400);
    expect(errorCode(invalid)).toBe('VALIDATION_FAILED');
    const paths = invalid.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['externalId', 'receivedAt']));

    const future = await forward(appealBody({ receivedAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(future.statusCode).toBe(400);
    expect(errorCode(future)).toBe('VALIDATION_FAILED');
    const ancient = await forward(appealBody({ receivedAt: daysAgo(400) }));
    expect(ancient.statusCode).toBe(400);
    expect(errorCode(ancient)).toBe('VALIDATION_FAILED');

    const oversized = await forward(appealBody({ text: 'x'.repeat(300 * 1024) }));
    expect(oversized.statusCode).toBe(413);
    expect(errorCode(oversized)).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('forwarding appeals in, rate limit', () => {
  it('counts posts per key and answers RATE_LIMITED past the allowance', async () => {
    const limited = await startTestSystem({
      rateLimits: { ...rateLimitsFor('off'), integration: { max: 2, timeWindow: 60_000 } },
    });
    try {
      const limitedAdmin = await limited.staff('fwd-limit-admin', 'admin', 'IIV');
      const issued = (
        await limitedAdmin.request({
          method: 'POST',
          url: '/api/v1/admin/integrations',
          payload: { name: 'Busy sender', scopes: ['appeals:forward'] },
        })
      ).json<Issued>();
      const post = (body: unknown) => {
        const raw = JSON.stringify(body);
        const timestamp = String(Math.floor(Date.now() / 1000));
        return limited.request({
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
      };
      expect((await post(appealBody())).statusCode).toBe(201);
      expect((await post(appealBody())).statusCode).toBe(201);
      const third = await post(appealBody());
      expect(third.statusCode).toBe(429);
      expect(errorCode(third)).toBe('RATE_LIMITED');
    } finally {
      await limited.stop();
    }
  });
});
