import { answerChannels } from '../../contracts/enums.ts';
import type { NotificationView } from '../../contracts/notifications.schema.ts';

/** The columns a listed notice is presented from (never the applicant's contacts or the text sent). */
export interface NoticeRow {
  id: number;
  number: string;
  channel: string;
  template: string;
  language: string;
  status: string;
  created_at: Date;
  sent_at: Date | null;
  attempted_at: Date | null;
  attempts: number;
  error: string | null;
  error_code: string | null;
}

/** A notice as the API shows it. */
export function presentNotice(row: NoticeRow): NotificationView {
  return {
    id: row.id,
    appealNumber: row.number,
    channel: answerChannels.find((c) => c === row.channel) ?? 'web',
    template: row.template,
    language: row.language,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    attemptedAt: row.attempted_at?.toISOString() ?? null,
    attempts: row.attempts,
    error: row.error,
    errorCode: row.error_code,
  };
}
