import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingNotice } from './channel-adapter.ts';
import { eskizSmsAdapter, httpSmsAdapter } from './sms-adapters.ts';

// A fake Eskiz on loopback that speaks its documented HTTP API: `POST /auth/login` (form: email,
// password) → `{ data: { token } }`, and `POST /message/sms/send` (form: mobile_phone, message, from,
// callback_url; bearer token) → `{ id, status: 'waiting' }`. Tokens it has revoked answer 401.

interface EskizCall {
  path: string;
  authorization: string | undefined;
  form: Record<string, string>;
}

const calls: EskizCall[] = [];
const valid = new Set<string>();
let issued = 0;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(Buffer.from(chunk));
    // The platform's own multipart parser reads the form as Eskiz would.
    const type = request.headers['content-type'] ?? '';
    const parsed = type.startsWith('multipart/form-data')
      ? await new Request('http://eskiz.test/', {
          method: 'POST',
          headers: { 'content-type': type },
          body: Buffer.concat(chunks),
        }).formData()
      : new FormData();
    const form = Object.fromEntries([...parsed.entries()].map(([k, v]) => [k, String(v)]));
    calls.push({ path: request.url ?? '', authorization: request.headers.authorization, form });
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/api/auth/login') {
      if (form.email !== 'ops@murojaat.test' || form.password !== 'eskiz-password') {
        return send(401, { message: 'Invalid credentials' });
      }
      issued += 1;
      const token = `token-${issued}`;
      valid.add(token);
      return send(200, { message: 'token_generated', data: { token }, token_type: 'bearer' });
    }
    if (request.url === '/api/message/sms/send') {
      const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (!valid.has(token)) return send(401, { message: 'Expired' });
      return send(200, {
        id: `eskiz-${calls.length}`,
        status: 'waiting',
        message: 'Waiting for SMS provider',
      });
    }
    return send(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const notice: OutgoingNotice = {
  id: 41,
  appealId: 7,
  appealNumber: 'IIV-2026-0000041',
  template: 'registered',
  language: 'uz',
  subject: 'Murojaat IIV-2026-0000041',
  text: "Murojaatingiz IIV-2026-0000041 raqami bilan ro'yxatga olindi.",
};

describe('the Eskiz adapter', () => {
  it('signs in once, sends with the token, and signs in again when Eskiz revokes it', async () => {
    const eskiz = eskizSmsAdapter({
      apiUrl: base,
      email: 'ops@murojaat.test',
      password: 'eskiz-password',
      from: '4546',
      callbackUrl: 'https://murojaat.test/sms/report',
    });
    const first = await eskiz.send(notice, { phone: '+998901234567' });
    expect(calls.map((c) => c.path)).toEqual(['/api/auth/login', '/api/message/sms/send']);
    expect(calls[1]).toEqual({
      path: '/api/message/sms/send',
      authorization: 'Bearer token-1',
      form: {
        mobile_phone: '998901234567',
        message: notice.text,
        from: '4546',
        callback_url: 'https://murojaat.test/sms/report',
      },
    });
    expect(first.providerId).toBe('eskiz-2');

    await eskiz.send(notice, { phone: '+998901234567' });
    expect(calls).toHaveLength(3);

    valid.clear();
    const renewed = await eskiz.send(notice, { phone: '+998901234567' });
    expect(calls.slice(3).map((c) => [c.path, c.authorization])).toEqual([
      ['/api/message/sms/send', 'Bearer token-1'],
      ['/api/auth/login', undefined],
      ['/api/message/sms/send', 'Bearer token-2'],
    ]);
    expect(renewed.providerId).toBe('eskiz-6');
  });

  it('names a refused account in words staff can act on', async () => {
    const eskiz = eskizSmsAdapter({
      apiUrl: base,
      email: 'ops@murojaat.test',
      password: 'wrong',
      from: '4546',
      callbackUrl: undefined,
    });
    await expect(eskiz.send(notice, { phone: '+998901234567' })).rejects.toMatchObject({
      reason: 'Eskiz refused the account (check ESKIZ_EMAIL and ESKIZ_PASSWORD).',
    });
  });
});

describe('the generic HTTP gateway adapter', () => {
  it('reads a refused request as final and an unreachable gateway as worth another try', async () => {
    const refused = httpSmsAdapter({ url: `${base}/nowhere`, token: undefined });
    await expect(refused.send(notice, { phone: '+998901234567' })).rejects.toMatchObject({
      reason: 'The SMS gateway answered HTTP 404.',
      permanent: true,
    });
    const closed = httpSmsAdapter({ url: 'http://127.0.0.1:1/send', token: undefined });
    await expect(closed.send(notice, { phone: '+998901234567' })).rejects.toMatchObject({
      reason: 'The SMS gateway could not be reached (no connection).',
      permanent: false,
    });
  });
});
