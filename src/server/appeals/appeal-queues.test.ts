import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queueNames } from '../../contracts/appeal.schema.ts';
import { appealStatuses, finalStatuses } from '../../contracts/enums.ts';
import { addDays, startOfDay, WorkCalendar } from '../deadlines/calendar.ts';
import { clockStatus } from '../deadlines/legal-clock.ts';
import { overdueFilter, type QueueFilter, queueFilter, queueFilters } from './appeal-queues.ts';

const facts = { today: '2026-03-10', userId: 7, myUnitIds: [3, 4] };
const calendar = new WorkCalendar({ daysOff: [], workingDays: [], weekend: [6, 7] });

/** The facts of one appeal a queue's description speaks about. */
interface Facts {
  status: string;
  dueOn: string;
  executorId: number | null;
  ownerUnitId: number;
  urgent: boolean;
  inGroup: boolean;
}

// The description read the way the repository's SQL reads it: every stated fact must hold.
function holds(filter: QueueFilter, appeal: Facts): boolean {
  return (
    (!filter.openOnly || !finalStatuses.some((s) => s === appeal.status)) &&
    (!filter.statuses || filter.statuses.some((s) => s === appeal.status)) &&
    (filter.executorId === undefined || appeal.executorId === filter.executorId) &&
    (!filter.ownerUnitIds || filter.ownerUnitIds.includes(appeal.ownerUnitId)) &&
    (filter.dueFrom === undefined || appeal.dueOn >= filter.dueFrom) &&
    (filter.dueUntil === undefined || appeal.dueOn <= filter.dueUntil) &&
    (filter.dueBefore === undefined || appeal.dueOn < filter.dueBefore) &&
    (!filter.urgent || appeal.urgent) &&
    (!filter.workedAlone || !appeal.inGroup)
  );
}

const anAppeal = fc.record({
  status: fc.constantFrom(...appealStatuses),
  dueOn: fc.integer({ min: -20, max: 20 }).map((days) => addDays(facts.today, days)),
  executorId: fc.constantFrom(null, 7, 8),
  ownerUnitId: fc.constantFrom(3, 4, 5),
  urgent: fc.boolean(),
  inGroup: fc.boolean(),
});

describe('staff queues', () => {
  it('puts an open appeal in the due-soon and overdue queues exactly when its card says so', () => {
    fc.assert(
      fc.property(anAppeal, (appeal) => {
        const open = !finalStatuses.some((s) => s === appeal.status);
        const card = clockStatus({
          clock: {
            receivedOn: facts.today,
            registrationDueOn: facts.today,
            dueOn: appeal.dueOn,
            baseDueOn: appeal.dueOn,
            handoverDueOn: facts.today,
            forwardDueOn: facts.today,
            proposalNoticeDueOn: null,
            extraStudy: false,
            headExtensionUsed: false,
          },
          now: new Date(startOfDay(facts.today).getTime() + 12 * 3_600_000),
          calendar,
        });
        expect(holds(queueFilter('due_soon', facts), appeal)).toBe(open && card.dueSoon);
        expect(holds(queueFilter('overdue', facts), appeal)).toBe(open && card.overdue);
      }),
    );
  });

  it('gives me the open appeals I execute, and my units the open appeals they lead', () => {
    fc.assert(
      fc.property(anAppeal, (appeal) => {
        const open = !finalStatuses.some((s) => s === appeal.status);
        const alone = !appeal.inGroup;
        expect(holds(queueFilter('mine', facts), appeal)).toBe(open && alone && appeal.executorId === 7);
        expect(holds(queueFilter('inbox', facts), appeal)).toBe(open && alone && appeal.ownerUnitId !== 5);
        expect(holds(queueFilter('urgent', facts), appeal)).toBe(open && appeal.urgent);
      }),
    );
  });

  it('holds only open appeals in every queue, triage and approval included', () => {
    for (const queue of queueNames) {
      const closed = finalStatuses.map((status) => ({
        status,
        dueOn: facts.today,
        executorId: 7,
        ownerUnitId: 3,
        urgent: true,
        inGroup: false,
      }));
      expect(
        closed.filter((appeal) => holds(queueFilter(queue, facts), appeal)),
        queue,
      ).toEqual([]);
    }
  });

  it('describes every queue for the menu counts as the queue list does', () => {
    const all = queueFilters(facts);
    for (const queue of queueNames) expect(all[queue]).toEqual(queueFilter(queue, facts));
  });

  it('lists overdue=true as the overdue queue and overdue=false as appeals still within their deadline', () => {
    expect(overdueFilter('true', facts.today)).toEqual(queueFilter('overdue', facts));
    fc.assert(
      fc.property(anAppeal, (appeal) => {
        expect(holds(overdueFilter('false', facts.today), appeal)).toBe(appeal.dueOn >= facts.today);
      }),
    );
  });
});
