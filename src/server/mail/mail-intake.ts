import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { z } from 'zod';
import { limits } from '../../contracts/limits.ts';
import type { MailIntakeTls } from '../config.ts';
import type { AppContext } from '../context.ts';
import { DeliveryError } from '../notify/channel-adapter.ts';
import type { MailReplier } from '../notify/email-adapter.ts';
import { composeReply } from './mail-replies.ts';
import { type IncomingMail, receiveMail } from './receive-mail.ts';

/** An SMTP reply with its code, as smtp-server sends an error's `responseCode`. */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

const address = z.email();

/** Pauses before each retry of a reply, in milliseconds (the last entry is never waited). */
const replyPauses = [2_000, 10_000, 0];

/**
 * Mail a program sent, not a person: delivery reports (the null sender), auto-replies and list traffic.
 * Filing them would answer a machine with another machine's mail, and a bounce of our reply would put the
 * access code it quotes into an appeal's text.
 */
function isAutomatic(mail: ParsedMail, session: SMTPServerSession): boolean {
  const envelopeFrom = session.envelope.mailFrom;
  if (envelopeFrom === false || !envelopeFrom.address) return true;
  const autoSubmitted = mail.headers.get('auto-submitted');
  if (typeof autoSubmitted === 'string' && autoSubmitted.trim().toLowerCase() !== 'no') return true;
  const precedence = mail.headers.get('precedence');
  return typeof precedence === 'string' && /^(bulk|junk|list)$/i.test(precedence.trim());
}

/** The In-Reply-To and References ids of a mail. */
function idsAnswered(mail: ParsedMail): string[] {
  const references = typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []);
  return [...(mail.inReplyTo ? [mail.inReplyTo] : []), ...references];
}

/** What intake reads of a parsed mail, or undefined when there is nobody to answer. */
function incomingOf(mail: ParsedMail, session: SMTPServerSession): IncomingMail | undefined {
  const sender = mail.from?.value[0];
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const from = [sender?.address, envelopeFrom]
    .map((a) => a?.trim().toLowerCase())
    .find((a) => a !== undefined && address.safeParse(a).success);
  if (!from) return undefined;
  return {
    from,
    displayName: sender?.address?.toLowerCase() === from ? (sender.name ?? '') : '',
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    replyTo: idsAnswered(mail),
    files: mail.attachments
      // A part that is the body's own picture (cid:) is still a file the person sent.
      .map((a, i) => ({ filename: a.filename ?? `file-${i + 1}`, content: a.content })),
  };
}

/**
 * The e-mail door: an SMTP listener on MAIL_INTAKE_PORT that the ministry's mail server hands incoming mail
 * to. Each message is accepted (250) only after its appeal is committed; a failure answers 451 so the
 * sending server tries again. The reply — the number and access code, or that a message was added — goes
 * after commit to the address the mail came from, through SMTP_URL. Logs hold numbers, never addresses or
 * texts.
 */
export class MailIntake {
  readonly #ctx: AppContext;
  readonly #replier: MailReplier | undefined;
  readonly #server: SMTPServer;
  readonly #pending = new Set<Promise<void>>();
  readonly #maxBytes: number;
  readonly #tls: boolean;
  #closing = false;

