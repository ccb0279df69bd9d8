import { finalStatuses } from '../../contracts/enums.ts';
import type { Db } from '../db/database.ts';
import type { Scope } from './appeal.policy.ts';
import { inScope } from './appeals.repository.ts';

// SQL only: groups of duplicates worked as one (a member's `group_lead_id` names its lead). What may join and
// what the lead's answer does to the members is decided in appeal-actions.ts and change-appeal.ts.

/** The ids of a lead's members still open, oldest first (the order they are locked and answered in). */
export async function openMemberIds(tx: Db, leadId: number): Promise<number[]> {
  const rows = await tx
    .selectFrom('appeals')
    .select('id')
    .where('group_lead_id', '=', leadId)
    .where('status', 'not in', [...finalStatuses])
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** True when some appeal, open or not, names this one as its lead. */
export async function leadsAGroup(tx: Db, appealId: number): Promise<boolean> {
  const row = await tx
    .selectFrom('appeals')
    .select('id')
    .where('group_lead_id', '=', appealId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** True when the language layer linked the two appeals, in either direction, as any kind of relation. */
export async function areLinked(tx: Db, a: number, b: number): Promise<boolean> {
  const row = await tx
    .selectFrom('appeal_links')
    .select('appeal_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('appeal_id', '=', a), eb('other_id', '=', b)]),
        eb.and([eb('appeal_id', '=', b), eb('other_id', '=', a)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A lead's members the scope may see, oldest first, for the card. */
export function visibleMembers(db: Db, leadId: number, scope: Scope) {
  return db
    .selectFrom('appeals')
    .select(['number', 'status', 'due_on'])
    .where('group_lead_id', '=', leadId)
    .where(inScope(scope))
    .orderBy('id')
    .limit(500)
    .execute();
}

/** For each of these appeals that leads a group, how many open members the scope may see (a queue page). */
export async function openMemberCounts(db: Db, leadIds: readonly number[], scope: Scope) {
  if (leadIds.length === 0) return new Map<number, number>();
  const rows = await db
    .selectFrom('appeals')
    .select((eb) => ['group_lead_id', eb.fn.countAll<number>().as('members')])
    .where('group_lead_id', 'in', [...leadIds])
    .where('status', 'not in', [...finalStatuses])
    .where(inScope(scope))
    .groupBy('group_lead_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.group_lead_id), Number(r.members)]));
}
