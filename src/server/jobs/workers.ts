import { retrainCategoryModel } from '../assist/model-versions.ts';
import { triageAppeal } from '../assist/triage-appeal.ts';
import type { AppContext } from '../context.ts';
import { deliverNotice } from '../notify/deliver-notice.ts';
import { notifyApplicant } from '../notify/notify-applicant.ts';

/** Starts the workers of every queue in this process. */
export async function startWorkers(ctx: AppContext): Promise<void> {
  await ctx.jobs.work('triage-appeal', async (data) => {
    await triageAppeal(ctx, data.appealId);
  });
  await ctx.jobs.work('nlp-retrain', async (data) => {
    await retrainCategoryModel(ctx, data.requestedBy);
  });
  // One notice per fetch: a gateway that fails one notice must not put its neighbours' back in the queue.
  const oneAtATime = { batchSize: 1 };
  await ctx.jobs.work(
    'notify-applicant',
    (data, jobId, attempt) => notifyApplicant(ctx, { ...data, jobId, attempt }),
    oneAtATime,
  );
  await ctx.jobs.work(
    'notify-urgent',
    (data, jobId, attempt) =>
      notifyApplicant(ctx, { appealId: data.appealId, template: 'urgent-received', jobId, attempt }),
    oneAtATime,
  );
  await ctx.jobs.work(
    'deliver-notice',
    (data, _jobId, attempt) => deliverNotice(ctx, data.notificationId, attempt),
    oneAtATime,
  );
}
