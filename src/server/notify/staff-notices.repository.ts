import { sql } from 'kysely';
import { finalStatuses } from '../../contracts/enums.ts';
import type { Scope } from '../appeals/appeal.policy.ts';
import { inScope } from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';
import type { StaffNoticesTable } from '../db/schema.ts';

// SQL only: staff's own notices. Who gets which, and when, is decided in staff-notices.ts.

/** A notice to write. */
export type NewNotice = Pick<StaffNoticesTable, 'user_id' | 'appeal_id' | 'kind' | 'key'> & {
  created_at: Date;
  subject_user_id?: number | null;
  read_at?: Date | null;
};

/**
 * Writes notices, each once per key: a second run or process finding the same fact writes nothing. Returns
 * the notices written now.
 */
export async function insertNotices(
  db: Db,
  notices: NewNotice[],
): Promise<{ id: string; user_id: number }[]> {
  if (notices.length === 0) return [];
  return db
    .insertInto('staff_notices')
    .values(notices)
    .onConflict((oc) => oc.column('key').doNothing())
    .returning(['id', 'user_id'])
    .execute();
}

/** Active heads whose unit is one of these (nearest first is the caller's order); with their scope flag. */
export function headsIn(db: Db, unitIds: number[]) {
  return db
    .selectFrom('users')
    .select(['id', 'unit_id', 'scope_subtree'])
    .where('role', '=', 'head')
    .where('active', '=', true)
    .where('unit_id', 'in', unitIds.length > 0 ? unitIds : [-1])
    .execute();
}

/** Open real appeals due on one of these days: the reminders' candidates. */
export function openAppealsDueOn(db: Db, days: string[]) {
  return db
    .selectFrom('appeals')
    .select(['id', 'due_on', 'executor_id', 'owner_unit_id'])
    .where('sandbox', '=', false)
    .where('status', 'not in', [...finalStatuses])
    .where('due_on', 'in', days)
    .execute();
}

/** Open real appeals past their deadline since at most `since` (escalated once each). */
export function openAppealsOverdue(db: Db, today: string, since: string) {
  return db
    .selectFrom('appeals')
    .select(['id', 'due_on', 'executor_id', 'owner_unit_id'])
    .where('sandbox', '=', false)
    .where('status', 'not in', [...finalStatuses])
    .where('due_on', '<', today)
    .where('due_on', '>=', since)
    .execute();
}

/**
 * Notices of a user on appeals they may still see (none when `scope` is null: their role opens no appeals)
 * and sign-in alerts, unread first, newest first.
 */
function visibleNotices(db: Db, userId: number, scope: Scope | null) {
  return db
    .selectFrom('staff_notices')
    .leftJoin('appeals', 'appeals.id', 'staff_notices.appeal_id')
    .leftJoin('users as subject', 'subject.id', 'staff_notices.subject_user_id')
    .where('staff_notices.user_id', '=', userId)
    .where((eb) =>
      scope
        ? eb.or([eb('staff_notices.appeal_id', 'is', null), inScope(scope)(eb)])
        : eb('staff_notices.appeal_id', 'is', null),
    );
}

/** A user's notices on appeals they may still see and their sign-in alerts, unread first, newest first. */
export function noticesOf(db: Db, userId: number, scope: Scope | null, limit: number) {
  return visibleNotices(db, userId, scope)
    .select([
      'staff_notices.id',
      'staff_notices.kind',
      'staff_notices.created_at',
      'staff_notices.read_at',
      'appeals.number',
      'appeals.due_on',
      'appeals.status',
      'subject.login as account',
    ])
    .orderBy(sql`staff_notices.read_at is null`, 'desc')
    .orderBy('staff_notices.created_at', 'desc')
    .orderBy('staff_notices.id', 'desc')
    .limit(limit)
    .execute();
}

/** How many of the notices `noticesOf` lists are unread. */
export async function unreadCount(db: Db, userId: number, scope: Scope | null): Promise<number> {
  const row = await visibleNotices(db, userId, scope)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('staff_notices.read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Active administrators: they are told of sign-in alerts on every account. */
export function activeAdmins(db: Db) {
  return db.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', true).execute();
}

/** Marks the user's own notices read (others' ids are ignored); returns how many changed. */
export async function markRead(db: Db, userId: number, ids: string[], at: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const changed = await db
    .updateTable('staff_notices')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('id', 'in', ids)
    .where('read_at', 'is', null)
    .returning('id')
    .execute();
  return changed.length;
}
