// Pure: the calendar months reports are written for. No I/O.
import { addDays, addMonths, type LocalDate } from '../deadlines/calendar.ts';

/** A month `YYYY-MM` as its first and last Tashkent days. */
export function monthSpan(month: string): { from: LocalDate; to: LocalDate } {
  const from = `${month}-01`;
  return { from, to: addDays(addMonths(from, 1), -1) };
}

/** The month before the one `today` falls in, `YYYY-MM`. */
export function previousMonth(today: LocalDate): string {
  return addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
}

/** True when the month has ended by `today` (every day of it is in the past). */
export function monthHasEnded(month: string, today: LocalDate): boolean {
  return month < today.slice(0, 7);
}
