import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { appealInputSchema, transitionInputSchema } from '../../contracts/appeal.schema.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import { changeAppeal } from '../appeals/change-appeal.ts';
import { registerAppeal } from '../appeals/register-appeal.ts';
import { rateAnswer } from '../appeals/track-appeal.ts';
import { FixedClock } from '../clock.ts';
import type { AppContext } from '../context.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { seedAppeals } from './copy-seed.ts';
import { generateAppeals, type SeedAppeal, type SeedEvent } from './generate-appeals.ts';

// The seed writes appeals by COPY, past the change kernel, so that a million load in minutes. That is
// allowed only while its rows are what the kernel writes for the same life (docs/ARCHITECTURE.md). This
// test seeds a sample, picks one appeal for every path of simulateLife, plays the same life through the
// real system — intake with the same input, then each staff action through `changeAppeal` (what the
// staff API calls) and the applicant's rating through `rateAnswer`, in the same order — and compares the
// rows of both.
//
// Time: the system runs on a FixedClock that the replay sets to each seeded milestone's instant before
// taking it, so timestamps and every clock column are compared exactly. Only `updated_at` is left out:
// intake leaves it to the column's default (the database's own now()), which no clock can set.
//
// What is normalised: ids (appeal, actor, answer), numbers (the replay's appeals get their own; a merge
// or a share names another appeal, compared by its seeded number), the actor's id and `created_by` (the
// seed's history lines name no actor: the kind of actor is compared, and staff actions are taken by an
// administrator, as roles are not recorded on the rows). The executor is not normalised: the seed writes
// its executor accounts before the appeals, and the replay names the same account for the same appeal
// (`assign_executor`, which the administrator may take as a head would), so `executor_id` is compared
// as it is. Acceptance and drafting keep an executor once named and otherwise make whoever acts (here
// the administrator) the executor, so an appeal the seed took up without naming one would differ here.
// Free texts are not normalised: the replay writes the seed's own reasons, comments and answer bodies.
// Routing in the simulated life is a clerk's (`route`), never triage's `auto_route`, and is replayed as
// such.
//
// What intake reads from the text: the seed draws urgency with the appeal (its synthetic texts are not
// written to trip the rule-based detector) and knows a complaint about an officer by its category. The
// replay's intake is given that same reading (the real reader's output with the seed's urgency, and no
// officer suspicion from the text), so what is compared is what the kernel does with it: the starting
// route, units, scope and history.
//
// Executors: a seed of 3,000 appeals a year gives each unit one executor, so a second, busier seed (a
// week of appeals at some 78,000 a year) is appended to the first. Its busier units have several
// executors, and some of its appeals are handed from one to another; the accounts it needs beyond the
// first seed's are added then.
//
// Repeats and complaints about an earlier answer: the earlier appeal's life is replayed first (up to the
// new appeal's receipt), and intake is given its replayed number and access code. For a complaint, the
// earlier appeal's share with the examiners (its scope and history line) is compared too.

const until = new Date('2026-11-20T12:00:00Z');
const clock = new FixedClock(until);
const SEED = 11;
const APPEALS = 3_000;
/** The busier seed appended to the first (see above). */
const busier = { appeals: 1_500, seed: 12, years: 7 / 365, until };
let t: TestSystem;
let ctx: AppContext;
let generated: SeedAppeal[];
let admin: StaffUser;
let operator: StaffUser;
/** The system's context with intake reading what the seed decided (see above). */
let readerFor: (s: SeedAppeal) => AppContext;

