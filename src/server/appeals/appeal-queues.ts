import type { QueueName } from '../../contracts/appeal.schema.ts';
import type { AppealStatus } from '../../contracts/enums.ts';
import { addDays } from '../deadlines/calendar.ts';
import { DUE_SOON_DAYS } from '../deadlines/legal-clock.ts';
import type { UnitDirectory } from '../routing/unit-directory.ts';
import type { StaffUser } from './appeal.policy.ts';

// What each staff queue means, as a description of the appeals it holds. The repository turns a
// description into SQL (`queueCondition` in appeals.repository.ts); the queue's list and its count in the
// console's menu ask for the same description, so they cannot disagree.

/** The appeals a queue holds: every stated fact must hold; an absent one does not narrow the queue. */
export interface QueueFilter {
  /** Only appeals not yet in a final status. */
  openOnly?: true;
  /** Only appeals in one of these statuses. */
  statuses?: readonly AppealStatus[];
  /** Only appeals this staff member executes. */
  executorId?: number;
  /** Only appeals led by one of these units. */
  ownerUnitIds?: readonly number[];
  /** Only appeals due on this Tashkent day or later. */
  dueFrom?: string;
  /** Only appeals due on this Tashkent day or earlier. */
  dueUntil?: string;
  /** Only appeals due before this Tashkent day. */
  dueBefore?: string;
  /** Only appeals marked urgent. */
  urgent?: true;
  /**
   * Only appeals worked on their own: a member of a group of duplicates waits for its lead's answer, so the
   * work queues show the lead (with its group's size) instead. The deadline queues still show members.
   */
  workedAlone?: true;
}

/** Who asks and when: the facts the queues are defined by. */
export interface QueueFacts {
  /** Today in Tashkent. */
  today: string;
  userId: number;
  /** The units whose inbox is the user's: their own, or its whole subtree for a subtree scope. */
  myUnitIds: readonly number[];
}

/** The queue facts of a staff member today: a subtree scope makes the whole subtree's inbox theirs. */
export function queueFactsOf(user: StaffUser, units: UnitDirectory, today: string): QueueFacts {
  return {
    today,
    userId: user.id,
    myUnitIds: user.scopeSubtree ? units.subtreeIds(user.unitId) : [user.unitId],
  };
}

/** The last day an appeal is "due soon" on: {@link DUE_SOON_DAYS} calendar days from today. */
export function dueSoonUntil(today: string): string {
  return addDays(today, DUE_SOON_DAYS);
}

/** The description of one staff queue for this user today. */
export function queueFilter(queue: QueueName, facts: QueueFacts): QueueFilter {
  switch (queue) {
    case 'mine':
      return { openOnly: true, executorId: facts.userId, workedAlone: true };
    case 'inbox':
      return { openOnly: true, ownerUnitIds: facts.myUnitIds, workedAlone: true };
    case 'triage':
      return { statuses: ['registered'], workedAlone: true };
    case 'approval':
      return { statuses: ['answer_drafted', 'conclusion_drafted'] };
    case 'due_soon':
      return { openOnly: true, dueFrom: facts.today, dueUntil: dueSoonUntil(facts.today) };
    case 'overdue':
      return overdueOn(facts.today);
    case 'urgent':
      return { openOnly: true, urgent: true };
  }
}

/** Every queue's description for this user today (the counts beside the console's menu). */
export function queueFilters(facts: QueueFacts): Record<QueueName, QueueFilter> {
  return {
    mine: queueFilter('mine', facts),
    inbox: queueFilter('inbox', facts),
    triage: queueFilter('triage', facts),
    approval: queueFilter('approval', facts),
    due_soon: queueFilter('due_soon', facts),
    overdue: queueFilter('overdue', facts),
    urgent: queueFilter('urgent', facts),
  };
}

/** The list's overdue filter: `true` is the overdue queue; `false` keeps appeals still within their deadline. */
export function overdueFilter(overdue: 'true' | 'false', today: string): QueueFilter {
  return overdue === 'true' ? overdueOn(today) : { dueFrom: today };
}

/** Open and past its deadline. */
function overdueOn(today: string): QueueFilter {
  return { openOnly: true, dueBefore: today };
}
