import { z } from 'zod';
import { answerChannels, answerLanguages } from '../../contracts/enums.ts';
import { findByNumber } from '../appeals/appeals.repository.ts';
import type { AppContext } from '../context.ts';
import type { JobAttempt } from '../jobs/job-queue.ts';
import { deliveredLetter } from '../templates/print-answer-letter.ts';
import { DeliveryError, type OutgoingNotice, type Recipient } from './channel-adapter.ts';
import { composeNotice } from './notice-texts.ts';
import {
  applicantChannelOf,
  noticeById,
  recordNoticeFailure,
  recordNoticeSent,
  setNoticeStatus,
} from './notify.repository.ts';

/**
 * Statuses a delivery starts from: just recorded, or between retries. A failed or waiting notice goes out
 * again only when staff resend it (which queues it); sent, posted and tracking-page notices are done.
 */
const deliverable = new Set(['queued', 'retrying']);

/** Notices that carry the formal letter. */
const withLetter = new Set(['answered', 'not-considered']);

const contactsSchema = z.object({ phone: z.string().optional(), email: z.string().optional() });

/**
 * Delivers one recorded notice through its channel's adapter and records the outcome: `sent` with the
 * provider's id; on a temporary failure `retrying` and a throw (the job queue tries again with back-off),
 * or `failed` with the reason on the last attempt or a permanent failure. A channel nobody configured
 * leaves it `awaiting_channel`, a post notice `awaiting_post`: staff see both in the console.
 */
export async function deliverNotice(
  ctx: AppContext,
  notificationId: number,
  attempt: JobAttempt = { retryCount: 0, last: true },
): Promise<void> {
  const notice = await noticeById(ctx.db, notificationId);
  if (!notice?.appeal_id || !deliverable.has(notice.status)) return;
  const appeal = await applicantChannelOf(ctx.db, notice.appeal_id);
  if (!appeal || appeal.sandbox) return;
  if (notice.channel === 'post') return setNoticeStatus(ctx.db, notice.id, 'awaiting_post');
  const channel = answerChannels.find((c) => c === notice.channel);
  const adapter = channel ? ctx.channels.get(channel) : undefined;
  if (!channel || !adapter) return setNoticeStatus(ctx.db, notice.id, 'awaiting_channel');

  const language = answerLanguages.find((l) => l === notice.language) ?? 'uz';
  const publicUrl = ctx.config.publicUrl?.replace(/\/$/, '');
  // The letter travels with an e-mail or a Telegram message; an SMS only says the answer is ready.
  const letter =
    channel !== 'sms' && withLetter.has(notice.template) ? await letterOf(ctx, appeal.number) : undefined;
  const text = composeNotice({
    template: notice.template,
    language,
    number: appeal.number,
    trackingUrl: publicUrl ? `${publicUrl}/${language}/track?number=${appeal.number}` : null,
    dueOn: appeal.due_on,
    forwardedTo: appeal.forwarded_to,
    withLetter: letter !== undefined,
  });
  const outgoing: OutgoingNotice = {
    id: notice.id,
    appealId: appeal.id,
    appealNumber: appeal.number,
    template: notice.template,
    language,
    subject: text.subject,
    text: channel === 'sms' ? text.sms : text.text,
    html: text.html,
    ...(letter ? { letter: { filename: letter.filename, content: letter.pdf } } : {}),
  };

  try {
    const { providerId } = await adapter.send(outgoing, recipientOf(ctx, appeal));
    await recordNoticeSent(ctx.db, notice.id, providerId, ctx.clock.now());
  } catch (error) {
    // Only our own reasons are kept: another error's message may quote an address or the text.
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError('The channel failed unexpectedly.');
    const final = failure.permanent || attempt.last;
    await recordNoticeFailure(ctx.db, notice.id, {
      status: final ? 'failed' : 'retrying',
      error: failure.reason,
      errorCode: failure.detail ? `${failure.code}:${failure.detail}` : failure.code,
      at: ctx.clock.now(),
    });
    ctx.log.warn(
      `Notice ${notice.id} (${notice.template}) of appeal ${appeal.number} not delivered by ${channel}` +
        `${final ? '' : `, will try again (attempt ${attempt.retryCount + 1})`}: ${failure.reason}`,
    );
    if (!final) throw failure;
  }
}

/** The applicant's contacts, opened from the sealed record only now, at send time. */
function recipientOf(ctx: AppContext, appeal: { number: string; applicant_enc: Buffer | null }): Recipient {
  if (!appeal.applicant_enc) return {};
  const parsed = contactsSchema.safeParse(ctx.protector.open(appeal.applicant_enc, appeal.number));
  return parsed.success ? parsed.data : {};
}

async function letterOf(ctx: AppContext, number: string) {
  const appeal = await findByNumber(ctx.db, number);
  return appeal ? deliveredLetter(ctx, appeal) : undefined;
}