beforeAll(async () => {
  t = await startTestSystem({ clock });
  const { system } = t;
  const result = await seedAppeals({
    connection: system.database.ownerConnection,
    protector: system.ctx.protector,
    audit: system.ctx.audit,
    ref: system.ctx.reference(),
    appeals: APPEALS,
    seed: SEED,
    years: 1,
    until,
  });
  expect(result.appeals).toBe(APPEALS);
  generated = [
    ...generateAppeals(system.ctx.reference(), {
      appeals: APPEALS,
      seed: SEED,
      years: 1,
      until,
      firstId: 1,
      lastSeq: new Map(),
    }),
  ];
  expect(generated[0]?.number).toBe(result.firstNumber);
  const counters = await t.ownerDb.selectFrom('appeal_counters').select(['year', 'last_seq']).execute();
  const appended = await seedAppeals({
    connection: system.database.ownerConnection,
    protector: system.ctx.protector,
    audit: system.ctx.audit,
    ref: system.ctx.reference(),
    ...busier,
  });
  expect(appended.executors).toBeGreaterThan(result.executors);
  const more = [
    ...generateAppeals(system.ctx.reference(), {
      ...busier,
      firstId: APPEALS + 1,
      lastSeq: new Map(counters.map((c) => [c.year, c.last_seq])),
    }),
  ];
  expect(more[0]?.number).toBe(appended.firstNumber);
  generated.push(...more);
  const ministry = system.ctx.reference().units.ministry;
  const account = async (login: string, role: 'admin' | 'operator') => {
    const agent = await t.staff(login, role, ministry.code, { scopeSubtree: true });
    return { id: agent.id, login, fullName: login, role, unitId: ministry.id, scopeSubtree: true };
  };
  admin = await account('seed-admin', 'admin');
  operator = await account('seed-operator', 'operator');
  // Intake as the seed assumes it read the text (see above); everything else is the real system.
  const base = system.ctx;
  ctx = base;
  readerFor = (s) => ({
    ...base,
    textReader: {
      ...base.textReader,
      read(text, model) {
        const reading = base.textReader.read(text, model);
        return {
          ...reading,
          urgent: s.urgent,
          urgencyReason: s.urgent ? 'threat_or_crime' : null,
          officer: { detector: 0, model: 0 },
        };
      },
    },
  });
});
afterAll(async () => {
  await t.stop();
});

/** Channels an operator enters on the applicant's behalf; the others arrive through the web or an adapter. */
const operatorChannels = new Set(['hotline', 'reception', 'post']);

const has = (s: SeedAppeal, event: string) => s.events.some((e) => e.event === event);
const today = localDateOf(until);

/** Every path of simulateLife, with what picks a seeded appeal that took it. */
const paths: [string, (s: SeedAppeal) => boolean][] = [
  ['waiting for routing', (s) => s.status === 'registered'],
  ['routed and accepted, in progress', (s) => s.status === 'in_progress' && s.clock.dueOn >= today],
  ['answered', (s) => s.status === 'answered' && s.events.length <= 6],
  ['routed, its executor named, not yet accepted', (s) => s.status === 'assigned' && s.executor !== null],
  ['handed to another executor', (s) => s.events.filter((e) => e.event === 'executor_assigned').length > 1],
  ['answer returned and drafted again', (s) => has(s, 'answer_returned') && s.status === 'answered'],
  ['answer drafted, waiting for the head', (s) => s.status === 'answer_drafted'],
  ['rated by the applicant', (s) => has(s, 'rated')],
  ['info requested and received', (s) => has(s, 'info_received')],
  ['awaiting info', (s) => s.status === 'awaiting_info'],
  ['extra study', (s) => has(s, 'extra_study_recorded')],
  ["head's extension", (s) => has(s, 'deadline_extended')],
  ['forwarded', (s) => s.status === 'forwarded'],
  ['withdrawn', (s) => s.status === 'withdrawn'],
  ['merged duplicate', (s) => s.status === 'merged'],
  ['anonymous, not considered', (s) => s.status === 'not_considered'],
  ['anonymous, conclusion waiting', (s) => s.status === 'conclusion_drafted'],
  ['urgent', (s) => s.urgent],
  ['urgent and answered', (s) => s.urgent && s.status === 'answered'],
  ['officer complaint', (s) => s.aboutOfficer && s.applicantKind !== 'anonymous'],
  ['officer complaint, answered', (s) => s.aboutOfficer && s.status === 'answered'],
  ['anonymous officer complaint', (s) => s.aboutOfficer && s.applicantKind === 'anonymous'],
  ['stuck past the deadline', (s) => s.status === 'in_progress' && s.clock.dueOn < today],
  ['entered by an operator', (s) => operatorChannels.has(s.channel) && s.status === 'answered'],
  ['legal entity', (s) => s.applicantKind === 'legal_entity'],
  ['repeat of an answered appeal', (s) => s.linkKind === 'repeat'],
  [
    'complaint about an answer',
    (s) =>
      s.linkKind === 'complaint' &&
      generated.filter((g) => g.linkKind === 'complaint' && g.parentId === s.parentId).length === 1,
  ],
];

/**
 * The first seeded appeal that took a path. Appeals complained about later are left out: their history
 * goes on with the complaint's share, which their own replay does not make (the complaint's sample checks it).
 */
function sampleFor(match: (s: SeedAppeal) => boolean): SeedAppeal {
  const complainedAbout = new Set(generated.map((g) => g.shareWithExaminers?.appealId));
  const found = generated.find((s) => !complainedAbout.has(s.id) && match(s));
  if (!found) throw new Error('the seed no longer produces this path: widen the sample');
  return found;
}

