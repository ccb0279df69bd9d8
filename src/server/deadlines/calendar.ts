// Calendar days and working days in Asia/Tashkent. Pure: no clock, no I/O, no dependence on the
// process time zone. Local dates are 'YYYY-MM-DD' strings, so they compare correctly as strings.

/** A calendar day in Asia/Tashkent, written 'YYYY-MM-DD' (years 1000–9999). */
export type LocalDate = string;

/** The days that differ from an ordinary week, as administrators keep them in the holiday calendar. */
export interface CalendarDays {
  /** Public holidays and observed, additional or transferred days off. */
  daysOff: LocalDate[];
  /** Weekend days that are working days (the Saturday a day off was transferred from). */
  workingDays: LocalDate[];
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are days off unless listed in `workingDays`. */
  weekend: number[];
}

/** Asia/Tashkent is UTC+5 all year: Uzbekistan has had no daylight saving time since 1992. */
export const TASHKENT_OFFSET_MINUTES = 300;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const OFFSET_MS = TASHKENT_OFFSET_MINUTES * MS_PER_MINUTE;
const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseLocalDate(value: string): YearMonthDay | null {
  const match = LOCAL_DATE_PATTERN.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function toParts(day: LocalDate): YearMonthDay {
  const parts = parseLocalDate(day);
  if (!parts) throw new RangeError(`Not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  return parts;
}

function format({ year, month, day }: YearMonthDay): LocalDate {
  if (year < MIN_YEAR || year > MAX_YEAR)
    throw new RangeError(`Year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01; the proleptic Gregorian calendar, independent of any time zone. */
function toDayNumber(day: LocalDate): number {
  const { year, month, day: dayOfMonth } = toParts(day);
  return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY;
}

function fromDayNumber(dayNumber: number): LocalDate {
  const date = new Date(dayNumber * MS_PER_DAY);
  return format({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

function assertInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

function assertValidInstant(instant: Date): number {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid instant');
  return time;
}

/** Parses 'HH:MM' into minutes after midnight; throws a RangeError for anything else. */
export function parseLocalTime(time: string): number {
  const match = LOCAL_TIME_PATTERN.exec(time);
  if (!match) throw new RangeError(`Not a time of day (HH:MM): ${JSON.stringify(time)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** True when `value` is a real calendar day written 'YYYY-MM-DD' (no 30 February). */
export function isLocalDate(value: string): value is LocalDate {
  return parseLocalDate(value) !== null;
}

/** The day `n` calendar days after `day` (before it when `n` is negative). */
export function addDays(day: LocalDate, n: number): LocalDate {
  assertInteger(n, 'Number of days');
  return fromDayNumber(toDayNumber(day) + n);
}

/** The same day of the month `n` months later, clamped to the month's end: 31 Jan + 1 month = 28/29 Feb. */
export function addMonths(day: LocalDate, n: number): LocalDate {
  assertInteger(n, 'Number of months');
  const { year, month, day: dayOfMonth } = toParts(day);
  const monthIndex = year * 12 + (month - 1) + n;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = monthIndex - newYear * 12 + 1;
  if (newYear < MIN_YEAR || newYear > MAX_YEAR) {
    throw new RangeError(`Year ${newYear} is outside ${MIN_YEAR}–${MAX_YEAR}`);
  }
  return format({
    year: newYear,
    month: newMonth,
    day: Math.min(dayOfMonth, daysInMonth(newYear, newMonth)),
  });
}

/** Calendar days from `from` to `to`: positive when `to` is later, 0 for the same day. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: LocalDate): number {
  // 1970-01-01, day number 0, was a Thursday (ISO 4).
  return ((((toDayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

/** The Tashkent calendar day of an instant. */
export function localDateOf(instant: Date): LocalDate {
  return fromDayNumber(Math.floor((assertValidInstant(instant) + OFFSET_MS) / MS_PER_DAY));
}

/** Minutes after Tashkent midnight of an instant (0–1439). */
export function localMinutesOf(instant: Date): number {
  const localMs = assertValidInstant(instant) + OFFSET_MS;
  return Math.floor((localMs - Math.floor(localMs / MS_PER_DAY) * MS_PER_DAY) / MS_PER_MINUTE);
}

/** The instant of 'HH:MM' Tashkent time on `day`. */
export function atLocalTime(day: LocalDate, time: string): Date {
  return new Date(toDayNumber(day) * MS_PER_DAY - OFFSET_MS + parseLocalTime(time) * MS_PER_MINUTE);
}

/** 00:00:00.000 Tashkent time of `day`. */
export function startOfDay(day: LocalDate): Date {
  return new Date(toDayNumber(day) * MS_PER_DAY - OFFSET_MS);
}

/** 23:59:59.999 Tashkent time of `day`: the last instant a term ending that day is still kept. */
export function endOfDay(day: LocalDate): Date {
  return new Date((toDayNumber(day) + 1) * MS_PER_DAY - OFFSET_MS - 1);
}

/** Which days are working days in Uzbekistan (or wherever the given days describe). */
export class WorkCalendar {
  readonly #daysOff: ReadonlySet<LocalDate>;
  readonly #workingDays: ReadonlySet<LocalDate>;
  readonly #weekend: ReadonlySet<number>;

  /** Checks the days once; throws a RangeError on a malformed day, weekday or contradiction. */
  constructor(days: CalendarDays) {
    for (const day of [...days.daysOff, ...days.workingDays]) toParts(day);
    for (const weekday of days.weekend) {
      if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
        throw new RangeError(`Weekend days are ISO weekdays 1–7, got ${weekday}`);
      }
    }
    this.#daysOff = new Set(days.daysOff);
    this.#workingDays = new Set(days.workingDays);
    this.#weekend = new Set(days.weekend);
    // With every weekday off, finding the next working day could run past the listed days forever.
    if (this.#weekend.size === 7) throw new RangeError('The weekend cannot be the whole week');
    const both = days.workingDays.find((day) => this.#daysOff.has(day));
    if (both) throw new RangeError(`${both} is listed both as a day off and as a working day`);
  }

  /** True when `day` is a working day: not a listed day off, and not a weekend day unless transferred. */
  isWorkingDay(day: LocalDate): boolean {
    toParts(day);
    if (this.#daysOff.has(day)) return false;
    if (this.#workingDays.has(day)) return true;
    return !this.#weekend.has(isoWeekday(day));
  }

  /** The first working day strictly after `day`. */
  nextWorkingDay(day: LocalDate): LocalDate {
    let next = addDays(day, 1);
    while (!this.isWorkingDay(next)) next = addDays(next, 1);
    return next;
  }

  /** `day` itself when it is a working day, otherwise the next working day. */
  onOrAfterWorkingDay(day: LocalDate): LocalDate {
    return this.isWorkingDay(day) ? day : this.nextWorkingDay(day);
  }

  /** The day `n` working days after `day` (the day itself not counted); `day` itself when `n` is 0. */
  addWorkingDays(day: LocalDate, n: number): LocalDate {
    assertInteger(n, 'Number of working days');
    if (n < 0) throw new RangeError(`Number of working days must not be negative, got ${n}`);
    toParts(day);
    let result = day;
    for (let counted = 0; counted < n; counted++) result = this.nextWorkingDay(result);
    return result;
  }

  /** Working days after `from` up to and including `to`; negative (days after `to` up to `from`) when `to` is earlier. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    const span = daysBetween(from, to);
    const first = span >= 0 ? from : to;
    let count = 0;
    for (let offset = 1; offset <= Math.abs(span); offset++) {
      if (this.isWorkingDay(addDays(first, offset))) count++;
    }
    return span < 0 && count > 0 ? -count : count;
  }
}
