// An appeal's life played forward from receipt: the milestones that would have happened by a given
// instant, in the order the state machine allows. Pure: the generator (./generate-appeals.ts) decides who
// the appeal is and where it goes; this decides what became of it.
import type { AppealForm, AppealStatus, AppealType, Channel } from '../../contracts/enums.ts';
import { anonymousConclusionText } from '../appeals/conclusion-texts.ts';
import { daysBetween, endOfDay, type LocalDate } from '../deadlines/calendar.ts';
import {
  type AppealClock,
  extendByHead,
  infoRequestDueOn,
  recordExtraStudy,
} from '../deadlines/legal-clock.ts';
import type { StartingRoute } from '../routing/starting-route.ts';
import type { Unit } from '../routing/unit-directory.ts';
import type { Script, SeedAnswer, SeedAppeal, SeedEvent, SeedReference } from './generate-appeals.ts';
import { at, pick, type Random, weighted } from './seed-random.ts';
import type { SeedExecutor } from './seed-staff.ts';
import { answerBodies, forwardTargets } from './seed-texts.ts';

/** What an appeal's life depends on, decided by the generator. */
export interface LifeInput {
  r: Random;
  receivedAt: Date;
  until: Date;
  today: LocalDate;
  clock: AppealClock;
  ref: SeedReference;
  type: AppealType;
  anonymous: boolean;
  duplicate: boolean;
  mergedIntoNumber: string;
  /** Where intake starts it (`decideStartingRoute`, as intake decides it for the same facts). */
  start: StartingRoute;
  /** The unit staff route it to once it waits in `start.holder`. */
  lead: Unit;
  /** The channel and form it came by: oral and written appeals are entered by an operator. */
  channel: Channel;
  form: AppealForm;
  language: Script;
  /** The seeded executor accounts of each unit that owns appeals (./seed-staff.ts). */
  staff: ReadonlyMap<number, readonly SeedExecutor[]>;
}

/** Where the life left the appeal at `until`, and the history that led there. */
export interface Life {
  status: AppealStatus;
  clock: AppealClock;
  /** The day an open request for information must be answered by. */
  infoDueOn: LocalDate | null;
  ownerUnitId: number;
  scopeUnits: number[];
  routedAt: Date | null;
  outcome: 'satisfied' | 'explained' | 'rejected' | null;
  closedAt: Date | null;
  forwardedTo: string | null;
  /** The login of the executor working it at `until`, named by the owner unit's head. */
  executor: string | null;
  rating: number | null;
  ratedAt: Date | null;
  updatedAt: Date;
  units: SeedAppeal['units'];
  events: SeedEvent[];
  answers: SeedAnswer[];
}

/**
 * Plays an appeal's life forward from receipt to `until`: the milestones that would have happened by
 * then happened, in the order the state machine allows. Shares (answered on time ~85 %, forwarded
 * ~8 %, extra study ~8 %, head's extension ~2.5 %, stuck past the deadline ~2 %, an executor for every
 * appeal taken up, ~3 % of them handed to a colleague) are documented in docs/performance.md.
 */
