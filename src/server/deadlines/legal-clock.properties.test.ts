import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, addMonths, type CalendarDays, localDateOf, startOfDay, WorkCalendar } from './calendar.ts';
import {
  type AppealClock,
  type AppealType,
  ClockError,
  type ClockSettings,
  clockStatus,
  extendByHead,
  infoRequestDueOn,
  recordExtraStudy,
  startClock,
} from './legal-clock.ts';
import { uzbekistanDays } from './uzbekistan-days.fixture.ts';

const appealType = fc.constantFrom<AppealType>('ariza', 'taklif', 'shikoyat');

const settingsArbitrary: fc.Arbitrary<ClockSettings> = fc.record({
  dayKind: fc.constantFrom('calendar', 'working'),
  dayOffRule: fc.constantFrom('next_working_day', 'none'),
  workingHours: fc.constantFrom({ start: '09:00', end: '18:00' }, { start: '08:30', end: '17:30' }),
  baseTermDays: fc.integer({ min: 1, max: 60 }),
  extraStudyMonths: fc.integer({ min: 1, max: 3 }),
  proposalTermMonths: fc.integer({ min: 1, max: 3 }),
  proposalNoticeDays: fc.integer({ min: 0, max: 20 }),
  headExtensionMonths: fc.integer({ min: 1, max: 3 }),
  forwardDays: fc.integer({ min: 0, max: 10 }),
  handoverWorkingDays: fc.integer({ min: 0, max: 3 }),
  infoRequestDays: fc.integer({ min: 0, max: 20 }),
});

/** A day from June 2024 to August 2026. */
const dayAround2025 = fc.integer({ min: 0, max: 800 }).map((n) => addDays('2024-06-01', n));

/** Uzbekistan's real days off, or a random weekend with random days off and transferred working days. */
const calendarDays: fc.Arbitrary<CalendarDays> = fc.oneof(
  fc.constant(uzbekistanDays),
  fc
    .record({
      weekend: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 3 }),
      daysOff: fc.uniqueArray(dayAround2025, { maxLength: 80 }),
      workingDays: fc.uniqueArray(dayAround2025, { maxLength: 20 }),
    })
    .map(({ weekend, daysOff, workingDays }) => ({
      weekend,
      daysOff,
      workingDays: workingDays.filter((day) => !daysOff.includes(day)),
    })),
);

/** Any instant from 2024 to 2026. */
const receivedAt = fc.date({
  min: new Date('2024-06-01T00:00:00+05:00'),
  max: new Date('2026-08-31T23:59:59+05:00'),
  noInvalidDate: true,
});

const scenario = fc.record({ type: appealType, receivedAt, days: calendarDays, settings: settingsArbitrary });

function dueDates(clock: AppealClock) {
  const { dueOn, baseDueOn, registrationDueOn, handoverDueOn, forwardDueOn, proposalNoticeDueOn } = clock;
  return [dueOn, baseDueOn, registrationDueOn, handoverDueOn, forwardDueOn, proposalNoticeDueOn ?? dueOn];
}

