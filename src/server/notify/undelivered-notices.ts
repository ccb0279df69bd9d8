import type { UndeliveredStatus } from '../../contracts/notifications.schema.ts';
import { canSee, type StaffUser, scopeOf } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { canManageNotices } from './notification.policy.ts';
import { presentNotice } from './notification.presenter.ts';
import { moveNotice, noticesInScope, noticeWithScopeFacts } from './notify.repository.ts';

const listLimit = 500;

/** The notices of one undelivered status among the appeals the user may see, newest first. */
export async function listUndeliveredNotices(options: {
  ctx: AppContext;
  user: StaffUser;
  status: UndeliveredStatus;
}) {
  const { ctx, user } = options;
  if (!canManageNotices(user)) throw new AppError('FORBIDDEN');
  const rows = await noticesInScope(ctx.db, {
    scope: scopeOf(user, ctx.reference().units),
    statuses: [options.status],
    limit: listLimit,
  });
  return rows.map(presentNotice);
}

/** A notice the user may act on; out of scope answers like a missing one. */
async function visibleNotice(ctx: AppContext, user: StaffUser, id: number) {
  if (!canManageNotices(user)) throw new AppError('FORBIDDEN');
  const notice = await noticeWithScopeFacts(ctx.db, id);
  if (!notice || notice.sandbox || !canSee(scopeOf(user, ctx.reference().units), notice)) {
    throw new AppError('NOTICE_NOT_FOUND');
  }
  return notice;
}

/**
 * Sends a notice that failed or waited for its channel again: in one transaction it is queued, the
 * resend audited and a delivery job enqueued, so nothing leaves before commit.
 */
export async function resendNotice(options: { ctx: AppContext; user: StaffUser; id: number }) {
  const { ctx, user, id } = options;
  const notice = await visibleNotice(ctx, user, id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const moved = await moveNotice(tx, id, { from: ['failed', 'awaiting_channel'], status: 'queued' });
    if (!moved) throw new AppError('NOTICE_ALREADY_DELIVERED');
    await ctx.jobs.enqueue(tx, [{ name: 'deliver-notice', data: { notificationId: id } }]);
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'notification.resend',
        targetType: 'notification',
        targetId: String(id),
        data: { appeal: notice.number, channel: notice.channel, template: notice.template },
        at: now,
      },
    ]);
  });
  return presentNotice({ ...notice, status: 'queued' });
}

/** Records that staff sent a notice as a letter by post (audited); it leaves the undelivered list. */
export async function markNoticePosted(options: { ctx: AppContext; user: StaffUser; id: number }) {
  const { ctx, user, id } = options;
  const notice = await visibleNotice(ctx, user, id);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const moved = await moveNotice(tx, id, {
      from: ['failed', 'awaiting_channel', 'awaiting_post'],
      status: 'posted',
      sentAt: now,
    });
    if (!moved) throw new AppError('NOTICE_ALREADY_DELIVERED');
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'notification.mark_posted',
        targetType: 'notification',
        targetId: String(id),
        data: { appeal: notice.number, channel: notice.channel, template: notice.template },
        at: now,
      },
    ]);
  });
  return presentNotice({ ...notice, status: 'posted', sent_at: now });
}
