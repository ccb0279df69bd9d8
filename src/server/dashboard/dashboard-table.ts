import type { Dashboard } from '../../contracts/console.schema.ts';
import type { UiLanguage } from '../../contracts/enums.ts';
import { exportWords } from '../../contracts/export-words.ts';
import type { Cell, Table } from '../exports/table-file.ts';

/**
 * The dashboard as one sheet, section by section in the order the screen shows them: the tiles, the
 * appeals received per day, the answers awaiting approval, each executor's work, extensions, ratings and
 * the open appeals by status. A blank row separates the sections. Shares are whole per cent, as on screen.
 */
export function dashboardTable(d: Dashboard, language: UiLanguage): Table {
  const w = exportWords[language].dashboard;
  const statuses = exportWords[language].statuses;
  const percent = (share: number | null): Cell => (share === null ? null : Math.round(share * 100));
  const gap: Cell[] = [];
  return [
    [w.unit, d.unit.name],
    [w.period, d.from, d.today],
    gap,
    [w.open, d.load.open],
    [w.overdue, d.load.overdue],
    [w.dueSoon, d.load.dueSoon],
    [w.unassigned, d.load.unassigned],
    [w.received, d.load.receivedInPeriod],
    [w.closed, d.load.closedInPeriod],
    [`${w.repeatRate}, %`, percent(d.repeats.rate)],
    [`${w.duplicateRate}, %`, percent(d.repeats.duplicateRate)],
    [w.rating, d.ratings.average === null ? null : Math.round(d.ratings.average * 10) / 10],
    gap,
    [w.perDay, w.count],
    ...d.load.receivedPerDay.map((x): Cell[] => [x.day, x.count]),
    gap,
    [w.approval, d.awaitingApproval.count],
    ...d.awaitingApproval.items.map((a): Cell[] => [a.number, statuses[a.status], a.dueOn, a.executor]),
    gap,
    [w.executor, w.open, w.dueSoon, w.overdue, w.answered],
    ...d.executors.map((e): Cell[] => [
      e.name ? `${e.name} (${e.login})` : e.login,
      e.open,
      e.dueSoon,
      e.overdue,
      e.answeredInPeriod,
    ]),
    gap,
    [w.extensions, w.value],
    [w.extendedInPeriod, d.extensions.extendedInPeriod],
    [w.openExtended, d.extensions.openExtended],
    [w.extensionRequested, d.extensions.requested],
    [w.openExtraStudy, d.extensions.openExtraStudy],
    gap,
    [w.ratings, d.ratings.count],
    ...d.ratings.distribution.map((count, i): Cell[] => [`${w.score} ${i + 1}`, count]),
    gap,
    [w.byStatus, w.count],
    ...d.load.byStatus.map((s): Cell[] => [statuses[s.status], s.count]),
  ];
}
