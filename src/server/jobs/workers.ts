import { retrainCategoryModel } from '../assist/model-versions.ts';
import { triageAppeal } from '../assist/triage-appeal.ts';
import type { AppContext } from '../context.ts';
import { notifyApplicant } from '../notify/notify-applicant.ts';

/** Starts the workers of every queue in this process. */
export async function startWorkers(ctx: AppContext): Promise<void> {
  await ctx.jobs.work('triage-appeal', async (data) => {
    await triageAppeal(ctx, data.appealId);
  });
  await ctx.jobs.work('nlp-retrain', async (data) => {
    await retrainCategoryModel(ctx, data.requestedBy);
  });
  await ctx.jobs.work('notify-applicant', (data, jobId) => notifyApplicant(ctx, { ...data, jobId }));
  await ctx.jobs.work('notify-urgent', async (data, jobId) => {
    await notifyApplicant(ctx, { appealId: data.appealId, template: 'urgent-received', jobId });
  });
}
