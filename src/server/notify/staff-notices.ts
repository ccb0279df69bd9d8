import type { AppealStatus } from '../../contracts/enums.ts';
import { canOpenAppeals, type StaffUser, scopeOf } from '../appeals/appeal.policy.ts';
import type { LifecycleAction } from '../appeals/appeal-lifecycle.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { StaffNoticesTable } from '../db/schema.ts';
import { addDays, localDateOf } from '../deadlines/calendar.ts';
import type { UnitDirectory } from '../routing/unit-directory.ts';
import { enabledChannelsOf, insertDeliveries } from './staff-channels.repository.ts';
import {
  activeAdmins,
  headsIn,
  insertNotices,
  markRead,
  type NewNotice,
  noticesOf,
  openAppealsDueOn,
  openAppealsOverdue,
  unreadCount,
} from './staff-notices.repository.ts';

// Staff's own notices, so that nobody has to poll a queue to learn the next step is theirs, and no legal
// deadline passes unseen (officials are fined for it): assigned to me, returned to me, awaiting my approval,
// a deadline N working days away, and an escalation to the head when an appeal becomes overdue. They live
// in the console's notification centre; every notice is written once per key.

export type StaffNoticeKind = StaffNoticesTable['kind'];

/** Working days before the legal deadline the executor is reminded (`notices.reminderWorkingDays`). */
export const DEFAULT_REMINDER_WORKING_DAYS = 2;

/** The administrator's reminder lead time, or the default (0 turns reminders off). */
export function reminderWorkingDays(settings: ReadonlyMap<string, unknown>): number {
  const value = settings.get('notices.reminderWorkingDays');
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10
    ? value
    : DEFAULT_REMINDER_WORKING_DAYS;
}

/**
 * Writes notices in the transaction `tx` and, for each recipient who linked and turned on an e-mail address
 * or a Telegram chat, a delivery through the outbox in the same transaction: the job runs after commit, and
 * whatever becomes of it, the console notice stands. Returns how many notices were new.
 */
async function writeNotices(
  ctx: Pick<AppContext, 'clock' | 'jobs'>,
  tx: Db,
  notices: NewNotice[],
): Promise<number> {
  const written = await insertNotices(tx, notices);
  if (written.length === 0) return 0;
  const links = Map.groupBy(
    await enabledChannelsOf(tx, [...new Set(written.map((n) => n.user_id))]),
    (link) => link.user_id,
  );
  const now = ctx.clock.now();
  const deliveries = written.flatMap((notice) =>
    (links.get(notice.user_id) ?? []).map((link) => ({
      notice_id: Number(notice.id),
      channel: link.channel,
      status: 'queued' as const,
      created_at: now,
    })),
  );
  const ids = await insertDeliveries(tx, deliveries);
  if (ids.length > 0)
    await ctx.jobs.enqueue(
      tx,
      ids.map((deliveryId) => ({ name: 'deliver-staff-notice' as const, data: { deliveryId } })),
    );
  return written.length;
}

/** Who a change concerns: a named staff member, or the heads over the unit leading the appeal. */
type Recipient = { userId: number } | { headsOver: number };

/**
 * The notices one committed change calls for (pure): the executor it was assigned or returned to, the
 * heads who must now approve a draft. Nobody is told of their own action.
 */
export function noticesForChange(change: {
  action: LifecycleAction;
  toStatus: AppealStatus;
  executorBefore: number | null;
  executorAfter: number | null;
  ownerUnitId: number;
  actorId: number | null;
}): { kind: StaffNoticeKind; to: Recipient }[] {
  const { action, executorAfter, actorId } = change;
  const out: { kind: StaffNoticeKind; to: Recipient }[] = [];
  if (executorAfter !== null && executorAfter !== change.executorBefore && executorAfter !== actorId)
    out.push({ kind: 'assigned', to: { userId: executorAfter } });
  if ((action === 'return_answer' || action === 'return_conclusion') && executorAfter !== null)
    out.push({ kind: 'returned', to: { userId: executorAfter } });
  if (change.toStatus === 'answer_drafted' || change.toStatus === 'conclusion_drafted')
    out.push({ kind: 'awaiting_approval', to: { headsOver: change.ownerUnitId } });
  return out;
}

/**
 * The heads over a unit: those of the unit itself, and those above it up to its body who see their whole
 * subtree. The nearest level that has any is the one told (the body's head is not woken for every draft a
 * department head approves).
 */
async function headsOver(db: Db, units: UnitDirectory, unitId: number): Promise<number[]> {
  const unit = units.byId(unitId);
  if (!unit) return [];
  const body = units.bodyOf(unit);
  const chain = units.ancestorIds(unitId);
  const upToBody = chain.slice(0, chain.indexOf(body.id) + 1 || chain.length);
  const heads = await headsIn(db, upToBody);
  for (const level of upToBody) {
    const here = heads.filter((h) => h.unit_id === level && (level === unitId || h.scope_subtree));
    if (here.length > 0) return here.map((h) => h.id);
  }
  return [];
}

async function resolve(db: Db, units: UnitDirectory, to: Recipient): Promise<number[]> {
  return 'userId' in to ? [to.userId] : headsOver(db, units, to.headsOver);
}

/**
 * Tells the heads over a territory's body of a surge alert, once per alert and head (the key), in the
 * transaction that raised it. The notice points at the first appeal behind the surge.
 */
export async function recordSurgeNotices(
  ctx: Pick<AppContext, 'clock' | 'jobs' | 'reference'>,
  tx: Db,
  alert: { alertId: number; unitId: number; appealId: number; at: Date },
): Promise<number> {
  const heads = await headsOver(tx, ctx.reference().units, alert.unitId);
  return writeNotices(
    ctx,
    tx,
    heads.map((userId) => ({
      user_id: userId,
      appeal_id: alert.appealId,
      kind: 'surge_alert' as const,
      key: `surge_alert:${alert.alertId}:${userId}`,
      created_at: alert.at,
    })),
  );
}

