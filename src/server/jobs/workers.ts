import { rerollDirtyDays } from '../analytics/daily-rollup.repository.ts';
import { detectSurges } from '../analytics/detect-surges.ts';
import { refreshOpenStats } from '../analytics/open-statistics.ts';
import { retrainCategoryModel } from '../assist/model-versions.ts';
import { triageAppeal } from '../assist/triage-appeal.ts';
import type { AppContext } from '../context.ts';
import { deliverWebhook, fanOutWebhookEvent } from '../integrations/deliver-webhook.ts';
import { deliverNotice } from '../notify/deliver-notice.ts';
import { deliverStaffNotice } from '../notify/deliver-staff-notice.ts';
import { notifyApplicant } from '../notify/notify-applicant.ts';
import { sendDeadlineReminders } from '../notify/staff-notices.ts';
import { deliverReport } from '../reports/deliver-report.ts';
import { generateMonthlyReports } from '../reports/generate-reports.ts';
import { runRetention } from '../retention/retention.ts';
import { reencryptBatch } from '../security/rotate-keys.ts';

/** How often the deadline reminders look for appeals to remind of (each fact is told once anyway). */
const REMINDER_INTERVAL_MS = 10 * 60_000;

/** Starts the workers of every queue in this process, and the deadline reminders; returns how to stop them. */
export async function startWorkers(ctx: AppContext): Promise<{ stop(): void }> {
  await ctx.jobs.work('triage-appeal', async (data) => {
    await triageAppeal(ctx, data.appealId);
  });
  await ctx.jobs.work('nlp-retrain', async (data, _jobId, attempt) => {
    await retrainCategoryModel(ctx, data.requestedBy, { signal: attempt.signal });
  });
  await ctx.jobs.work('notify-applicant', (data, jobId, attempt) =>
    notifyApplicant(ctx, { ...data, jobId, attempt }),
  );
  await ctx.jobs.work('notify-urgent', (data, jobId, attempt) =>
    notifyApplicant(ctx, { appealId: data.appealId, template: 'urgent-received', jobId, attempt }),
  );
  await ctx.jobs.work('deliver-notice', (data, _jobId, attempt) =>
    deliverNotice(ctx, data.notificationId, attempt),
  );
  await ctx.jobs.work('deliver-staff-notice', (data, _jobId, attempt) =>
    deliverStaffNotice(ctx, data.deliveryId, attempt),
  );
  await ctx.jobs.work('webhook-event', (data) => fanOutWebhookEvent(ctx, data.eventId));
  // One delivery per fetch: a receiver that never answers holds up at most one timeout, not a batch of them.
  await ctx.jobs.work(
    'deliver-webhook',
    (data, _jobId, attempt) => deliverWebhook(ctx, data.deliveryId, attempt),
    {
      batchSize: 1,
    },
  );
  await ctx.jobs.work('detect-surges', async () => {
    const found = await detectSurges(ctx);
    // Counts only: which territories and categories surged is for the heads' console, not the log.
    ctx.log.info(
      { surges: found.surges, raised: found.raised, notified: found.notified, seconds: found.seconds },
      'surge detection',
    );
  });
  // Seven minutes past each hour: after the hour's intake has settled, away from other hourly work.
  await ctx.jobs.schedule('detect-surges', '7 * * * *', {});
  await ctx.jobs.work('refresh-open-stats', () => refreshOpenStats(ctx));
  // The public statistics say when they were rebuilt: hourly, and once at start so a new server has them.
  await ctx.jobs.schedule('refresh-open-stats', '12 * * * *', {});
  await ctx.jobs.work('analytics-rollup', async () => {
    const days = await rerollDirtyDays(ctx.db);
    if (days > 0) ctx.log.info({ days }, 'daily roll-up re-rolled');
  });
  // Each minute: the leaders' figures for whole days are at most about a minute behind the appeals.
  await ctx.jobs.schedule('analytics-rollup', '* * * * *', {});
  await ctx.jobs.work('generate-monthly-reports', async () => {
    const run = await generateMonthlyReports(ctx);
    // Counts only: whose reports and of which units is for the console.
    ctx.log.info(run, 'monthly reports');
  });
  // The 1st of each month at 03:30 in Tashkent: the month before has ended, and the day's work not begun.
  await ctx.jobs.schedule('generate-monthly-reports', '30 3 1 * *', {});
  await ctx.jobs.work(
    'deliver-report',
    (data, _jobId, attempt) => deliverReport(ctx, data.reportId, attempt),
    {
      batchSize: 1,
    },
  );
  await ctx.jobs.work('retention-run', async () => {
    const run = await runRetention(ctx);
    // Counts only (the audit log has the same entry).
    ctx.log.info(
      { anonymised: run.anonymised, skippedForHold: run.skippedForHold, filesDeleted: run.filesDeleted },
      'retention run',
    );
  });
  // Daily at 02:40 in Tashkent, when nobody works on appeals.
  await ctx.jobs.schedule('retention-run', '40 2 * * *', {});
  // One batch at a time: each job enqueues the next after the rotation's pause (the throttle).
  await ctx.jobs.work(
    'reencrypt-personal-data',
    async (data) => {
      await reencryptBatch(ctx, data);
    },
    { batchSize: 1 },
  );
  const remind = () =>
    sendDeadlineReminders(ctx).catch((error: unknown) => {
      // Counts and codes only: the next round tries again.
      ctx.log.warn(
        { err: { message: error instanceof Error ? error.message : String(error) } },
        'deadline reminders failed',
      );
    });
  const refreshStats = () =>
    refreshOpenStats(ctx).catch((error: unknown) => {
      ctx.log.warn(
        { err: { message: error instanceof Error ? error.message : String(error) } },
        'open statistics refresh failed',
      );
    });
  const timers = [
    setTimeout(remind, 5_000),
    setInterval(remind, REMINDER_INTERVAL_MS),
    setTimeout(refreshStats, 1_000),
  ];
  for (const timer of timers) timer.unref();
  return {
    stop: () => {
      for (const timer of timers) clearInterval(timer);
    },
  };
}
