import type { UiLanguage } from '../../contracts/enums.ts';
import type { Workload, WorkloadFigures } from '../../contracts/workload.schema.ts';
import { workloadWords } from '../../contracts/workload-words.ts';
import type { Cell, Table } from '../exports/table-file.ts';

const percent = (share: number | null): Cell => (share === null ? null : Math.round(share * 100));

/**
 * The workload view as the console's table shows it: the unit in all, then each executor, then each child
 * unit, in the order asked for; an analyst's file names no executor, as the screen does not.
 */
export function workloadTable(w: Workload, language: UiLanguage): Table {
  const words = workloadWords[language];
  const figures = (f: WorkloadFigures): Cell[] => [
    f.open,
    f.overdue,
    f.answered,
    percent(f.onTimeShare),
    f.medianDaysToAnswer,
    f.returned,
    f.complaints,
    f.complaintsUpheld,
  ];
  const header: Cell[] = [
    words.kind,
    words.row,
    words.executors,
    words.openPerExecutor,
    words.open,
    words.overdue,
    words.answered,
    `${words.onTime}, %`,
    words.medianDays,
    words.returned,
    words.complaints,
    words.upheld,
  ];
  return [
    header,
    [words.total, w.total.name, w.total.executors, w.total.openPerExecutor, ...figures(w.total.figures)],
    ...w.executors.map((e, i): Cell[] => [
      words.executor,
      e.name ?? words.anonymous.replace('{n}', String(i + 1)),
      null,
      null,
      ...figures(e.figures),
    ]),
    ...w.children.map((c): Cell[] => [
      words.unit,
      c.name,
      c.executors,
      c.openPerExecutor,
      ...figures(c.figures),
    ]),
  ];
}