describe('legal clock properties', () => {
  it('never gives less than the base term from receipt, and extra study and extension never shorten it', () => {
    fc.assert(
      fc.property(scenario, ({ type, receivedAt, days, settings }) => {
        const calendar = new WorkCalendar(days);
        const clock = startClock({ type, receivedAt, calendar, settings });
        const minimum =
          type === 'taklif'
            ? addMonths(clock.receivedOn, settings.proposalTermMonths)
            : addDays(clock.receivedOn, settings.baseTermDays);
        expect(clock.dueOn >= minimum).toBe(true);
        expect(clock.registrationDueOn >= clock.receivedOn).toBe(true);
        expect(clock.handoverDueOn >= clock.registrationDueOn).toBe(true);
        const now = startOfDay(clock.receivedOn);
        const studied = recordExtraStudy({ clock, type, now, calendar, settings });
        expect(studied.dueOn >= clock.dueOn).toBe(true);
        const extended = extendByHead({ clock: studied, now, calendar, settings });
        expect(extended.dueOn > studied.dueOn).toBe(true);
      }),
    );
  });

  it('puts every due date on a working day when terms ending on a day off move', () => {
    fc.assert(
      fc.property(scenario, ({ type, receivedAt, days, settings: chosen }) => {
        const calendar = new WorkCalendar(days);
        const settings: ClockSettings = { ...chosen, dayOffRule: 'next_working_day' };
        const clock = startClock({ type, receivedAt, calendar, settings });
        const now = startOfDay(clock.receivedOn);
        const studied = recordExtraStudy({ clock, type, now, calendar, settings });
        const extended = extendByHead({ clock: studied, now, calendar, settings });
        const answerDue = infoRequestDueOn({ sentAt: receivedAt, calendar, settings });
        for (const day of [...dueDates(clock), studied.dueOn, extended.dueOn, answerDue]) {
          expect(calendar.isWorkingDay(day), day).toBe(true);
        }
      }),
    );
  });

  it('refuses a second extension by the head whatever the day and the new deadline asked for', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 120 }), dayAround2025, (s, daysLater, until) => {
        const calendar = new WorkCalendar(s.days);
        const clock = startClock({ type: s.type, receivedAt: s.receivedAt, calendar, settings: s.settings });
        const extended = extendByHead({ clock, now: s.receivedAt, calendar, settings: s.settings });
        const now = startOfDay(addDays(clock.receivedOn, daysLater));
        for (const requested of [undefined, until]) {
          expect(() =>
            extendByHead({ clock: extended, until: requested, now, calendar, settings: s.settings }),
          ).toThrow(expect.objectContaining({ code: 'DEADLINE_EXTENSION_USED' }));
        }
      }),
    );
  });

  it('extends to a day after the current deadline and no later than the allowed months after it', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 120 }), (s, offset) => {
        const calendar = new WorkCalendar(s.days);
        const rules = { calendar, settings: s.settings };
        const clock = startClock({ type: s.type, receivedAt: s.receivedAt, ...rules });
        const until = addDays(clock.dueOn, offset);
        const monthLater = addMonths(clock.dueOn, s.settings.headExtensionMonths);
        const limit =
          s.settings.dayOffRule === 'none' ? monthLater : calendar.onOrAfterWorkingDay(monthLater);
        try {
          const extended = extendByHead({ clock, until, now: s.receivedAt, ...rules });
          expect(extended.dueOn > clock.dueOn).toBe(true);
          expect(extended.dueOn <= limit).toBe(true);
        } catch (error) {
          if (!(error instanceof ClockError)) throw error;
          const { code } = error;
          expect(code).toBe(offset === 0 ? 'DEADLINE_EXTENSION_INVALID' : 'DEADLINE_EXTENSION_TOO_LONG');
          if (code === 'DEADLINE_EXTENSION_TOO_LONG') expect(until > limit).toBe(true);
        }
      }),
    );
  });

  it('registers on the day of receipt exactly when it is a working day before closing time, else the next working day', () => {
    fc.assert(
      fc.property(scenario, ({ type, receivedAt, days, settings }) => {
        const calendar = new WorkCalendar(days);
        const clock = startClock({ type, receivedAt, calendar, settings });
        const closing = new Date(`${clock.receivedOn}T${settings.workingHours.end}:00+05:00`);
        const sameDay = calendar.isWorkingDay(clock.receivedOn) && receivedAt < closing;
        expect(clock.registrationDueOn).toBe(
          sameDay ? clock.receivedOn : calendar.nextWorkingDay(clock.receivedOn),
        );
      }),
    );
  });

  it('counts the days left down to zero on the deadline day and marks overdue only after it', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: 0, max: 200 }),
        ({ type, receivedAt, days, settings }, daysLater) => {
          const calendar = new WorkCalendar(days);
          const clock = startClock({ type, receivedAt, calendar, settings });
          const today = addDays(clock.receivedOn, daysLater);
          const status = clockStatus({ clock, now: startOfDay(today), calendar });
          expect(status.overdue).toBe(today > clock.dueOn);
          expect(addDays(today, status.daysLeft)).toBe(clock.dueOn);
          expect(Math.abs(status.workingDaysLeft)).toBeLessThanOrEqual(Math.abs(status.daysLeft));
          if (status.workingDaysLeft !== 0)
            expect(Math.sign(status.workingDaysLeft)).toBe(Math.sign(status.daysLeft));
        },
      ),
    );
  });
});

describe('independence from the process time zone', () => {
  const originalTimeZone = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTimeZone;
  });

  it('gives the same clocks, status and days whatever TZ the process runs in', () => {
    const zones = ['Asia/Tashkent', 'UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata'];
    const probe = new Date('2025-06-01T00:00:00Z');
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: 0, max: 60 }),
        ({ type, receivedAt, days, settings }, daysLater) => {
          const results = zones.map((zone) => {
            process.env.TZ = zone;
            const calendar = new WorkCalendar(days);
            const clock = startClock({ type, receivedAt, calendar, settings });
            const now = new Date(receivedAt.getTime() + daysLater * 86_400_000);
            const outcome = {
              clock,
              localDate: localDateOf(now),
              status: clockStatus({ clock, now, calendar }),
              studied: recordExtraStudy({ clock, type, now: receivedAt, calendar, settings }),
              extended: extendByHead({ clock, now: receivedAt, calendar, settings }),
              answerDue: infoRequestDueOn({ sentAt: now, calendar, settings }),
            };
            return { offset: probe.getTimezoneOffset(), outcome };
          });
          // The process time zone did change, so the equality below means something.
          expect(new Set(results.map(({ offset }) => offset)).size).toBe(zones.length);
          for (const { outcome } of results) expect(outcome).toEqual(results[0]?.outcome);
        },
      ),
      { numRuns: 50 },
    );
  });
});
