import type { Scope } from '../appeals/appeal.policy.ts';
import { inScope } from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';

// SQL only: notices to applicants and what deciding and composing them needs of the appeal.

/** How the applicant of an appeal wants to be answered, and what a notice may say about the appeal. */
export function applicantChannelOf(db: Db, appealId: number) {
  return db
    .selectFrom('appeals')
    .select([
      'id',
      'number',
      'answer_channel',
      'answer_language',
      'applicant_kind',
      'applicant_enc',
      'sandbox',
      'due_on',
      'forwarded_to',
    ])
    .where('id', '=', appealId)
    .executeTakeFirst();
}

/** Records a notice once per job and returns it: a retried job finds its row and writes nothing. */
export async function insertNotificationOnce(
  db: Db,
  notice: {
    jobId: string;
    appealId: number;
    channel: string;
    template: string;
    language: string;
    status: string;
    createdAt: Date;
  },
) {
  await db
    .insertInto('notifications')
    .values({
      job_id: notice.jobId,
      appeal_id: notice.appealId,
      channel: notice.channel,
      template: notice.template,
      language: notice.language,
      status: notice.status,
      created_at: notice.createdAt,
    })
    .onConflict((oc) => oc.column('job_id').doNothing())
    .execute();
  return db
    .selectFrom('notifications')
    .select(['id', 'status'])
    .where('job_id', '=', notice.jobId)
    .executeTakeFirstOrThrow();
}

/** One notice, to deliver it. */
export function noticeById(db: Db, id: number) {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Sets a notice's status without an attempt (no channel configured, waiting for the post …). */
export async function setNoticeStatus(db: Db, id: number, status: string): Promise<void> {
  await db.updateTable('notifications').set({ status }).where('id', '=', id).execute();
}

/** The provider took the notice. */
export async function recordNoticeSent(
  db: Db,
  id: number,
  providerId: string | null,
  at: Date,
): Promise<void> {
  await db
    .updateTable('notifications')
    .set((eb) => ({
      status: 'sent',
      sent_at: at,
      provider_id: providerId,
      error: null,
      attempts: eb('attempts', '+', 1),
      attempted_at: at,
    }))
    .where('id', '=', id)
    .execute();
}

/** An attempt failed: `retrying` while the outbox tries again, `failed` when it has stopped. */
export async function recordNoticeFailure(
  db: Db,
  id: number,
  outcome: { status: 'retrying' | 'failed'; error: string; errorCode: string; at: Date },
): Promise<void> {
  await db
    .updateTable('notifications')
    .set((eb) => ({
      status: outcome.status,
      error: outcome.error,
      error_code: outcome.errorCode,
      attempts: eb('attempts', '+', 1),
      attempted_at: outcome.at,
    }))
    .where('id', '=', id)
    .execute();
}

/**
 * Moves a notice from one of `from` to `status` (and `sentAt` when given) and returns it, or nothing when it
 * was not in one of those statuses: two clicks on "resend" queue it once.
 */
export function moveNotice(db: Db, id: number, change: { from: string[]; status: string; sentAt?: Date }) {
  return db
    .updateTable('notifications')
    .set({ status: change.status, ...(change.sentAt ? { sent_at: change.sentAt } : {}) })
    .where('id', '=', id)
    .where('status', 'in', change.from)
    .returning(['id', 'appeal_id'])
    .executeTakeFirst();
}

const listed = [
  'notifications.id',
  'notifications.channel',
  'notifications.template',
  'notifications.language',
  'notifications.status',
  'notifications.created_at',
  'notifications.sent_at',
  'notifications.attempted_at',
  'notifications.attempts',
  'notifications.error',
  'notifications.error_code',
  'appeals.number',
] as const;

/** Notices in the given statuses of the appeals a scope may see, newest first. */
export function noticesInScope(db: Db, options: { scope: Scope; statuses: string[]; limit: number }) {
  return db
    .selectFrom('notifications')
    .innerJoin('appeals', 'appeals.id', 'notifications.appeal_id')
    .select(listed)
    .where('notifications.status', 'in', options.statuses)
    .where('appeals.sandbox', '=', false)
    .where(inScope(options.scope))
    .orderBy('notifications.id', 'desc')
    .limit(options.limit)
    .execute();
}

/** One notice with the facts about its appeal that decide who may see it. */
export function noticeWithScopeFacts(db: Db, id: number) {
  return db
    .selectFrom('notifications')
    .innerJoin('appeals', 'appeals.id', 'notifications.appeal_id')
    .select([
      ...listed,
      'appeals.scope_units',
      'appeals.subject_unit_id',
      'appeals.subject_officer_id',
      'appeals.sandbox',
    ])
    .where('notifications.id', '=', id)
    .executeTakeFirst();
}

/**
 * The SMS notice a delivery report speaks of: by the provider's message id first; only when no notice has
 * that provider id, by our own id (what the generic gateway was given). Eskiz's ids are numbers too, so
 * matching both at once could credit a report to another notice whose own id happens to be the same.
 */
export async function noticeForReport(db: Db, id: string) {
  const byProvider = await db
    .selectFrom('notifications')
    .select(['id', 'status'])
    .where('channel', '=', 'sms')
    .where('provider_id', '=', id)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (byProvider || !/^\d{1,15}$/.test(id)) return byProvider;
  return db
    .selectFrom('notifications')
    .select(['id', 'status'])
    .where('channel', '=', 'sms')
    .where('id', '=', Number(id))
    .executeTakeFirst();
}

/** What the network reported of a sent SMS: delivered, or failed with the provider's reason. */
export async function recordDeliveryReport(
  db: Db,
  id: number,
  report: { status: 'delivered' | 'failed'; at: Date; error: string | null; errorCode: string | null },
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({
      status: report.status,
      error: report.error,
      error_code: report.errorCode,
      attempted_at: report.at,
    })
    .where('id', '=', id)
    .where('status', 'in', ['sent', 'delivered', 'failed'])
    .execute();
}