/** Intake of a seeded appeal's input at its instant of receipt; returns the new number and access code. */
async function intake(
  s: SeedAppeal,
  relatedTo?: { number: string; accessCode: string; kind: 'repeat' | 'complaint' },
): Promise<Replayed> {
  clock.set(s.receivedAt);
  const byOperator = operatorChannels.has(s.channel);
  const input = appealInputSchema.parse({
    type: s.type,
    applicant: s.applicant ?? { kind: 'anonymous' },
    text: s.text,
    territory: s.territoryCode ?? undefined,
    category: s.categoryCode ?? undefined,
    answerLanguage: s.answerLanguage,
    answerChannel: s.answerChannel,
    collective: s.signatories === null ? undefined : { signatories: s.signatories },
    consent: true,
    relatedTo,
    ...(byOperator ? { channel: s.channel, form: s.form, receivedAt: s.receivedAt.toISOString() } : {}),
  });
  const registered = await registerAppeal({
    ctx: readerFor(s),
    input,
    ...(byOperator ? { staff: operator } : s.channel === 'web' ? {} : { channel: s.channel }),
  });
  await ctx.intake.drain();
  return registered;
}

/** Intake's own history lines: written with the appeal, at its receipt, by the system or the operator. */
// (Staff act at least half an hour after receipt in the simulated life.)
const intakeEvents = new Set([
  'registered',
  'routed',
  'routed_urgent',
  'routed_officer_complaint',
  'conclusion_drafted',
]);
const isIntake = (s: SeedAppeal, e: SeedEvent) =>
  intakeEvents.has(e.event) && e.at.getTime() === s.receivedAt.getTime();

interface Replayed {
  number: string;
  accessCode: string;
}

/**
 * Replays a seeded appeal's life up to `upTo`; `numbers` maps replayed numbers to seeded ones (merges and
 * shares name other appeals).
 */
async function replay(s: SeedAppeal, numbers: Map<string, string>, upTo = until): Promise<Replayed> {
  const merged = s.events.find((e) => e.event === 'merged');
  let into: string | undefined;
  if (merged) {
    // The appeal it duplicates must exist first: intake the seeded original as well.
    const original = generated.find((g) => g.number === merged.data.into);
    if (!original) throw new Error('merge target not generated');
    into = (await intake(original)).number;
    numbers.set(into, original.number);
  }
  let relatedTo: Parameters<typeof intake>[1];
  if (s.parentId !== null && s.linkKind !== null) {
    const parent = generated.find((g) => g.id === s.parentId);
    if (!parent) throw new Error('parent not generated');
    relatedTo = { ...(await replay(parent, numbers, s.receivedAt)), kind: s.linkKind };
  }
  const { number, accessCode } = await intake(s, relatedTo);
  numbers.set(number, s.number);
  const drafts = s.answers.filter((a) => a.kind === 'answer');
  for (const e of s.events) {
    if (isIntake(s, e)) continue;
    if (e.at > upTo) break;
    clock.set(e.at);
    if (e.event === 'rated') {
      await rateAnswer(ctx, { number, accessCode, rating: Number(e.data.rating) });
      continue;
    }
    const action = actionFor(e, { into, drafts });
    await changeAppeal({ ctx, user: admin, number, input: transitionInputSchema.parse(action) });
  }
  return { number, accessCode };
}

/** The staff action that writes a seeded history line. */
function actionFor(
  e: SeedEvent,
  context: { into: string | undefined; drafts: SeedAppeal['answers'] },
): Record<string, unknown> {
  const d = e.data;
  switch (e.event) {
    case 'routed':
      return { action: 'route', units: d.units, reason: d.reason ?? undefined };
    case 'executor_assigned':
      return { action: 'assign_executor', executor: d.executor };
    case 'accepted':
      return { action: 'accept' };
    case 'info_requested':
      return { action: 'request_info', reason: d.reason, from: d.from ?? undefined };
    case 'info_received':
      return { action: 'info_received', note: d.note ?? undefined };
    case 'extra_study_recorded':
      return { action: 'record_extra_study', reason: d.reason };
    case 'deadline_extended':
      return { action: 'extend', reason: d.reason };
    case 'answer_drafted': {
      const draft = context.drafts.shift();
      return { action: 'draft_answer', outcome: d.outcome, body: draft?.body };
    }
    case 'answer_returned':
      return { action: 'return_answer', comment: d.comment };
    case 'answered':
      return { action: 'approve_answer' };
    case 'forwarded':
      return { action: 'forward', to: d.to, reason: d.reason };
    case 'withdrawn':
      return { action: 'withdraw', reason: d.reason };
    case 'merged':
      return { action: 'merge', into: context.into, reason: d.reason ?? undefined };
    case 'not_considered':
      return { action: 'approve_conclusion' };
    default:
      throw new Error(`no staff action writes '${e.event}'`);
  }
}

