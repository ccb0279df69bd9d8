import type { AnswerChannel } from '../../contracts/enums.ts';
import type { AppContext } from '../context.ts';
import type { JobAttempt } from '../jobs/job-queue.ts';
import { deliverNotice } from './deliver-notice.ts';
import { applicantChannelOf, insertNotificationOnce } from './notify.repository.ts';

/**
 * Records a notice to the applicant (registration, extension, forwarding, answer …) on the channel they
 * chose, then delivers it. Web and anonymous applicants read it on the tracking page; a notice by post
 * waits for staff to post the letter; the others go through their channel's adapter when an administrator
 * configured one. Idempotent per job: a retried job finds its row and delivers it again only if it has not
 * gone yet.
 */
export async function notifyApplicant(
  ctx: AppContext,
  input: {
    appealId: number;
    template: string;
    /** Another channel than the applicant's current one: the one a `channel-changed` notice warns. */
    channel?: AnswerChannel | undefined;
    jobId: string;
    attempt?: JobAttempt;
  },
): Promise<void> {
  const appeal = await applicantChannelOf(ctx.db, input.appealId);
  // The training sandbox's applicants are invented: nothing is ever sent for a sandbox appeal.
  if (!appeal || appeal.sandbox) return;
  const channel = input.channel ?? appeal.answer_channel;
  const onTrackingPage = channel === 'web' || appeal.applicant_kind === 'anonymous';
  const notice = await insertNotificationOnce(ctx.db, {
    jobId: input.jobId,
    appealId: appeal.id,
    channel: onTrackingPage ? 'web' : channel,
    template: input.template,
    language: appeal.answer_language,
    status: onTrackingPage ? 'shown_on_tracking_page' : 'queued',
    createdAt: ctx.clock.now(),
  });
  if (onTrackingPage) return;
  await deliverNotice(ctx, notice.id, input.attempt);
}
