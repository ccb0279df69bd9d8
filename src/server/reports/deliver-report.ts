import type { AppContext } from '../context.ts';
import type { JobAttempt } from '../jobs/job-queue.ts';
import { DeliveryError } from '../notify/channel-adapter.ts';
import { reportWords } from './report-table.ts';
import { recordReportEmail, reportForDelivery } from './reports.repository.ts';

const mime = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * E-mails one report, PDF and XLSX attached, to the address its recipient linked (staff-channels), as the
 * outbox's job: retried with back-off by the queue, the same message id on every attempt. Nothing goes when
 * the link was removed or turned off or the account closed since; the report stays in the console anyway.
 */
export async function deliverReport(
  ctx: AppContext,
  reportId: number,
  attempt: JobAttempt = { retryCount: 0, last: true },
): Promise<void> {
  const row = await reportForDelivery(ctx.db, reportId);
  if (!row || (row.email_status !== 'queued' && row.email_status !== 'retrying')) return;
  const address =
    row.active && row.enabled && row.email_enc
      ? ctx.protector.open(row.email_enc, `staff-email:${row.user_id}`)
      : undefined;
  if (typeof address !== 'string' || !row.pdf || !row.xlsx)
    return recordReportEmail(ctx.db, row.id, { status: 'dropped', error: null });
  const adapter = ctx.channels.get('email');
  if (!adapter) return recordReportEmail(ctx.db, row.id, { status: 'failed', error: 'account' });

  const words = reportWords(row.language);
  const month = row.month.slice(0, 7);
  const base = `report-${month}-${row.id}`;
  try {
    await adapter.send(
      {
        id: row.id,
        key: `report-${row.id}`,
        appealId: null,
        appealNumber: null,
        template: 'report',
        language: row.language,
        subject: words.mailSubject(row.name, month),
        text: words.mailText(row.name, month),
        attachments: [
          { filename: `${base}.pdf`, content: row.pdf, contentType: mime.pdf },
          { filename: `${base}.xlsx`, content: row.xlsx, contentType: mime.xlsx },
        ],
      },
      { email: address },
    );
    await recordReportEmail(ctx.db, row.id, { status: 'sent', error: null });
  } catch (error) {
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError('The channel failed unexpectedly.');
    const final = failure.permanent || attempt.last;
    const code = failure.detail ? `${failure.code}:${failure.detail}` : failure.code;
    await recordReportEmail(ctx.db, row.id, { status: final ? 'failed' : 'retrying', error: code });
    // Ids and codes only: no address, no name.
    ctx.log.warn(`Report ${row.id} e-mail not sent${final ? '' : ', will try again'}: ${failure.code}`);
    if (!final) throw failure;
  }
}
