import nodemailer from 'nodemailer';
import {
  type ChannelAdapter,
  DeliveryError,
  type OutgoingNotice,
  type Recipient,
} from './channel-adapter.ts';

/** The parts of an SMTP failure nodemailer reports that say what went wrong without quoting anyone. */
interface SmtpFailure {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

/**
 * Why a message was not sent, in words staff read. nodemailer's own messages quote the server's reply,
 * which often repeats the recipient's address, so only the codes are kept.
 */
function reasonOf(error: unknown): DeliveryError {
  const failure: SmtpFailure = typeof error === 'object' && error !== null ? error : {};
  const reply = typeof failure.responseCode === 'number' ? failure.responseCode : null;
  if (failure.code === 'EAUTH') {
    return new DeliveryError(
      'The mail server refused our sign-in (check SMTP_URL).',
      reply === null || reply >= 500,
      'account',
      reply === null ? 'SMTP' : `SMTP ${reply}`,
    );
  }
  if (reply !== null && reply >= 500) {
    // 5xx is the server's final word: a refused address or sender is not fixed by trying again.
    const what = failure.command === 'RCPT TO' ? 'refused the recipient address' : 'refused the message';
    return new DeliveryError(`The mail server ${what} (SMTP ${reply}).`, true, 'refused', `SMTP ${reply}`);
  }
  if (reply !== null)
    return new DeliveryError(
      `The mail server asked to try later (SMTP ${reply}).`,
      false,
      'unavailable',
      `SMTP ${reply}`,
    );
  const code = typeof failure.code === 'string' ? failure.code : 'unknown error';
  if (code === 'EAUTH')
    return new DeliveryError(
      'The mail server refused our sign-in (check SMTP_URL).',
      true,
      'account',
      'SMTP',
    );
  return new DeliveryError(`The mail server could not be reached (${code}).`, false, 'unavailable', 'SMTP');
}

/** A mail of our own composing that answers one the applicant sent (the e-mail intake's reply). */
export interface ReplyMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Our Message-ID for it, without the domain: a reply to it names the appeal. */
  localId: string;
  /** The Message-ID of the mail answered, so mail programs keep both in one thread. */
  inReplyTo: string | undefined;
}

/** Sends replies through the same SMTP server and sender as the notices. */
export interface MailReplier {
  send(mail: ReplyMail): Promise<void>;
  close(): Promise<void>;
}

/** The sender of the e-mail intake's replies: `SMTP_URL` and `MAIL_FROM`, like the notices. */
export function mailReplier(options: { url: string; from: string }): MailReplier {
  const transport = nodemailer.createTransport(options.url);
  const domain = domainOf(options.from);
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: `<${mail.localId}@${domain}>`,
          ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo, references: [mail.inReplyTo] } : {}),
          // Marked as an automatic answer, so an auto-responder at the other end stays silent.
          headers: { 'Auto-Submitted': 'auto-replied' },
        });
      } catch (error) {
        throw reasonOf(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}

function domainOf(from: string): string {
  return from.replace(/^.*@/, '').replace(/>.*$/, '') || 'murojaat.local';
}

/**
 * E-mail through the SMTP server of `SMTP_URL` (smtp:// with STARTTLS when the server offers it, smtps://
 * for TLS from the first byte, user:password@ for sign-in), from `MAIL_FROM`.
 */
export function emailAdapter(options: { url: string; from: string }): ChannelAdapter {
  const transport = nodemailer.createTransport(options.url);
  const domain = domainOf(options.from);
  return {
    channel: 'email',
    async send(notice: OutgoingNotice, to: Recipient) {
      if (!to.email)
        throw new DeliveryError('The appeal has no e-mail address to send to.', true, 'no_address', 'e-mail');
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: to.email,
          subject: notice.subject,
          text: notice.text,
          html: notice.html,
          // The same id on every attempt lets a mail server drop a copy it already took.
          messageId: `<${notice.key ?? `notice-${notice.id}`}@${domain}>`,
          attachments: [
            ...(notice.letter
              ? [
                  {
                    filename: notice.letter.filename,
                    content: notice.letter.content,
                    contentType: 'application/pdf',
                  },
                ]
              : []),
            ...(notice.attachments ?? []),
          ],
        });
        return { providerId: typeof info.messageId === 'string' ? info.messageId : null };
      } catch (error) {
        throw reasonOf(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}
