import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  atLocalTime,
  daysBetween,
  endOfDay,
  isLocalDate,
  isoWeekday,
  type LocalDate,
  localDateOf,
  localMinutesOf,
  startOfDay,
  WorkCalendar,
} from './calendar.ts';
import { uzbekistanDays } from './uzbekistan-days.fixture.ts';

const uzbekistan = new WorkCalendar(uzbekistanDays);
const plainWeek = new WorkCalendar({ daysOff: [], workingDays: [], weekend: [6, 7] });

const FIRST_DAY = Date.UTC(1990, 0, 1);
const LAST_DAY = Date.UTC(2100, 11, 31);

/** Any calendar day from 1990 to 2100. */
const localDate = fc
  .integer({ min: FIRST_DAY / 86_400_000, max: LAST_DAY / 86_400_000 })
  .map((dayNumber) => new Date(dayNumber * 86_400_000).toISOString().slice(0, 10));

/** Any instant from 1993 (Tashkent on UTC+5 for good) to 2100. */
const instant = fc.date({
  min: new Date('1993-01-01T00:00:00Z'),
  max: new Date('2100-01-01T00:00:00Z'),
  noInvalidDate: true,
});

/** Months since year 0, to compare the months of two days. */
function monthNumber(day: LocalDate): number {
  return Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));
}

function dayOfMonth(day: LocalDate): number {
  return Number(day.slice(8, 10));
}

/** Any day from June 2024 to August 2026, where the random calendars have their listed days. */
const dayAround2025 = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2024-06-01', n));

/** A random calendar: a weekend, some days off and some transferred working days around 2025. */
const calendarDays = fc
  .record({
    weekend: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 3 }),
    daysOff: fc.uniqueArray(dayAround2025, { maxLength: 80 }),
    workingDays: fc.uniqueArray(dayAround2025, { maxLength: 20 }),
  })
  .map(({ weekend, daysOff, workingDays }) => ({
    weekend,
    daysOff,
    workingDays: workingDays.filter((day) => !daysOff.includes(day)),
  }));

describe('calendar days', () => {
  it('adds and counts calendar days across month and year ends', () => {
    expect(addDays('2025-12-01', 15)).toBe('2025-12-16');
    expect(addDays('2025-12-25', 10)).toBe('2026-01-04');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2025-12-01', '2025-12-16')).toBe(15);
    expect(daysBetween('2025-12-16', '2025-12-01')).toBe(-15);
  });

  it('clamps 31 January plus one month to the last day of February', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-31', 1)).toBe('2025-04-30');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonths('2025-01-15', -1)).toBe('2024-12-15');
  });

  it('rejects days that do not exist and fractional counts', () => {
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-1-05')).toBe(false);
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2025-02-01', 1.5)).toThrow(RangeError);
  });

  it('knows the ISO weekday of a day', () => {
    expect(isoWeekday('2025-03-21')).toBe(5);
    expect(isoWeekday('2025-01-04')).toBe(6);
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('1969-12-28')).toBe(7);
  });

  it('puts an instant shortly after Tashkent midnight on the Tashkent day, not the UTC one', () => {
    const saturdayHalfPastMidnight = new Date('2025-03-07T19:30:00Z');
    expect(localDateOf(saturdayHalfPastMidnight)).toBe('2025-03-08');
    expect(localMinutesOf(saturdayHalfPastMidnight)).toBe(30);
  });

  it('ends a Tashkent day at 23:59:59.999 UTC+5', () => {
    expect(endOfDay('2025-12-16').toISOString()).toBe('2025-12-16T18:59:59.999Z');
    expect(startOfDay('2025-12-16').toISOString()).toBe('2025-12-15T19:00:00.000Z');
    expect(atLocalTime('2025-12-16', '09:00').toISOString()).toBe('2025-12-16T04:00:00.000Z');
  });
});