/** What the database holds for an appeal, with ids and numbers normalised. */
async function rowsOf(number: string, numbers: Map<string, string>) {
  const db = t.ownerDb;
  const appeal = await db
    .selectFrom('appeals')
    .selectAll()
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  const mergedInto = appeal.merged_into_id
    ? (
        await db
          .selectFrom('appeals')
          .select('number')
          .where('id', '=', appeal.merged_into_id)
          .executeTakeFirstOrThrow()
      ).number
    : null;
  const seedNumber = (n: unknown) => (typeof n === 'string' ? (numbers.get(n) ?? n) : n);
  const units = await db
    .selectFrom('appeal_units')
    .select(['unit_id', 'role', 'position', 'assigned_at'])
    .where('appeal_id', '=', appeal.id)
    .orderBy('position')
    .execute();
  const events = await db
    .selectFrom('appeal_events')
    .select(['at', 'event', 'from_status', 'to_status', 'actor_kind', 'public', 'unit_id', 'data'])
    .where('appeal_id', '=', appeal.id)
    .orderBy('id')
    .execute();
  const answers = await db
    .selectFrom('answers')
    .select(['kind', 'body', 'outcome', 'status', 'created_at', 'reviewed_at', 'review_comment'])
    .where('appeal_id', '=', appeal.id)
    .orderBy('id')
    .execute();
  return {
    appeal: {
      status: appeal.status,
      type: appeal.type,
      form: appeal.form,
      channel: appeal.channel,
      applicant_kind: appeal.applicant_kind,
      urgent: appeal.urgent,
      about_officer: appeal.about_officer,
      subject_unit_id: appeal.subject_unit_id,
      owner_unit_id: appeal.owner_unit_id,
      scope_units: appeal.scope_units,
      scope_reach: [...appeal.scope_reach].sort((a, b) => a - b),
      received_at: appeal.received_at,
      received_on: appeal.received_on,
      registration_due_on: appeal.registration_due_on,
      due_on: appeal.due_on,
      base_due_on: appeal.base_due_on,
      handover_due_on: appeal.handover_due_on,
      forward_due_on: appeal.forward_due_on,
      proposal_notice_due_on: appeal.proposal_notice_due_on,
      info_due_on: appeal.info_due_on,
      extra_study: appeal.extra_study,
      head_extension_used: appeal.head_extension_used,
      routed_at: appeal.routed_at,
      outcome: appeal.outcome,
      closed_at: appeal.closed_at,
      forwarded_to: appeal.forwarded_to,
      executor_id: appeal.executor_id,
      rating: appeal.rating,
      rated_at: appeal.rated_at,
      merged_into: seedNumber(mergedInto),
    },
    units,
    events: events.map((e) => {
      const data = (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as Record<string, unknown>;
      for (const key of ['into', 'complaint']) if (key in data) data[key] = seedNumber(data[key]);
      return { ...e, data };
    }),
    answers,
  };
}

describe('the seed writes what the kernel writes', () => {
  it('samples every path of the simulated life', () => {
    for (const [name, match] of paths) expect(sampleFor(match), name).toBeDefined();
  });

  for (const [name, match] of paths) {
    it(`for an appeal ${name}`, async () => {
      const s = sampleFor(match);
      const numbers = new Map<string, string>();
      const replayed = (await replay(s, numbers)).number;
      const kernel = await rowsOf(replayed, numbers);
      const seeded = await rowsOf(s.number, numbers);
      expect(seeded).toEqual(kernel);
      if (s.linkKind === 'complaint') {
        // The answered appeal: the examiners' units join its scope, with a history line saying so.
        const replayedParent = [...numbers].find(
          ([, seeded]) => seeded === generated.find((g) => g.id === s.parentId)?.number,
        );
        if (!replayedParent) throw new Error('parent not replayed');
        const share = (rows: Awaited<ReturnType<typeof rowsOf>>) => ({
          scope_units: rows.appeal.scope_units,
          scope_reach: rows.appeal.scope_reach,
          shared: rows.events.filter((e) => e.event === 'shared_with_examiners'),
        });
        const kernelParent = share(await rowsOf(replayedParent[0], numbers));
        expect(kernelParent.shared).toHaveLength(1);
        expect(share(await rowsOf(replayedParent[1], numbers))).toEqual(kernelParent);
      }
    });
  }
});