/** Writes the notices a change calls for, in the change's transaction (sandbox appeals notify nobody). */
export async function recordChangeNotices(
  ctx: AppContext,
  tx: Db,
  change: Parameters<typeof noticesForChange>[0] & {
    appealId: number;
    sandbox: boolean;
    version: number;
    at: Date;
  },
): Promise<void> {
  if (change.sandbox) return;
  const units = ctx.reference().units;
  const rows = [];
  for (const notice of noticesForChange(change)) {
    for (const userId of await resolve(tx, units, notice.to)) {
      if (userId === change.actorId) continue;
      rows.push({
        user_id: userId,
        appeal_id: change.appealId,
        kind: notice.kind,
        // One per change of the appeal: the version it reached makes a repeat of the same step a new notice.
        key: `${notice.kind}:${change.appealId}:${change.version}:${userId}`,
        created_at: change.at,
      });
    }
  }
  await writeNotices(ctx, tx, rows);
}

/**
 * Reminds the executor (or, with none, the unit's heads) of each open appeal whose legal deadline is
 * `reminderWorkingDays` working days away, and tells the heads of each appeal that became overdue in the
 * last week. Idempotent: run it as often as you like (the worker runs it every few minutes), from any
 * number of processes; each fact is told once.
 */
export async function sendDeadlineReminders(
  ctx: AppContext,
): Promise<{ reminded: number; escalated: number }> {
  const ref = ctx.reference();
  const now = ctx.clock.now();
  const today = localDateOf(now);
  const lead = reminderWorkingDays(ref.settings);
  let reminded = 0;
  if (lead > 0) {
    // Every calendar day up to the reminder day: a deadline that falls on a day off is reminded too.
    const until = ref.calendar.addWorkingDays(today, lead);
    const days: string[] = [];
    for (let day = addDays(today, 1); day <= until; day = addDays(day, 1)) days.push(day);
    const rows: NewNotice[] = [];
    for (const appeal of await openAppealsDueOn(ctx.db, days)) {
      const to = appeal.executor_id ?? null;
      const users = to !== null ? [to] : await headsOver(ctx.db, ref.units, appeal.owner_unit_id);
      for (const userId of users)
        rows.push({
          user_id: userId,
          appeal_id: appeal.id,
          kind: 'due_soon' as const,
          key: `due_soon:${appeal.id}:${appeal.due_on}:${userId}`,
          created_at: now,
        });
    }
    reminded = await ctx.db.transaction().execute((tx) => writeNotices(ctx, tx, rows));
  }
  const overdue: NewNotice[] = [];
  for (const appeal of await openAppealsOverdue(ctx.db, today, addDays(today, -7))) {
    const users = new Set(await headsOver(ctx.db, ref.units, appeal.owner_unit_id));
    if (appeal.executor_id !== null) users.add(appeal.executor_id);
    for (const userId of users)
      overdue.push({
        user_id: userId,
        appeal_id: appeal.id,
        kind: 'overdue' as const,
        key: `overdue:${appeal.id}:${appeal.due_on}:${userId}`,
        created_at: now,
      });
  }
  const escalated = await ctx.db.transaction().execute((tx) => writeNotices(ctx, tx, overdue));
  return { reminded, escalated };
}

/** The caller's notices on appeals they may still see and their sign-in alerts, and how many are unread. */
export async function myNotices(ctx: AppContext, user: StaffUser) {
  const scope = canOpenAppeals(user) ? scopeOf(user, ctx.reference().units) : null;
  const [items, unread] = await Promise.all([
    noticesOf(ctx.db, user.id, scope, 100),
    unreadCount(ctx.db, user.id, scope),
  ]);
  return {
    unread,
    items: items.map((n) => ({
      id: String(n.id),
      kind: n.kind,
      at: n.created_at.toISOString(),
      read: n.read_at !== null,
      appeal:
        n.number !== null && n.status !== null && n.due_on !== null
          ? { number: n.number, status: n.status, dueOn: n.due_on }
          : null,
      account: n.account,
    })),
  };
}

/**
 * Tells the account's owner and every active administrator of a sign-in alert, in `tx`, once per key, with
 * e-mail or Telegram where they linked one (the same outbox as every staff notice). The owner's console copy
 * of a new-device alert is listed as already read: they are looking at the very session it is about, and
 * the e-mail or Telegram copy is what reaches them elsewhere if it was not them.
 */
export async function recordSignInAlert(
  ctx: Pick<AppContext, 'clock' | 'jobs'>,
  tx: Db,
  alert: { kind: 'new_device' | 'sign_in_failures'; userId: number; key: string; at: Date },
): Promise<number> {
  const recipients = new Set([alert.userId, ...(await activeAdmins(tx)).map((a) => a.id)]);
  return writeNotices(
    ctx,
    tx,
    [...recipients].map((userId) => ({
      user_id: userId,
      appeal_id: null,
      subject_user_id: alert.userId,
      kind: alert.kind,
      key: `${alert.kind}:${alert.key}:${userId}`,
      created_at: alert.at,
      read_at: alert.kind === 'new_device' && userId === alert.userId ? alert.at : null,
    })),
  );
}

/** Marks some of the caller's notices read; ids of other people's notices change nothing. */
export async function readNotices(
  ctx: AppContext,
  user: StaffUser,
  ids: string[],
): Promise<{ changed: number }> {
  return { changed: await markRead(ctx.db, user.id, ids, ctx.clock.now()) };
}
