import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingNotice } from './channel-adapter.ts';
import { emailAdapter } from './email-adapter.ts';

// The e-mail adapter against a real SMTP server on loopback that wants a sign-in and refuses one mailbox.

const signIns: string[] = [];
const subjects: string[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      signIns.push(`${auth.username}:${auth.password}`);
      if (auth.username === 'murojaat' && auth.password === 'mail-secret') return callback(null, { user: 1 });
      return callback(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, callback) {
      if (address.address === 'gone@example.uz') {
        return callback(
          Object.assign(new Error(`Mailbox ${address.address} unavailable`), { responseCode: 550 }),
        );
      }
      return callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          subjects.push(mail.subject ?? '');
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const notice: OutgoingNotice = {
  id: 9,
  appealId: 3,
  appealNumber: 'IIV-2026-0000009',
  template: 'registered',
  language: 'en',
  subject: 'Appeal IIV-2026-0000009: registered',
  text: 'Your appeal has been registered under number IIV-2026-0000009.',
  html: '<p>Your appeal has been registered under number IIV-2026-0000009.</p>',
};

describe('the e-mail adapter', () => {
  it('signs in with the user and password of SMTP_URL', async () => {
    const adapter = emailAdapter({
      url: `smtp://murojaat:mail-secret@127.0.0.1:${port}`,
      from: 'Murojaat <noreply@murojaat.test>',
    });
    const sent = await adapter.send(notice, { email: 'aziz@example.uz' });
    await adapter.close?.();
    expect(signIns.at(-1)).toBe('murojaat:mail-secret');
    expect(subjects.at(-1)).toBe('Appeal IIV-2026-0000009: registered');
    expect(sent.providerId).toBe('<notice-9@murojaat.test>');
  });

  it('reads a refused mailbox as final, and says so without the address', async () => {
    const adapter = emailAdapter({
      url: `smtp://murojaat:mail-secret@127.0.0.1:${port}`,
      from: 'noreply@murojaat.test',
    });
    const failure = await adapter.send(notice, { email: 'gone@example.uz' }).catch((error: unknown) => error);
    await adapter.close?.();
    expect(failure).toMatchObject({
      reason: 'The mail server refused the recipient address (SMTP 550).',
      permanent: true,
    });
    expect(JSON.stringify(failure)).not.toContain('gone@');
  });

  it('reads a refused sign-in as a configuration problem', async () => {
    const adapter = emailAdapter({
      url: `smtp://murojaat:wrong@127.0.0.1:${port}`,
      from: 'noreply@murojaat.test',
    });
    await expect(adapter.send(notice, { email: 'aziz@example.uz' })).rejects.toMatchObject({
      reason: 'The mail server refused our sign-in (check SMTP_URL).',
    });
    await adapter.close?.();
  });
});