  constructor(options: {
    ctx: AppContext;
    replier: MailReplier | undefined;
    /** The largest message taken, in bytes (limits.mailMaxBytes unless a test wants a small one). */
    maxBytes?: number;
    /** A key pair turns STARTTLS on; without one the port speaks plain SMTP. */
    tls?: MailIntakeTls | undefined;
  }) {
    this.#ctx = options.ctx;
    this.#replier = options.replier;
    this.#maxBytes = options.maxBytes ?? limits.mailMaxBytes;
    this.#tls = options.tls !== undefined;
    this.#server = new SMTPServer({
      name: 'murojaat',
      banner: 'Murojaat appeals by e-mail',
      size: this.#maxBytes,
      // Mail comes from the ministry's own mail server, which speaks TLS to the world; the hop to us is
      // encrypted too when the administrator gives a key pair (MAIL_INTAKE_TLS_KEY / _CERT).
      disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
      logger: false,
      onData: (stream, session, callback) => {
        this.#receive(stream, session).then(
          () => callback(null),
          (error: unknown) => callback(error instanceof Error ? error : new Error('failed')),
        );
      },
    });
    // A broken connection is the client's problem, not the process's.
    this.#server.on('error', (error) => this.#ctx.log.warn(`E-mail intake: ${error.message}`));
  }

  /** Starts listening; resolves with the port (useful when 0 asked for a free one). */
  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.server.once('error', reject);
      this.#server.listen(port, host, () => resolve());
    });
    const bound = this.#server.server.address() as AddressInfo;
    this.#ctx.log.info(
      `E-mail intake listening on ${host}:${bound.port}${this.#tls ? ' (STARTTLS offered)' : ''}${this.#replier ? '' : ' (no SMTP_URL: nobody gets a reply with the access code)'}`,
    );
    return bound.port;
  }

  /** Stops taking mail and waits for replies already on their way. */
  async close(): Promise<void> {
    this.#closing = true;
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    await Promise.allSettled([...this.#pending]);
    await this.#replier?.close();
  }

  async #receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += bytes.length;
      // Past the limit the rest is read and dropped: the client still gets its answer.
      if (size <= this.#maxBytes) chunks.push(bytes);
    }
    if (stream.sizeExceeded || size > this.#maxBytes) {
      throw smtpError(552, `Message exceeds the limit of ${this.#maxBytes} bytes`);
    }
    const parsed = await simpleParser(Buffer.concat(chunks));
    const mail = incomingOf(parsed, session);
    if (!mail || isAutomatic(parsed, session)) {
      this.#ctx.log.info(
        'E-mail intake: an automatic message (delivery report or auto-reply) was not filed.',
      );
      return;
    }
    let outcome: Awaited<ReturnType<typeof receiveMail>>;
    try {
      outcome = await receiveMail(this.#ctx, mail);
    } catch (error) {
      this.#ctx.log.error(
        `E-mail intake: a message could not be filed, the sender's server will try again (${error instanceof Error ? error.name : 'error'}).`,
      );
      throw smtpError(451, 'Temporary failure, please try again later');
    }
    this.#ctx.log.info(
      outcome.kind === 'registered'
        ? `E-mail intake: appeal ${outcome.number} registered.`
        : `E-mail intake: a message added to appeal ${outcome.number}.`,
    );
    // After commit; the session is answered without waiting for the reply to leave.
    const sending = this.#reply(mail, parsed.messageId, outcome).finally(() => this.#pending.delete(sending));
    this.#pending.add(sending);
  }

  async #reply(
    mail: IncomingMail,
    messageId: string | undefined,
    outcome: Awaited<ReturnType<typeof receiveMail>>,
  ): Promise<void> {
    if (!this.#replier) return;
    const text = composeReply(outcome.reply, outcome.language);
    const reply = {
      to: mail.from,
      ...text,
      localId: `appeal.${outcome.number}.${randomUUID()}`,
      inReplyTo: messageId,
    };
    // The code exists only in this reply (the database keeps its hash): a mail server that is briefly away
    // gets a few more tries, unless it refused for good or the process is stopping.
    for (const [attempt, pause] of replyPauses.entries()) {
      try {
        await this.#replier.send(reply);
        return;
      } catch (error) {
        const final =
          attempt === replyPauses.length - 1 ||
          this.#closing ||
          (error instanceof DeliveryError && error.permanent);
        if (final) {
          this.#ctx.log.warn(
            `E-mail intake: the reply about appeal ${outcome.number} was not sent (${error instanceof DeliveryError ? error.reason : 'unexpected error'}).`,
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }
}