export function simulateLife(input: LifeInput): Life {
  const { r, receivedAt, until, ref, start } = input;
  const t0 = receivedAt.getTime();
  const now = until.getTime();
  const hoursLater = (h: number) => new Date(Math.min(t0 + h * 3_600_000, now - 1));
  const happened = (h: number) => t0 + h * 3_600_000 < now;
  const events: SeedEvent[] = [];
  const answers: SeedAnswer[] = [];
  const units: SeedAppeal['units'] = [];
  let status: AppealStatus = 'registered';
  let clock = input.clock;
  let infoDueOn: LocalDate | null = null;
  let owner = start.holder.id;
  let scope = start.scope.map((u) => u.id);
  let routedAt: Date | null = null;
  let outcome: Life['outcome'] = null;
  let closedAt: Date | null = null;
  let forwardedTo: string | null = null;
  let executor: string | null = null;
  let rating: number | null = null;
  let ratedAt: Date | null = null;
  let last = receivedAt;
  let lastHours = 0;
  let stopped = false;
  const current = (): AppealStatus => status;

  /**
   * One staff action at `h` hours after receipt, as the change kernel writes it. `data` may depend on
   * the action's instant (terms counted from it); when it throws (a clock rule refuses), nothing happens.
   */
  const step = (
    h: number,
    event: string,
    to: AppealStatus | null,
    isPublic: boolean,
    data: Record<string, unknown> | ((at: Date) => Record<string, unknown>),
    unitId: number | null = null,
  ): boolean => {
    // Milestones never go back in time, whatever the sampled delays.
    const hh = Math.max(h, lastHours + 0.5);
    // Once a milestone lies beyond `until`, nothing after it has happened either.
    if (stopped || !happened(hh)) {
      stopped = true;
      return false;
    }
    const when = hoursLater(hh);
    const eventData = typeof data === 'function' ? data(when) : data;
    lastHours = hh;
    events.push({
      at: when,
      event,
      fromStatus: status,
      toStatus: to,
      actorKind: 'staff',
      public: isPublic,
      unitId,
      data: eventData,
    });
    if (to) status = to;
    last = when;
    return true;
  };

  // Intake's lines, as intake writes them: by the operator who entered an oral or written appeal, else
  // by the system (the web form or a channel adapter).
  const intakeActor = input.form === 'electronic' ? 'system' : 'staff';
  events.push({
    at: receivedAt,
    event: 'registered',
    fromStatus: null,
    toStatus: 'registered',
    actorKind: intakeActor,
    public: true,
    unitId: start.holder.id,
    data: { channel: input.channel, form: input.form },
  });
  const routeTo = (h: number, eventName: string): boolean => {
    const lead = input.lead;
    if (!step(h, eventName, 'assigned', true, { units: [lead.code], reason: null }, lead.id)) return false;
    owner = lead.id;
    scope = start.aboutOfficer ? [lead.id] : [...new Set([...scope, lead.id])];
    routedAt = last;
    units.length = 0;
    units.push({ unitId: lead.id, role: 'lead', position: 0, assignedAt: last });
    return true;
  };

  const executorsOf = (unitId: number): readonly SeedExecutor[] => {
    const people = input.staff.get(unitId);
    if (!people || people.length === 0) throw new Error(`the seed planned no executors for unit ${unitId}`);
    return people;
  };
  // The head of the owner unit names the executor (assign_executor), as the staff flow does before the
  // appeal is taken up; the kernel's acceptance would otherwise make whoever accepts it the executor.
  const assign = (h: number, login: string): boolean => {
    if (!step(h, 'executor_assigned', null, false, { executor: login }, owner)) return false;
    executor = login;
    return true;
  };

  const answerLanguage = input.language;
  const anonymousDraft = () =>
    answers.push({
      kind: 'conclusion',
      body: anonymousConclusionText(answerLanguage),
      outcome: null,
      status: 'draft',
      createdAt: receivedAt,
      reviewedAt: null,
      reviewComment: null,
    });

  const path = input.anonymous
    ? 'anonymous'
    : input.duplicate
      ? 'duplicate'
      : weighted(r, [
          ['normal', 88.5],
          ['forward', 8],
          ['withdraw', 1.5],
          ['stuck', 2],
        ] as const);

  if (start.routedEvent) {
    // Intake routes these at once: urgent reports to the duty unit, officer complaints to internal security.
    routedAt = receivedAt;
    for (const [position, unit] of start.units.entries()) {
      units.push({ unitId: unit.id, role: position === 0 ? 'lead' : 'co', position, assignedAt: receivedAt });
    }
    events.push({
      at: receivedAt,
      event: start.routedEvent,
      fromStatus: 'registered',
      toStatus: 'assigned',
      actorKind: intakeActor,
      public: true,
      unitId: start.holder.id,
      data: { units: start.units.map((u) => u.code) },
    });
    status = 'assigned';
  }

  if (path === 'anonymous') {
    events.push({
      at: receivedAt,
      event: 'conclusion_drafted',
      fromStatus: status,
      toStatus: 'conclusion_drafted',
      actorKind: intakeActor,
      public: false,
      unitId: owner,
      data: { reason: 'anonymous' },
    });
    status = 'conclusion_drafted';
    anonymousDraft();
    const h = 24 * (2 + r() * 8);
    if (step(h, 'not_considered', 'not_considered', true, {})) {
      const draft = answers[answers.length - 1];
      if (draft) {
        draft.status = 'approved';
        draft.reviewedAt = last;
      }
      closedAt = last;
    }
  } else if (path === 'duplicate') {
    if (step(24 * (0.5 + r() * 3), 'merged', 'merged', true, { into: input.mergedIntoNumber, reason: null }))
      closedAt = last;
  } else if (path === 'forward') {
    const late = r() < 0.12;
    const h = 24 * (late ? 6 + r() * 5 : 0.3 + r() * 4.5);
    const to = pick(r, forwardTargets);
    const forwarded = (at: Date) => ({
      to,
      reason: 'Vakolatga kirmaydi',
      inTime: at.getTime() <= endOfDay(clock.forwardDueOn).getTime(),
    });
    if (step(h, 'forwarded', 'forwarded', true, forwarded)) {
      forwardedTo = to;
      closedAt = last;
    }
  } else {
    if (status === 'registered') routeTo(24 * (0.1 + r() * (r() < 0.9 ? 1 : 3)), 'routed');
    if (status === 'assigned') {
      const acceptedAt = 24 * (1 + r() * 2);
      const people = executorsOf(owner);
      // Desks are uneven: the first executors of a unit carry more of its appeals than the last.
      const first = at(people, Math.floor(r() ** 1.5 * people.length)).login;
      const assignedAt = lastHours + (acceptedAt - lastHours) * (0.2 + 0.6 * r());
      if (
        assign(assignedAt, first) &&
        step(acceptedAt, 'accepted', 'in_progress', true, {}, owner) &&
        r() < 0.03 &&
        people.length > 1
      ) {
        // Now and then the head hands it to a colleague (leave, a desk with too much on it).
        const others = people.filter((p) => p.login !== first);
        assign(lastHours + 24 * (0.5 + r() * 2), pick(r, others).login);
      }
    }
    const totalDays = daysBetween(clock.receivedOn, clock.dueOn);
    if (path === 'withdraw') {
      if (
        step(24 * (2 + r() * 8), 'withdrawn', 'withdrawn', true, {
          reason: 'Arizachi murojaatini qaytarib oldi',
        })
      )
        closedAt = last;
    } else {
      let h = 24 * 3;
      const requested = (at: Date) => {
        infoDueOn = infoRequestDueOn({ sentAt: at, calendar: ref.calendar, settings: ref.clockSettings });
        return { reason: 'Qoʻshimcha hujjatlar kerak', from: null, dueOn: infoDueOn };
      };
      if (r() < 0.1 && step(h + 24 * r() * 3, 'info_requested', 'awaiting_info', true, requested)) {
        h += 24 * (4 + r() * 8);
        if (step(h, 'info_received', 'in_progress', false, { note: null })) infoDueOn = null;
      }
      let extraDays = 0;
      if (input.type !== 'taklif' && r() < 0.09 && happened(24 * 4)) {
        const reason = 'Qoʻshimcha oʻrganish talab etiladi';
        const study = (at: Date) => {
          clock = recordExtraStudy({
            clock,
            type: input.type,
            now: at,
            calendar: ref.calendar,
            settings: ref.clockSettings,
          });
          return { reason, dueOn: clock.dueOn };
        };
        // A clock rule may refuse (the deadline had passed): then the appeal simply keeps its term.
        const studied = attempt(() => step(24 * 4, 'extra_study_recorded', null, true, study));
        if (studied) {
          extraDays = daysBetween(input.clock.dueOn, clock.dueOn);
          if (r() < 0.3 && happened(24 * (totalDays + extraDays - 2))) {
            const previousDueOn = clock.dueOn;
            const extend = (at: Date) => {
              clock = extendByHead({ clock, now: at, calendar: ref.calendar, settings: ref.clockSettings });
              return { reason: 'Tekshiruv davom etmoqda', dueOn: clock.dueOn, previousDueOn };
            };
            attempt(() => step(24 * (totalDays + extraDays - 3), 'deadline_extended', null, true, extend));
          }
        }
      }
      const span = daysBetween(clock.receivedOn, clock.dueOn);
      const onTime = path !== 'stuck' && r() < 0.85;
      const closeDay =
        path === 'stuck'
          ? Number.POSITIVE_INFINITY
          : onTime
            ? Math.max(3, span * (0.3 + r() * 0.7))
            : span + 1 + r() * 25;
      const draftDay = closeDay - 0.3 - r() * 1.5;
      const outcomeChoice = weighted(r, [
        ['satisfied', 30],
        ['explained', 52],
        ['rejected', 18],
      ] as const);
      const bodies = answerBodies[outcomeChoice];
      const returned = r() < 0.07;
      if (
        Number.isFinite(closeDay) &&
        step(24 * (returned ? draftDay - 1.5 : draftDay), 'answer_drafted', 'answer_drafted', false, {
          outcome: outcomeChoice,
        })
      ) {
        answers.push({
          kind: 'answer',
          body: pick(r, bodies),
          outcome: outcomeChoice,
          status: 'draft',
          createdAt: last,
          reviewedAt: null,
          reviewComment: null,
        });
        if (
          returned &&
          step(24 * (draftDay - 1), 'answer_returned', 'returned', false, {
            comment: 'Javobni aniqlashtiring',
          })
        ) {
          const first = answers[answers.length - 1];
          if (first) {
            first.status = 'returned';
            first.reviewedAt = last;
            first.reviewComment = 'Javobni aniqlashtiring';
          }
          if (step(24 * draftDay, 'answer_drafted', 'answer_drafted', false, { outcome: outcomeChoice }))
            answers.push({
              kind: 'answer',
              body: pick(r, bodies),
              outcome: outcomeChoice,
              status: 'draft',
              createdAt: last,
              reviewedAt: null,
              reviewComment: null,
            });
        }
        if (
          current() === 'answer_drafted' &&
          step(24 * closeDay, 'answered', 'answered', true, { outcome: outcomeChoice }, owner)
        ) {
          const draft = answers[answers.length - 1];
          if (draft) {
            draft.status = 'approved';
            draft.reviewedAt = last;
          }
          outcome = outcomeChoice;
          closedAt = last;
          if (r() < 0.35) {
            const value = weighted(r, [
              [5, 40],
              [4, 20],
              [3, 10],
              [2, 10],
              [1, 20],
            ] as const);
            const h2 = Math.max(24 * (closeDay + 0.2 + r() * 10), lastHours + 1);
            if (happened(h2)) {
              events.push({
                at: hoursLater(h2),
                event: 'rated',
                fromStatus: 'answered',
                toStatus: null,
                actorKind: 'applicant',
                public: true,
                unitId: null,
                data: { rating: value },
              });
              rating = value;
              ratedAt = hoursLater(h2);
              last = ratedAt;
            }
          }
        }
      }
    }
  }
  return {
    status,
    clock,
    infoDueOn,
    ownerUnitId: owner,
    scopeUnits: scope,
    routedAt,
    outcome,
    closedAt,
    forwardedTo,
    executor,
    rating,
    ratedAt,
    updatedAt: last,
    units,
    events,
    answers,
  };
}

/** Runs a step whose clock rule may refuse it; false when refused or when it did not happen. */
function attempt(run: () => boolean): boolean {
  try {
    return run();
  } catch {
    return false;
  }
}