describe('work calendar', () => {
  it('treats Navruz on a Friday as a day off and the following Monday as the next working day', () => {
    expect(uzbekistan.isWorkingDay('2025-03-21')).toBe(false);
    expect(uzbekistan.nextWorkingDay('2025-03-20')).toBe('2025-03-24');
    expect(uzbekistan.onOrAfterWorkingDay('2025-03-21')).toBe('2025-03-24');
    expect(uzbekistan.onOrAfterWorkingDay('2025-03-20')).toBe('2025-03-20');
  });

  it('counts a transferred working Saturday as a working day', () => {
    expect(uzbekistan.isWorkingDay('2025-01-04')).toBe(true);
    expect(uzbekistan.isWorkingDay('2026-12-12')).toBe(true);
    expect(uzbekistan.nextWorkingDay('2025-01-03')).toBe('2025-01-04');
    expect(plainWeek.nextWorkingDay('2025-01-03')).toBe('2025-01-06');
  });

  it('skips a weekend holiday and its observed Monday', () => {
    // Women's Day 2025 fell on Saturday 8 March; Monday 10 March was the observed day off.
    expect(uzbekistan.nextWorkingDay('2025-03-07')).toBe('2025-03-11');
  });

  it('adds working days the day itself not counted', () => {
    expect(uzbekistan.addWorkingDays('2025-03-20', 1)).toBe('2025-03-24');
    expect(uzbekistan.addWorkingDays('2025-03-03', 15)).toBe('2025-03-26');
    expect(uzbekistan.addWorkingDays('2025-03-22', 0)).toBe('2025-03-22');
    expect(() => uzbekistan.addWorkingDays('2025-03-22', -1)).toThrow(RangeError);
  });

  it('counts working days between two days in either direction', () => {
    expect(uzbekistan.workingDaysBetween('2025-03-20', '2025-03-24')).toBe(1);
    expect(uzbekistan.workingDaysBetween('2025-03-24', '2025-03-20')).toBe(-1);
    expect(uzbekistan.workingDaysBetween('2025-03-22', '2025-03-23')).toBe(0);
  });

  it('refuses a malformed day, a weekday outside 1–7, a seven-day weekend and a day both off and working', () => {
    expect(() => new WorkCalendar({ daysOff: ['2025-13-01'], workingDays: [], weekend: [] })).toThrow(
      RangeError,
    );
    expect(() => new WorkCalendar({ daysOff: [], workingDays: [], weekend: [0] })).toThrow(RangeError);
    expect(() => new WorkCalendar({ daysOff: [], workingDays: [], weekend: [1, 2, 3, 4, 5, 6, 7] })).toThrow(
      RangeError,
    );
    expect(
      () => new WorkCalendar({ daysOff: ['2025-01-04'], workingDays: ['2025-01-04'], weekend: [6, 7] }),
    ).toThrow(RangeError);
  });
});

describe('calendar properties', () => {
  it('addMonths always produces a real day in the right month, never later than the same day of month', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: -240, max: 240 }), (day, n) => {
        const result = addMonths(day, n);
        expect(isLocalDate(result)).toBe(true);
        expect(monthNumber(result) - monthNumber(day)).toBe(n);
        expect(dayOfMonth(result)).toBeLessThanOrEqual(dayOfMonth(day));
        if (dayOfMonth(result) < dayOfMonth(day))
          expect(monthNumber(addDays(result, 1))).toBe(monthNumber(result) + 1);
      }),
    );
  });

  it('addDays and daysBetween undo each other', () => {
    fc.assert(
      fc.property(localDate, fc.integer({ min: -5000, max: 5000 }), (day, n) => {
        const result = addDays(day, n);
        expect(isLocalDate(result)).toBe(true);
        expect(daysBetween(day, result)).toBe(n);
        expect(addDays(result, -n)).toBe(day);
      }),
    );
  });

  it('localDateOf agrees with Intl for Asia/Tashkent', () => {
    const tashkent = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tashkent' });
    fc.assert(
      fc.property(instant, (at) => {
        expect(localDateOf(at)).toBe(tashkent.format(at));
      }),
    );
  });

  it('a day runs from startOfDay to endOfDay and the next millisecond is the next day', () => {
    fc.assert(
      fc.property(localDate, (day) => {
        expect(localDateOf(startOfDay(day))).toBe(day);
        expect(localDateOf(endOfDay(day))).toBe(day);
        expect(localDateOf(new Date(endOfDay(day).getTime() + 1))).toBe(addDays(day, 1));
        expect(endOfDay(day).getTime() - startOfDay(day).getTime()).toBe(86_400_000 - 1);
      }),
    );
  });

  it('adding working days is monotonic in the count and in the start day, and lands on working days', () => {
    fc.assert(
      fc.property(
        calendarDays,
        dayAround2025,
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 30 }),
        (days, day, a, b, shift) => {
          const calendar = new WorkCalendar(days);
          const [fewer, more] = a <= b ? [a, b] : [b, a];
          const sooner = calendar.addWorkingDays(day, fewer);
          const later = calendar.addWorkingDays(day, more);
          expect(sooner <= later).toBe(true);
          if (fewer < more) expect(sooner < later).toBe(true);
          expect(
            calendar.addWorkingDays(day, more) <= calendar.addWorkingDays(addDays(day, shift), more),
          ).toBe(true);
          if (more > 0) expect(calendar.isWorkingDay(later)).toBe(true);
          expect(calendar.workingDaysBetween(day, later)).toBe(more);
        },
      ),
    );
  });

  it('the next working day is a working day with only days off in between', () => {
    fc.assert(
      fc.property(calendarDays, dayAround2025, (days, day: LocalDate) => {
        const calendar = new WorkCalendar(days);
        const next = calendar.nextWorkingDay(day);
        expect(calendar.isWorkingDay(next)).toBe(true);
        for (let between = addDays(day, 1); between < next; between = addDays(between, 1)) {
          expect(calendar.isWorkingDay(between)).toBe(false);
        }
      }),
    );
  });
});
