// The legal clocks of an appeal (ZRU-445, CM Res. 341; see docs/deadlines.md). Pure and deterministic:
// the caller passes the instants ("now", the receipt) and the working-day calendar.
import { z } from 'zod';
import {
  addDays,
  addMonths,
  daysBetween,
  isLocalDate,
  type LocalDate,
  localDateOf,
  localMinutesOf,
  parseLocalTime,
  type WorkCalendar,
} from './calendar.ts';

/** The three types of appeal the law knows: application, proposal, complaint. */
export type AppealType = 'ariza' | 'taklif' | 'shikoyat';

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected a time of day as HH:MM');
const days = (min: number) => z.number().int().min(min).max(366);
const months = z.number().int().min(1).max(12);

/** Admin-editable settings of the legal clock, each defaulting to the reading of the law in docs/domain.md. */
export const clockSettingsSchema = z.object({
  /** Whether day terms count calendar or working days; the law does not say, so calendar by default. */
  dayKind: z.enum(['calendar', 'working']).default('calendar'),
  /** What happens to a term that ends on a day off: by default it moves to the next working day. */
  dayOffRule: z.enum(['next_working_day', 'none']).default('next_working_day'),
  /** Tashkent working hours; an appeal received after them is registered the next working day. */
  workingHours: z
    .object({ start: localTime, end: localTime })
    .refine(({ start, end }) => start < end, {
      message: 'Working hours must end after they start',
      path: ['end'],
    })
    .default(() => ({ start: '09:00', end: '18:00' })),
  /** Term for an answer to an ariza or shikoyat. */
  baseTermDays: days(1).default(15),
  /** Term, from receipt, of an ariza or shikoyat when extra study, an inspection or documents are needed. */
  extraStudyMonths: months.default(1),
  /** Term for a taklif. */
  proposalTermMonths: months.default(1),
  /** Term to tell the author of a taklif in writing that it needs more study. */
  proposalNoticeDays: days(0).default(10),
  /** The head's one extension, counted from the current deadline. */
  headExtensionMonths: months.default(1),
  /** Term to forward an appeal outside the body's competence, or return it for missing data. */
  forwardDays: days(0).default(5),
  /** Term, in working days from registration, to hand the appeal over to the executing unit. */
  handoverWorkingDays: days(0).default(1),
  /** Term for other bodies to answer an information request. */
  infoRequestDays: days(0).default(10),
});

/** Settings of the legal clock; the type is read from the schema so the two cannot drift apart. */
export type ClockSettings = z.infer<typeof clockSettingsSchema>;

/** The settings the law (docs/domain.md) gives when an administrator has changed nothing. */
export const defaultClockSettings: ClockSettings = (() => {
  const parsed = clockSettingsSchema.parse({});
  return Object.freeze({ ...parsed, workingHours: Object.freeze(parsed.workingHours) });
})();

/** The deadlines of one appeal, all Tashkent calendar days; a deadline day is kept until its end. */
export interface AppealClock {
  /** The day the appeal arrived; terms start the day after. */
  receivedOn: LocalDate;
  /** The same day if received on a working day before working hours end, else the next working day. */
  registrationDueOn: LocalDate;
  /** The legal deadline for the answer, after any extra study or extension. */
  dueOn: LocalDate;
  /** The deadline before any extra study or extension. */
  baseDueOn: LocalDate;
  /** Hand-over to the executing unit. */
  handoverDueOn: LocalDate;
  /** Forwarding outside competence, or returning the appeal for missing data. */
  forwardDueOn: LocalDate;
  /** Telling the author of a taklif that it needs more study; null for other types. */
  proposalNoticeDueOn: LocalDate | null;
  /** Extra study was recorded. */
  extraStudy: boolean;
  /** The head's one extension was used. */
  headExtensionUsed: boolean;
}

