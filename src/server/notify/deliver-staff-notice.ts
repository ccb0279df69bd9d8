import { canOpenAppeals, canSee, type StaffUser, scopeOf } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import type { JobAttempt } from '../jobs/job-queue.ts';
import { DeliveryError, type Recipient } from './channel-adapter.ts';
import { deliveryById, recordDelivery } from './staff-channels.repository.ts';
import { composeStaffNotice, staffLanguage } from './staff-notice-texts.ts';

/**
 * Sends one staff notice through the e-mail address or Telegram chat its recipient linked, as the outbox's
 * job (retried with back-off by the queue, like notices to applicants). Nothing goes when the link was
 * removed or turned off, the account closed, or the appeal has left the recipient's sight since (a
 * complaint about them found later): the console notice stays whatever happens here.
 */
export async function deliverStaffNotice(
  ctx: AppContext,
  deliveryId: number,
  attempt: JobAttempt = { retryCount: 0, last: true },
): Promise<void> {
  const row = await deliveryById(ctx.db, deliveryId);
  if (!row || (row.status !== 'queued' && row.status !== 'retrying')) return;
  const now = ctx.clock.now();
  const drop = () => recordDelivery(ctx.db, row.id, { status: 'dropped', at: now, attempted: false });
  const user: StaffUser = {
    id: row.user_id,
    login: row.login,
    fullName: row.full_name,
    role: row.role,
    unitId: row.unit_id,
    scopeSubtree: row.scope_subtree,
  };
  if (!row.active || !row.enabled) return drop();
  // A notice about an appeal goes only while the recipient may still see it; a sign-in alert always goes.
  const appeal = appealOf(row);
  if (appeal) {
    if (appeal.sandbox || !canOpenAppeals(user)) return drop();
    if (!canSee(scopeOf(user, ctx.reference().units), appeal)) return drop();
  }
  const to = recipientOf(ctx, row);
  if (!to) return drop();
  const adapter = ctx.channels.get(row.channel);
  if (!adapter) {
    await recordDelivery(ctx.db, row.id, {
      status: 'failed',
      at: now,
      attempted: false,
      errorCode: 'account',
    });
    return;
  }

  const language = staffLanguage(row.language);
  const publicUrl = ctx.config.publicUrl?.replace(/\/$/, '');
  const text = composeStaffNotice({
    kind: row.kind,
    language,
    number: appeal?.number ?? null,
    account: row.subject_login,
    consoleUrl: publicUrl
      ? `${publicUrl}/console/${appeal ? `appeals/${appeal.number}` : row.subject_login === row.login ? 'account' : 'admin/users'}`
      : null,
  });
  try {
    const { providerId } = await adapter.send(
      {
        id: row.id,
        key: `staff-notice-${row.id}`,
        appealId: row.appeal_id,
        appealNumber: appeal?.number ?? null,
        template: `staff:${row.kind}`,
        language,
        ...text,
      },
      to,
    );
    await recordDelivery(ctx.db, row.id, {
      status: 'sent',
      at: now,
      attempted: true,
      providerId,
      errorCode: null,
    });
  } catch (error) {
    const failure =
      error instanceof DeliveryError ? error : new DeliveryError('The channel failed unexpectedly.');
    const final = failure.permanent || attempt.last;
    await recordDelivery(ctx.db, row.id, {
      status: final ? 'failed' : 'retrying',
      at: now,
      attempted: true,
      errorCode: failure.detail ? `${failure.code}:${failure.detail}` : failure.code,
    });
    // Ids and codes only: no address, no name.
    ctx.log.warn(
      `Staff notice delivery ${row.id} (${row.kind}) by ${row.channel} not sent` +
        `${final ? '' : `, will try again (attempt ${attempt.retryCount + 1})`}: ${failure.code}`,
    );
    if (!final) throw failure;
  }
}

/** The appeal a notice is about, when it is about one (the left join found it). */
function appealOf(row: {
  appeal_id: number | null;
  number: string | null;
  sandbox: boolean | null;
  scope_units: number[] | null;
  subject_unit_id: number | null;
  subject_officer_id: number | null;
}) {
  if (row.appeal_id === null || row.number === null || row.sandbox === null || row.scope_units === null)
    return undefined;
  return {
    number: row.number,
    sandbox: row.sandbox,
    scope_units: row.scope_units,
    subject_unit_id: row.subject_unit_id,
    subject_officer_id: row.subject_officer_id,
  };
}

function recipientOf(
  ctx: AppContext,
  row: { channel: string; user_id: number; email_enc: Buffer | null; chat_id: number | null },
): Recipient | undefined {
  if (row.channel === 'telegram') return row.chat_id === null ? undefined : { telegramChatId: row.chat_id };
  if (!row.email_enc) return undefined;
  const address = ctx.protector.open(row.email_enc, `staff-email:${row.user_id}`);
  return typeof address === 'string' ? { email: address } : undefined;
}
