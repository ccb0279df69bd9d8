import type {
  AppealInput,
  AppealListQuery,
  RegisteredAppeal,
  TransitionInput,
} from '../../contracts/appeal.schema.ts';
import type { AppealStatus, UiLanguage } from '../../contracts/enums.ts';
import { canOpenAppeals, type StaffUser } from '../appeals/appeal.policy.ts';
import { clockColumns } from '../appeals/appeal-clock.ts';
import { lockById } from '../appeals/appeals.repository.ts';
import { applyChange } from '../appeals/change-appeal.ts';
import { listAppeals } from '../appeals/list-appeals.ts';
import { answerLanguageByScript } from '../assist/text-reader.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { endOfDay } from '../deadlines/calendar.ts';
import { startClock } from '../deadlines/legal-clock.ts';
import { AppError } from '../errors.ts';
import { newAccessCode } from '../security/data-protector.ts';
import { type DemoAppeal, demoAppeals } from './demo-appeals.ts';
import {
  deleteSandboxAppeals,
  insertSandboxAppeal,
  insertSandboxEvent,
  nextSandboxSeq,
  sandboxAppealIds,
} from './training.repository.ts';

// The training sandbox: demo appeals flagged `sandbox`, held by the trainee's own unit, numbered
// DEMO-YYYY-NNNNNNN from their own sequence. Staff practise every action on them through the ordinary
// card and transitions; the real queues, counts, dashboards and statistics never include them, no
// triage or notification job is queued for them, and the applicants in them are invented.

const DAY_MS = 86_400_000;

/** A demo appeal to place in a trainee's unit, and any actions to take on it after its stage. */
export interface SandboxAppeal {
  demo: DemoAppeal;
  afterwards?: TransitionInput[];
  unitId: number;
  executorId: number | null;
  receivedAt: Date;
  trainee: StaffUser;
}

/** The steps that bring a demo appeal from registration to its stage, as staff would take them. */
function stepsTo(demo: DemoAppeal, unitCode: string): TransitionInput[] {
  const route: TransitionInput = { action: 'route', units: [unitCode], reason: undefined };
  const accept: TransitionInput = { action: 'accept' };
  switch (demo.stage) {
    case 'registered':
      return [];
    case 'assigned':
      return [route];
    case 'in_progress':
      return [route, accept];
    case 'answer_drafted':
      return [
        route,
        accept,
        {
          action: 'draft_answer',
          body: demo.draft?.body ?? 'Murojaatingiz koʻrib chiqildi.',
          outcome: demo.draft?.outcome ?? 'explained',
        },
      ];
    case 'conclusion_drafted':
      return [
        {
          action: 'draft_conclusion',
          reason: 'anonymous',
          body: 'Murojaatda arizachining familiyasi, ismi va yashash joyi koʻrsatilmagan, shu sababli u koʻrib chiqilmaydi.',
        },
      ];
  }
}

/**
 * Registers a demo appeal in the trainee's unit (numbered from the sandbox's own sequence) and brings it
 * to its stage through the same kernel every change goes through, as the trainee.
 */