/** Stable machine codes of the clock's refusals. */
export type ClockErrorCode =
  | 'DEADLINE_EXTENSION_USED'
  | 'DEADLINE_EXTENSION_TOO_LONG'
  | 'DEADLINE_EXTENSION_INVALID'
  | 'EXTRA_STUDY_ALREADY_RECORDED'
  | 'PROPOSAL_NOTICE_OVERDUE'
  | 'DEADLINE_PASSED';

/** A rule of the legal clock refused a change; clients branch on `code`. */
export class ClockError extends Error {
  override readonly name = 'ClockError';
  readonly code: ClockErrorCode;

  constructor(code: ClockErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

interface Rules {
  calendar: WorkCalendar;
  settings: ClockSettings;
}

/** Options of {@link startClock}. */
export interface StartClockOptions extends Rules {
  type: AppealType;
  receivedAt: Date;
}

/** Options of {@link recordExtraStudy}. */
export interface RecordExtraStudyOptions extends Rules {
  clock: AppealClock;
  type: AppealType;
  now: Date;
}

/** Options of {@link extendByHead}. */
export interface ExtendByHeadOptions extends Rules {
  clock: AppealClock;
  /** The new deadline the head decided; by default the longest allowed. */
  until?: LocalDate;
  now: Date;
}

/** Options of {@link infoRequestDueOn}. */
export interface InfoRequestOptions extends Rules {
  sentAt: Date;
}

/** Options of {@link clockStatus}. */
export interface ClockStatusOptions {
  clock: AppealClock;
  now: Date;
  calendar: WorkCalendar;
}

/** Where an appeal stands against its deadline on a given day. */
export interface ClockStatus {
  /** Calendar days from today to the deadline: 0 on the last day, negative once overdue. */
  daysLeft: number;
  /** Working days after today up to the deadline; negative once overdue. */
  workingDaysLeft: number;
  overdue: boolean;
  /** Not overdue and at most {@link DUE_SOON_DAYS} calendar days left. */
  dueSoon: boolean;
}

/** An appeal is "due soon" with this many calendar days left or fewer. */
export const DUE_SOON_DAYS = 3;

function keepOrMoveOffDayOff(day: LocalDate, { calendar, settings }: Rules): LocalDate {
  return settings.dayOffRule === 'next_working_day' ? calendar.onOrAfterWorkingDay(day) : day;
}

/** A term of `n` days (calendar or working, per the settings) starting the day after `from`. */
function termInDays(from: LocalDate, n: number, rules: Rules): LocalDate {
  const end =
    rules.settings.dayKind === 'working' ? rules.calendar.addWorkingDays(from, n) : addDays(from, n);
  return keepOrMoveOffDayOff(end, rules);
}

/** A term of `n` calendar months from `from`; months are months whatever the day kind. */
function termInMonths(from: LocalDate, n: number, rules: Rules): LocalDate {
  return keepOrMoveOffDayOff(addMonths(from, n), rules);
}

function registrationDay(receivedAt: Date, { calendar, settings }: Rules): LocalDate {
  const receivedOn = localDateOf(receivedAt);
  const beforeClosing = localMinutesOf(receivedAt) < parseLocalTime(settings.workingHours.end);
  return calendar.isWorkingDay(receivedOn) && beforeClosing
    ? receivedOn
    : calendar.nextWorkingDay(receivedOn);
}

function later(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/** Starts the clocks of an appeal received at `receivedAt`. */
export function startClock({ type, receivedAt, calendar, settings }: StartClockOptions): AppealClock {
  const rules = { calendar, settings };
  const receivedOn = localDateOf(receivedAt);
  const registrationDueOn = registrationDay(receivedAt, rules);
  const baseDueOn =
    type === 'taklif'
      ? termInMonths(receivedOn, settings.proposalTermMonths, rules)
      : termInDays(receivedOn, settings.baseTermDays, rules);
  return {
    receivedOn,
    registrationDueOn,
    dueOn: baseDueOn,
    baseDueOn,
    handoverDueOn: calendar.addWorkingDays(registrationDueOn, settings.handoverWorkingDays),
    forwardDueOn: termInDays(receivedOn, settings.forwardDays, rules),
    proposalNoticeDueOn:
      type === 'taklif' ? termInDays(receivedOn, settings.proposalNoticeDays, rules) : null,
    extraStudy: false,
    headExtensionUsed: false,
  };
}

/** Records that the appeal needs extra study: an ariza or shikoyat gets up to a month from receipt. */
export function recordExtraStudy({
  clock,
  type,
  now,
  calendar,
  settings,
}: RecordExtraStudyOptions): AppealClock {
  const rules = { calendar, settings };
  const today = localDateOf(now);
  if (clock.extraStudy) {
    throw new ClockError('EXTRA_STUDY_ALREADY_RECORDED', 'Extra study is already recorded for this appeal');
  }
  if (type === 'taklif') {
    const noticeDueOn =
      clock.proposalNoticeDueOn ?? termInDays(clock.receivedOn, settings.proposalNoticeDays, rules);
    if (today > noticeDueOn) {
      throw new ClockError(
        'PROPOSAL_NOTICE_OVERDUE',
        `The author had to be told of extra study by ${noticeDueOn}; it is ${today}`,
      );
    }
  }
  if (today > clock.dueOn) {
    throw new ClockError('DEADLINE_PASSED', `The deadline ${clock.dueOn} has passed; it is ${today}`);
  }
  // The law sets no longer term for a proposal needing more study; its month stands, and the head may extend it.
  // Recording extra study never shortens a deadline, e.g. one the head already extended.
  const studyDueOn =
    type === 'taklif' ? clock.dueOn : termInMonths(clock.receivedOn, settings.extraStudyMonths, rules);
  return { ...clock, dueOn: later(clock.dueOn, studyDueOn), extraStudy: true };
}

/** The head's one extension of the deadline, to `until` or by default the longest the settings allow. */
export function extendByHead({ clock, until, now, calendar, settings }: ExtendByHeadOptions): AppealClock {
  const rules = { calendar, settings };
  const today = localDateOf(now);
  if (clock.headExtensionUsed) {
    throw new ClockError('DEADLINE_EXTENSION_USED', 'The deadline of this appeal was already extended once');
  }
  if (today > clock.dueOn) {
    throw new ClockError('DEADLINE_PASSED', `The deadline ${clock.dueOn} has passed; it is ${today}`);
  }
  const longest = termInMonths(clock.dueOn, settings.headExtensionMonths, rules);
  const requested = until ?? longest;
  if (!isLocalDate(requested) || requested <= clock.dueOn) {
    throw new ClockError(
      'DEADLINE_EXTENSION_INVALID',
      `The new deadline must be a day after ${clock.dueOn}, got ${JSON.stringify(requested)}`,
    );
  }
  if (requested > longest) {
    throw new ClockError(
      'DEADLINE_EXTENSION_TOO_LONG',
      `The deadline can be extended to ${longest} at the latest, not ${requested}`,
    );
  }
  return { ...clock, dueOn: keepOrMoveOffDayOff(requested, rules), headExtensionUsed: true };
}

/** The day another body must answer an information request sent at `sentAt`. */
export function infoRequestDueOn({ sentAt, calendar, settings }: InfoRequestOptions): LocalDate {
  return termInDays(localDateOf(sentAt), settings.infoRequestDays, { calendar, settings });
}

/** How much time an appeal has left at `now`; the deadline day itself is not overdue. */
export function clockStatus({ clock, now, calendar }: ClockStatusOptions): ClockStatus {
  const today = localDateOf(now);
  const daysLeft = daysBetween(today, clock.dueOn);
  const overdue = daysLeft < 0;
  return {
    daysLeft,
    workingDaysLeft: calendar.workingDaysBetween(today, clock.dueOn),
    overdue,
    dueSoon: !overdue && daysLeft <= DUE_SOON_DAYS,
  };
}
