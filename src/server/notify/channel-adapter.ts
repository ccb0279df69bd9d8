import type { AnswerChannel, AnswerLanguage } from '../../contracts/enums.ts';

// The contract between the outbox (which decides what to tell whom, in which language, and records what
// happened) and the adapters that speak one outside protocol each (SMTP, an SMS gateway's HTTP API, the
// Telegram Bot API). An adapter exists only when an administrator configured its channel: nothing personal
// leaves the server otherwise.

/** One notice to an applicant (or a staff member), composed in their language, ready for a channel. */
export interface OutgoingNotice {
  /** The notifications row's id: the idempotency key a provider sees, so a retry is never sent twice. */
  id: number;
  /** The idempotency key when the id is not a notifications row's (a staff notice's delivery). */
  key?: string;
  /** The appeal it is about; none for a staff member's address confirmation. */
  appealId: number | null;
  appealNumber: string | null;
  /** What happened: 'registered', 'answered', 'forwarded', 'deadline-extended', 'not-considered' … */
  template: string;
  language: AnswerLanguage;
  /** A subject line (e-mail) and the text: short enough for one SMS for the sms channel. */
  subject: string;
  text: string;
  /** The same text as simple HTML, for e-mail. */
  html?: string;
  /** The answer letter, when the notice carries an answer. */
  letter?: { filename: string; content: Buffer };
  /** Other files the e-mail carries (a staff member's monthly report). */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

/**
 * Where the applicant asked to be reached, opened from the sealed applicant record only at send time; or the
 * address a staff member linked for their own notices (their e-mail, or their Telegram chat, which then
 * replaces the chat the appeal was filed from).
 */
export interface Recipient {
  phone?: string;
  email?: string;
  telegramChatId?: number;
}

/**
 * Why a notice could not be delivered, as staff act on it: the applicant left no address for this channel;
 * the provider refused this notice for good; it could not be reached or asked to try later; it refused our
 * own account (a configuration matter); the citizen blocked the bot or left the chat; anything else.
 */
export const deliveryFailures = [
  'no_address',
  'refused',
  'unavailable',
  'account',
  'blocked',
  'unexpected',
] as const;
export type DeliveryFailure = (typeof deliveryFailures)[number];

/**
 * Why a notice could not be delivered: a stable code (with a number such as the HTTP or SMTP reply, never
 * personal data) the console says in the reader's language, and an English sentence for the logs;
 * `permanent` stops retries.
 */
export class DeliveryError extends Error {
  constructor(
    readonly reason: string,
    readonly permanent = false,
    readonly code: DeliveryFailure = 'unexpected',
    readonly detail: string | null = null,
  ) {
    super(reason);
  }
}

/** One configured outside channel. */
export interface ChannelAdapter {
  readonly channel: AnswerChannel;
  /**
   * Sends one notice; resolves with the provider's message id when it gives one, throws `DeliveryError`
   * (or any error, read as temporary) when it could not.
   */
  send(notice: OutgoingNotice, to: Recipient): Promise<{ providerId: string | null }>;
  /** Stops background work (polling, open connections). */
  close?(): Promise<void>;
  /**
   * Where a citizen can start hearing from this channel by themselves (the bot's t.me link), once known;
   * the tracking page offers it. Channels that only send to an address the citizen gave have none.
   */
  publicAddress?(): string | undefined;
}
