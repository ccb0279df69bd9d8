import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { errorCodes } from '../../contracts/errors.ts';

let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
});

function expectCode(
  response: { statusCode: number; json(): { error: { code: string } } },
  status: number,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  expect(response.json().error.code).toBe(code);
  expect(errorCodes).toContain(code);
}

describe('hostile and malformed input', () => {
  it('answers broken JSON with MALFORMED_REQUEST', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: { 'content-type': 'application/json' },
      payload: '{"type": "ariza", ',
    });
    expectCode(response, 400, 'MALFORMED_REQUEST');
  });

  it('answers a body over the limit with PAYLOAD_TOO_LARGE', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(400_000) }),
    });
    expectCode(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a text longer than 10,000 characters with a field error', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      payload: { type: 'ariza', applicant: { kind: 'anonymous' }, text: 'a'.repeat(10_001), consent: true },
    });
    expectCode(response, 400, 'VALIDATION_FAILED');
    expect(response.json().error.fields).toEqual([{ path: 'text', message: expect.any(String) }]);
  });

  it('answers deeply nested JSON without crashing', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: { 'content-type': 'application/json' },
      payload: deep,
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });

  it('answers an unsupported content type with UNSUPPORTED_MEDIA_TYPE', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: { 'content-type': 'application/xml' },
      payload: '<appeal/>',
    });
    expectCode(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers broken multipart with a 4xx code', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
      payload: '--zzz\r\nContent-Disposition: form-data; name="text"\r\n\r\nhello',
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(errorCodes).toContain(response.json().error.code);
  });

  it('ignores __proto__ keys instead of polluting objects', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: { 'content-type': 'application/json' },
      payload:
        '{"__proto__":{"admin":true},"type":"ariza","applicant":{"kind":"anonymous"},"text":"Salom, bu sinov matni.","consent":true}',
    });
    expect(response.statusCode).toBe(201);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('answers invalid UTF-8 without a server error', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/appeals/track',
      headers: { 'content-type': 'application/json' },
      payload: Buffer.from([0x7b, 0x22, 0x6e, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });

  it('answers an unknown route with NOT_FOUND and a wrong method with a 4xx code', async () => {
    expectCode(await t.request({ method: 'GET', url: '/api/v1/nothing-here' }), 404, 'NOT_FOUND');
    const response = await t.request({ method: 'DELETE', url: '/api/v1/appeals/track' });
    expect(response.statusCode).toBe(404);
  });

  it('refuses staff-only fields from the public', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      payload: {
        type: 'ariza',
        applicant: { kind: 'anonymous' },
        text: 'Salom, bu sinov matni.',
        consent: true,
        channel: 'hotline',
        receivedAt: '2020-01-01T00:00:00Z',
      },
    });
    expectCode(response, 400, 'VALIDATION_FAILED');
    expect(
      response
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['channel', 'receivedAt']);
  });

  it('answers a staff endpoint without a session with UNAUTHENTICATED', async () => {
    expectCode(await t.request({ method: 'GET', url: '/api/v1/appeals' }), 401, 'UNAUTHENTICATED');
    expectCode(
      await t.request({ method: 'GET', url: '/api/v1/appeals/IIV-2026-0000001' }),
      401,
      'UNAUTHENTICATED',
    );
  });

  it('validates query strings with field errors', async () => {
    const clerk = await t.staff('clerk-query', 'clerk', 'IIV-1726266-APP');
    const response = await clerk.request({
      method: 'GET',
      url: '/api/v1/appeals?pageSize=100000&status=nonsense',
    });
    expectCode(response, 400, 'VALIDATION_FAILED');
  });
});

describe('health', () => {
  it('answers /healthz and /readyz when the database is up', async () => {
    expect((await t.request({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const ready = await t.request({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
  });

  it('publishes the OpenAPI document generated from the schemas', async () => {
    const response = await t.request({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.paths['/api/v1/appeals'].post).toBeDefined();
    expect(doc.paths['/api/v1/appeals/track'].post).toBeDefined();
  });
});
