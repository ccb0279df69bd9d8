import type { Db } from '../db/database.ts';

// SQL only: notices to applicants and what deciding them needs of the appeal.

/** How the applicant of an appeal wants to be answered. */
export function applicantChannelOf(db: Db, appealId: number) {
  return db
    .selectFrom('appeals')
    .select(['id', 'answer_channel', 'answer_language', 'applicant_kind', 'sandbox'])
    .where('id', '=', appealId)
    .executeTakeFirst();
}

/** Records a notice once per job: a retried job finds its row and writes nothing. */
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
): Promise<void> {
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
}