export async function writeSandboxAppeal(
  ctx: AppContext,
  tx: Db,
  a: SandboxAppeal,
): Promise<{ id: number; registered: RegisteredAppeal }> {
  const ref = ctx.reference();
  const unit = ref.units.byId(a.unitId) ?? ref.units.ministry;
  const territory = ref.units.bodyOf(unit).territoryCode;
  const clock = startClock({
    type: a.demo.type,
    receivedAt: a.receivedAt,
    calendar: ref.calendar,
    settings: ref.clockSettings,
  });
  const seq = (await nextSandboxSeq(tx)) ?? 0;
  const year = Number(clock.receivedOn.slice(0, 4));
  const number = `DEMO-${year}-${String(seq).padStart(7, '0')}`;
  const accessCode = newAccessCode();
  const appealId = await insertSandboxAppeal(tx, {
    number,
    year,
    seq: -seq,
    access_code_hash: ctx.protector.accessCodeHash(number, accessCode),
    type: a.demo.type,
    form:
      a.demo.channel === 'hotline' || a.demo.channel === 'reception'
        ? 'oral'
        : a.demo.channel === 'post'
          ? 'written'
          : 'electronic',
    channel: a.demo.channel,
    status: 'registered',
    applicant_kind: a.demo.applicant ? 'individual' : 'anonymous',
    applicant_enc: a.demo.applicant ? ctx.protector.seal(a.demo.applicant, number) : null,
    text: a.demo.text,
    text_latin: ctx.textReader.latin(a.demo.text),
    language: null,
    answer_language: answerLanguageByScript(a.demo.text),
    // Nothing leaves the sandbox: answers are only ever "shown on the tracking page".
    answer_channel: 'web',
    territory_code: territory,
    category_code: a.demo.category,
    urgent: a.demo.urgent ?? false,
    urgency_reason: a.demo.urgent ? 'demo' : null,
    owner_unit_id: a.unitId,
    scope_units: [a.unitId],
    executor_id: a.executorId,
    received_at: a.receivedAt,
    ...clockColumns(clock),
    created_by: a.trainee.id,
    sandbox: true,
  });
  await insertSandboxEvent(tx, {
    appeal_id: appealId,
    at: a.receivedAt,
    event: 'registered',
    from_status: null,
    to_status: 'registered',
    actor_id: a.trainee.id,
    actor_kind: 'staff',
    public: true,
    unit_id: a.unitId,
    data: JSON.stringify({ sandbox: true }),
  });
  let status: AppealStatus = 'registered';
  for (const [i, step] of [...stepsTo(a.demo, unit.code), ...(a.afterwards ?? [])].entries()) {
    const appeal = await lockById(tx, appealId);
    if (!appeal) throw new Error(`demo appeal ${number} vanished`);
    ({ status } = await applyChange({
      ctx,
      tx,
      appeal,
      actor: { kind: 'sandbox', user: a.trainee },
      input: step,
      // A minute apart, so the history reads in order.
      now: new Date(a.receivedAt.getTime() + (i + 1) * 60_000),
    }));
  }
  return {
    id: appealId,
    registered: {
      number,
      accessCode,
      status,
      receivedAt: a.receivedAt.toISOString(),
      dueAt: endOfDay(clock.dueOn).toISOString(),
    },
  };
}

/** Removes the sandbox appeals held by a unit, with everything hanging off them. */
async function clearSandbox(tx: Db, unitId: number): Promise<void> {
  const ids = await sandboxAppealIds(tx, unitId);
  if (ids.length === 0) return;
  await deleteSandboxAppeals(tx, ids);
}

/**
 * Gives the trainee's unit a fresh set of demo appeals at every stage (replacing its earlier sandbox
 * appeals); the ones being worked are assigned to the trainee.
 */
export async function startTraining(ctx: AppContext, user: StaffUser): Promise<{ created: number }> {
  if (!canOpenAppeals(user)) throw new AppError('FORBIDDEN');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    await clearSandbox(tx, user.unitId);
    for (const demo of demoAppeals) {
      const working = demo.stage === 'in_progress' || demo.stage === 'answer_drafted';
      await writeSandboxAppeal(ctx, tx, {
        demo,
        unitId: user.unitId,
        executorId: working ? user.id : null,
        receivedAt: new Date(now.getTime() - demo.daysAgo * DAY_MS - 2 * 3_600_000),
        trainee: user,
      });
    }
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'training.start',
        targetType: 'unit',
        targetId: String(user.unitId),
        data: { created: demoAppeals.length },
        at: now,
      },
    ]);
    return { created: demoAppeals.length };
  });
}

/** An operator practises registering a phone or walk-in appeal: it lands in the sandbox of their unit. */
export async function registerPractice(
  ctx: AppContext,
  user: StaffUser,
  input: AppealInput,
): Promise<RegisteredAppeal> {
  if (!canOpenAppeals(user)) throw new AppError('FORBIDDEN');
  const now = ctx.clock.now();
  const applicant = input.applicant.kind === 'anonymous' ? null : input.applicant;
  return ctx.db.transaction().execute(async (tx) => {
    const { registered } = await writeSandboxAppeal(ctx, tx, {
      demo: {
        type: input.type,
        channel: input.channel ?? 'hotline',
        applicant: applicant
          ? Object.fromEntries(
              Object.entries(applicant).filter((e): e is [string, string] => typeof e[1] === 'string'),
            )
          : null,
        text: input.text,
        category: input.category ?? null,
        daysAgo: 0,
        stage: applicant ? 'registered' : 'conclusion_drafted',
      },
      unitId: user.unitId,
      executorId: null,
      receivedAt: now,
      trainee: user,
    });
    await ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'training.register',
        targetType: 'appeal',
        targetId: registered.number,
        at: now,
      },
    ]);
    return registered;
  });
}

/** A page of the sandbox queue, with the same filters and queues as the real one. */
export function listSandbox(ctx: AppContext, user: StaffUser, query: AppealListQuery, language: UiLanguage) {
  return listAppeals(ctx, user, query, language, { sandbox: true });
}
