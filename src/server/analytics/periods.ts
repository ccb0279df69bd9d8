// Pure: the spans of Tashkent days the hierarchy view compares. No I/O.
import { addDays, addMonths, daysBetween, type LocalDate } from '../deadlines/calendar.ts';

/** A span of Tashkent days, both ends included. */
export interface DaySpan {
  from: LocalDate;
  to: LocalDate;
}

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';

const monthsOf: Record<Exclude<PeriodKind, 'custom'>, number> = { month: 1, quarter: 3, year: 12 };

/**
 * The period to date (this month, quarter or year up to today; or a custom span), the span just before it
 * (the same days of the previous month, quarter or year; for a custom span, as many days ending the day
 * before) and the same span a year earlier.
 */
export function comparedSpans(
  kind: PeriodKind,
  today: LocalDate,
  custom?: DaySpan,
): { current: DaySpan; previous: DaySpan; lastYear: DaySpan } {
  const yearBefore = (span: DaySpan) => ({ from: addMonths(span.from, -12), to: addMonths(span.to, -12) });
  if (kind === 'custom') {
    if (!custom) throw new Error('A custom period needs its span.');
    const length = daysBetween(custom.from, custom.to) + 1;
    return {
      current: custom,
      previous: { from: addDays(custom.from, -length), to: addDays(custom.from, -1) },
      lastYear: yearBefore(custom),
    };
  }
  const months = monthsOf[kind];
  const month = Number(today.slice(5, 7));
  const firstMonth = month - ((month - 1) % months);
  const current = { from: `${today.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`, to: today };
  return {
    current,
    previous: { from: addMonths(current.from, -months), to: addMonths(current.to, -months) },
    lastYear: yearBefore(current),
  };
}

/**
 * A span as the roll-up reads it: the calendar months wholly inside it (their first days) and the days at its
 * edges outside those months (none, one or two spans of days).
 */
export function monthsAndEdges(span: DaySpan): { months: LocalDate[]; edges: DaySpan[] } {
  const months: LocalDate[] = [];
  let month = span.from.slice(8) === '01' ? span.from : addMonths(`${span.from.slice(0, 7)}-01`, 1);
  while (addDays(addMonths(month, 1), -1) <= span.to) {
    months.push(month);
    month = addMonths(month, 1);
  }
  const first = months[0];
  const last = months.at(-1);
  if (first === undefined || last === undefined) return { months, edges: [span] };
  const edges: DaySpan[] = [];
  if (span.from < first) edges.push({ from: span.from, to: addDays(first, -1) });
  const after = addMonths(last, 1);
  if (after <= span.to) edges.push({ from: after, to: span.to });
  return { months, edges };
}
