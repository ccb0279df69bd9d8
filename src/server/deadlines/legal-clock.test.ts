import { describe, expect, it } from 'vitest';
import { WorkCalendar } from './calendar.ts';
import {
  type AppealType,
  ClockError,
  type ClockErrorCode,
  type ClockSettings,
  clockSettingsSchema,
  clockStatus,
  defaultClockSettings,
  extendByHead,
  infoRequestDueOn,
  recordExtraStudy,
  startClock,
} from './legal-clock.ts';
import { uzbekistanDays } from './uzbekistan-days.fixture.ts';

const calendar = new WorkCalendar(uzbekistanDays);
const plainWeek = new WorkCalendar({ daysOff: [], workingDays: [], weekend: [6, 7] });
const settings = defaultClockSettings;

/** An instant given as Tashkent wall-clock time, 'YYYY-MM-DDTHH:MM'. */
function tashkent(localDateTime: string): Date {
  return new Date(`${localDateTime}:00+05:00`);
}

function start(type: AppealType, receivedAt: string, overrides: Partial<ClockSettings> = {}) {
  return startClock({
    type,
    receivedAt: tashkent(receivedAt),
    calendar,
    settings: { ...settings, ...overrides },
  });
}

function codeOf(action: () => unknown): ClockErrorCode | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof ClockError) return error.code;
    throw error;
  }
  return undefined;
}

describe('starting the clock', () => {
  it('gives an ariza received on 1 December 15 days: the answer is due on 16 December', () => {
    expect(start('ariza', '2025-12-01T10:00')).toEqual({
      receivedOn: '2025-12-01',
      registrationDueOn: '2025-12-01',
      dueOn: '2025-12-16',
      baseDueOn: '2025-12-16',
      handoverDueOn: '2025-12-02',
      // 1 Dec + 5 = Saturday 6 Dec; Monday 8 Dec is Constitution Day, so Tuesday 9 Dec.
      forwardDueOn: '2025-12-09',
      proposalNoticeDueOn: null,
      extraStudy: false,
      headExtensionUsed: false,
    });
  });

  it('gives a shikoyat the same 15 days as an ariza', () => {
    expect(start('shikoyat', '2025-12-01T10:00').dueOn).toBe('2025-12-16');
  });

  it('registers an appeal received on Friday evening on Monday and moves a Saturday deadline to Monday', () => {
    const clock = start('ariza', '2025-11-14T19:30');
    expect(clock.receivedOn).toBe('2025-11-14');
    expect(clock.registrationDueOn).toBe('2025-11-17');
    expect(clock.handoverDueOn).toBe('2025-11-18');
    // The term still counts from receipt: 14 Nov + 15 = Saturday 29 Nov, kept until Monday 1 Dec.
    expect(clock.dueOn).toBe('2025-12-01');
  });

  it('registers an appeal the same day up to the end of working hours, and the next working day from then', () => {
    expect(start('ariza', '2025-11-14T17:59').registrationDueOn).toBe('2025-11-14');
    expect(start('ariza', '2025-11-14T18:00').registrationDueOn).toBe('2025-11-17');
  });

  it('registers an appeal received before opening time the same working day', () => {
    expect(start('ariza', '2025-11-17T07:00').registrationDueOn).toBe('2025-11-17');
  });

  it('registers an appeal received on a Sunday on Monday', () => {
    expect(start('ariza', '2025-11-16T11:00').registrationDueOn).toBe('2025-11-17');
  });

  it("registers a Friday evening appeal before Women's Day on Tuesday, after the weekend holiday and its observed Monday", () => {
    const clock = start('ariza', '2025-03-07T19:30');
    expect(clock.registrationDueOn).toBe('2025-03-11');
    expect(clock.handoverDueOn).toBe('2025-03-12');
  });

  it('takes the Tashkent day of receipt: 00:30 on Saturday in Tashkent is still Friday in UTC', () => {
    const clock = startClock({
      type: 'ariza',
      receivedAt: new Date('2025-11-14T19:30:00Z'),
      calendar,
      settings,
    });
    expect(clock.receivedOn).toBe('2025-11-15');
    expect(clock.registrationDueOn).toBe('2025-11-17');
    expect(clock.dueOn).toBe('2025-12-01');
  });

  it('moves a term ending on Navruz, 21 March, to the next working day', () => {
    expect(start('ariza', '2025-03-06T10:00').dueOn).toBe('2025-03-24');
    // 2026: Navruz on Saturday, its observed day off on Monday 23 March.
    expect(start('ariza', '2026-03-06T10:00').dueOn).toBe('2026-03-24');
  });

  it('keeps a term ending on Navruz when the day-off rule is switched off', () => {
    expect(start('ariza', '2025-03-06T10:00', { dayOffRule: 'none' }).dueOn).toBe('2025-03-21');
  });

  it('gives a taklif received on 31 January one month, to the last day of February', () => {
    expect(start('taklif', '2025-01-31T10:00').dueOn).toBe('2025-02-28');
    const leapYear = startClock({
      type: 'taklif',
      receivedAt: tashkent('2024-01-31T10:00'),
      calendar: plainWeek,
      settings,
    });
    expect(leapYear.dueOn).toBe('2024-02-29');
  });

  it('gives a taklif one month and 10 days to tell the author it needs more study', () => {
    const clock = start('taklif', '2025-04-15T10:00');
    expect(clock.dueOn).toBe('2025-05-15');
    expect(clock.baseDueOn).toBe('2025-05-15');
    expect(clock.proposalNoticeDueOn).toBe('2025-04-25');
  });

  it('counts working days in working-day mode, skipping holidays', () => {
    // From Monday 3 March 2025: 10 March (observed Women's Day) and 21 March (Navruz) do not count.
    const clock = start('ariza', '2025-03-03T10:00', { dayKind: 'working' });
    expect(clock.dueOn).toBe('2025-03-26');
    expect(clock.forwardDueOn).toBe('2025-03-11');
  });

  it('counts a transferred working Saturday as a working day', () => {
    const onTheSaturday = start('ariza', '2025-01-04T10:00');
    expect(onTheSaturday.registrationDueOn).toBe('2025-01-04');
    expect(onTheSaturday.handoverDueOn).toBe('2025-01-06');
    expect(start('ariza', '2025-01-03T10:00').handoverDueOn).toBe('2025-01-04');
    // In working-day mode that Saturday is one of the 15 days: 3 Jan 2025 + 15 working days.
    expect(start('ariza', '2025-01-03T10:00', { dayKind: 'working' }).dueOn).toBe('2025-01-23');
  });
});

