import type { AppContext } from '../context.ts';
import { applicantChannelOf, insertNotificationOnce } from './notify.repository.ts';

/**
 * Records a notice to the applicant (registration, extension, forwarding, answer …) on the channel they
 * chose. No outside channel (SMS gateway, mail server, Telegram bot) is configured in this build, so the
 * notice is kept as `awaiting_channel` and the applicant reads it on the tracking page; channel adapters
 * pick such rows up when an administrator configures them. Idempotent per job, so a retried job never
 * writes twice.
 */
export async function notifyApplicant(
  ctx: AppContext,
  input: { appealId: number; template: string; jobId: string },
): Promise<void> {
  const appeal = await applicantChannelOf(ctx.db, input.appealId);
  // The training sandbox's applicants are invented: nothing is ever sent for a sandbox appeal.
  if (!appeal || appeal.sandbox) return;
  await insertNotificationOnce(ctx.db, {
    jobId: input.jobId,
    appealId: appeal.id,
    channel: appeal.applicant_kind === 'anonymous' ? 'web' : appeal.answer_channel,
    template: input.template,
    language: appeal.answer_language,
    status:
      appeal.answer_channel === 'web' || appeal.applicant_kind === 'anonymous'
        ? 'shown_on_tracking_page'
        : 'awaiting_channel',
    createdAt: ctx.clock.now(),
  });
}
