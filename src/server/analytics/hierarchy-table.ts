import type { Hierarchy, HierarchyFigures } from '../../contracts/analytics.schema.ts';
import type { UiLanguage } from '../../contracts/enums.ts';
import { type HierarchyWords, hierarchyWords } from '../../contracts/hierarchy-words.ts';
import type { Cell, Table } from '../exports/table-file.ts';

type Compared = Hierarchy['total'];

const percent = (share: number | null): Cell => (share === null ? null : Math.round(share * 100));
const rating = (value: number | null): Cell => (value === null ? null : Math.round(value * 10) / 10);

/** A figure the screen shows with the period before and the year before beside it. */
interface ComparedColumn {
  header: (w: HierarchyWords) => string;
  value: (f: HierarchyFigures) => Cell;
}

const compared: ComparedColumn[] = [
  { header: (w) => w.received, value: (f) => f.received },
  { header: (w) => `${w.resolvedShare}, %`, value: (f) => percent(f.resolvedShare) },
  { header: (w) => `${w.onTime}, %`, value: (f) => percent(f.onTimeShare) },
  { header: (w) => `${w.repeats}, %`, value: (f) => percent(f.repeatShare) },
  { header: (w) => w.rating, value: (f) => rating(f.averageRating) },
  { header: (w) => w.medianDays, value: (f) => f.medianDaysToAnswer },
];

/** Figures the screen shows for the period only. */
const plain: ComparedColumn[] = [
  { header: (w) => w.resolved, value: (f) => f.resolved },
  { header: (w) => w.redirected, value: (f) => f.redirected },
  { header: (w) => w.open, value: (f) => f.open },
  { header: (w) => w.overdue, value: (f) => f.overdue },
  { header: (w) => w.satisfied, value: (f) => f.outcomes.satisfied },
  { header: (w) => w.explained, value: (f) => f.outcomes.explained },
  { header: (w) => w.rejected, value: (f) => f.outcomes.rejected },
  { header: (w) => w.forwarded, value: (f) => f.outcomes.forwarded },
  { header: (w) => w.notConsidered, value: (f) => f.outcomes.notConsidered },
  { header: (w) => w.extensions, value: (f) => f.extensions },
  { header: (w) => w.complaints, value: (f) => f.complaints },
  { header: (w) => w.upheld, value: (f) => f.complaintsUpheld },
];

/**
 * The hierarchy view as the console's table shows it: the unit in all, each child unit, then what the unit
 * itself holds outside its children (only when it has children, as on screen). Shares are whole percent,
 * as the screen rounds them.
 */
export function hierarchyTable(h: Hierarchy, language: UiLanguage): Table {
  const w = hierarchyWords[language];
  const header: Cell[] = [
    w.unit,
    ...compared.flatMap((c) => [
      c.header(w),
      `${c.header(w)} (${w.previous})`,
      `${c.header(w)} (${w.lastYear})`,
    ]),
    ...plain.map((c) => c.header(w)),
  ];
  const row = (label: string, f: Compared): Cell[] => [
    label,
    ...compared.flatMap((c) => [c.value(f.current), c.value(f.previous), c.value(f.lastYear)]),
    ...plain.map((c) => c.value(f.current)),
  ];
  return [
    header,
    row(`${w.total}: ${h.unit.name}`, h.total),
    ...h.children.map((child) => row(child.name, child.figures)),
    ...(h.children.length > 0 ? [row(w.own, h.own)] : []),
  ];
}