describe('extra study', () => {
  it('gives an ariza with extra study a month from receipt, moved off the New Year holidays', () => {
    const clock = recordExtraStudy({
      clock: start('ariza', '2025-12-01T10:00'),
      type: 'ariza',
      now: tashkent('2025-12-10T12:00'),
      calendar,
      settings,
    });
    expect(clock.extraStudy).toBe(true);
    expect(clock.baseDueOn).toBe('2025-12-16');
    expect(clock.dueOn).toBe('2026-01-05');
  });

  it('records extra study on the last day of the term but not the day after', () => {
    const clock = start('shikoyat', '2025-12-01T10:00');
    const on = (now: string) => () =>
      recordExtraStudy({ clock, type: 'shikoyat', now: tashkent(now), calendar, settings });
    expect(on('2025-12-16T23:59')().dueOn).toBe('2026-01-05');
    expect(codeOf(on('2025-12-17T00:00'))).toBe('DEADLINE_PASSED');
  });

  it('refuses to record extra study twice', () => {
    const once = recordExtraStudy({
      clock: start('ariza', '2025-12-01T10:00'),
      type: 'ariza',
      now: tashkent('2025-12-02T10:00'),
      calendar,
      settings,
    });
    expect(
      codeOf(() =>
        recordExtraStudy({
          clock: once,
          type: 'ariza',
          now: tashkent('2025-12-03T10:00'),
          calendar,
          settings,
        }),
      ),
    ).toBe('EXTRA_STUDY_ALREADY_RECORDED');
  });

  it('lets a taklif need more study only until the 10-day notice is due, keeping its month', () => {
    const clock = start('taklif', '2025-04-15T10:00');
    const on = (now: string) => () =>
      recordExtraStudy({ clock, type: 'taklif', now: tashkent(now), calendar, settings });
    expect(on('2025-04-25T17:00')()).toEqual({ ...clock, extraStudy: true });
    expect(codeOf(on('2025-04-26T09:00'))).toBe('PROPOSAL_NOTICE_OVERDUE');
  });

  it('never shortens a deadline the head already extended', () => {
    const extended = extendByHead({
      clock: start('ariza', '2025-12-01T10:00'),
      now: tashkent('2025-12-10T10:00'),
      calendar,
      settings,
    });
    const studied = recordExtraStudy({
      clock: extended,
      type: 'ariza',
      now: tashkent('2025-12-20T10:00'),
      calendar,
      settings,
    });
    expect(studied.dueOn).toBe(extended.dueOn);
  });
});

