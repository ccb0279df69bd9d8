import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// The outside peers of the notices as real servers on loopback, for tests: an SMTP server that keeps what
// it receives (read back with mailparser) and a generic HTTP SMS gateway that answers as the test tells it.

/** An SMTP sink on a free loopback port, with each mail's envelope recipients. */
export async function startSmtpSink() {
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      envelopes.push(session.envelope.rcptTo.map((r) => r.address));
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
    envelopes,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/** One message as the SMS gateway received it. */
export interface GatewayRequest {
  headers: IncomingHttpHeaders;
  body: { to: string; text: string; id: string };
}

/** A generic SMS gateway (SMS_PROVIDER=http): takes JSON, answers `status` (200 until told otherwise). */
export async function startSmsGateway() {
  const requests: GatewayRequest[] = [];
  const state = { status: 200 };
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    request.on('end', () => {
      requests.push({ headers: request.headers, body: JSON.parse(raw) });
      response.writeHead(state.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(state.status < 300 ? { id: `gw-${requests.length}` } : { error: 'down' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    requests,
    state,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SmsGateway = Awaited<ReturnType<typeof startSmsGateway>>;