describe("the head's extension", () => {
  const clock = start('ariza', '2025-12-01T10:00');
  const now = tashkent('2025-12-10T10:00');

  it('extends the deadline once by a month by default', () => {
    const extended = extendByHead({ clock, now, calendar, settings });
    expect(extended.dueOn).toBe('2026-01-16');
    expect(extended.baseDueOn).toBe('2025-12-16');
    expect(extended.headExtensionUsed).toBe(true);
  });

  it('refuses a second extension', () => {
    const extended = extendByHead({ clock, now, calendar, settings, until: '2025-12-26' });
    expect(extended.dueOn).toBe('2025-12-26');
    expect(
      codeOf(() => extendByHead({ clock: extended, now, calendar, settings, until: '2026-01-10' })),
    ).toBe('DEADLINE_EXTENSION_USED');
  });

  it('refuses an extension longer than a month after the current deadline', () => {
    expect(codeOf(() => extendByHead({ clock, now, calendar, settings, until: '2026-01-17' }))).toBe(
      'DEADLINE_EXTENSION_TOO_LONG',
    );
  });

  it('refuses a new deadline that is not after the current one, or not a day at all', () => {
    expect(codeOf(() => extendByHead({ clock, now, calendar, settings, until: '2025-12-16' }))).toBe(
      'DEADLINE_EXTENSION_INVALID',
    );
    expect(codeOf(() => extendByHead({ clock, now, calendar, settings, until: '2025-12-32' }))).toBe(
      'DEADLINE_EXTENSION_INVALID',
    );
  });

  it('refuses to extend a deadline that has already passed', () => {
    expect(codeOf(() => extendByHead({ clock, now: tashkent('2025-12-17T09:00'), calendar, settings }))).toBe(
      'DEADLINE_PASSED',
    );
  });

  it('moves a chosen new deadline that falls on a day off to the next working day', () => {
    expect(extendByHead({ clock, now, calendar, settings, until: '2025-12-27' }).dueOn).toBe('2025-12-29');
  });

  it('extends a month from the deadline already lengthened by extra study', () => {
    const studied = recordExtraStudy({ clock, type: 'ariza', now, calendar, settings });
    expect(extendByHead({ clock: studied, now, calendar, settings }).dueOn).toBe('2026-02-05');
  });
});

describe('information requests and status', () => {
  it('expects an answer to an information request within 10 days, moved off Navruz', () => {
    expect(infoRequestDueOn({ sentAt: tashkent('2025-03-11T15:00'), calendar, settings })).toBe('2025-03-24');
  });

  it('reports days left, due soon from three days before, and overdue only after the deadline day', () => {
    const clock = start('ariza', '2025-12-01T10:00');
    const at = (now: string) => clockStatus({ clock, now: tashkent(now), calendar });
    expect(at('2025-12-12T10:00')).toEqual({
      daysLeft: 4,
      workingDaysLeft: 2,
      overdue: false,
      dueSoon: false,
    });
    expect(at('2025-12-13T10:00')).toEqual({
      daysLeft: 3,
      workingDaysLeft: 2,
      overdue: false,
      dueSoon: true,
    });
    expect(at('2025-12-16T23:59')).toEqual({
      daysLeft: 0,
      workingDaysLeft: 0,
      overdue: false,
      dueSoon: true,
    });
    expect(at('2025-12-17T00:00')).toEqual({
      daysLeft: -1,
      workingDaysLeft: -1,
      overdue: true,
      dueSoon: false,
    });
  });
});

describe('settings', () => {
  it('fills every setting with the default docs/domain.md gives', () => {
    expect(clockSettingsSchema.parse({})).toEqual(defaultClockSettings);
    expect(defaultClockSettings).toEqual({
      dayKind: 'calendar',
      dayOffRule: 'next_working_day',
      workingHours: { start: '09:00', end: '18:00' },
      baseTermDays: 15,
      extraStudyMonths: 1,
      proposalTermMonths: 1,
      proposalNoticeDays: 10,
      headExtensionMonths: 1,
      forwardDays: 5,
      handoverWorkingDays: 1,
      infoRequestDays: 10,
    });
  });

  it('refuses working hours that end before they start, bad times and fractional or negative terms', () => {
    expect(clockSettingsSchema.safeParse({ workingHours: { start: '18:00', end: '09:00' } }).success).toBe(
      false,
    );
    expect(clockSettingsSchema.safeParse({ workingHours: { start: '9:00', end: '18:00' } }).success).toBe(
      false,
    );
    expect(clockSettingsSchema.safeParse({ baseTermDays: 1.5 }).success).toBe(false);
    expect(clockSettingsSchema.safeParse({ forwardDays: -1 }).success).toBe(false);
    expect(clockSettingsSchema.safeParse({ dayKind: 'lunar' }).success).toBe(false);
  });

  it('keeps the default settings from being changed by accident', () => {
    expect(Object.isFrozen(defaultClockSettings)).toBe(true);
    expect(Object.isFrozen(defaultClockSettings.workingHours)).toBe(true);
  });
});
