import type { TransitionInput } from '../../contracts/appeal.schema.ts';
import { type AppealStatus, answerChannels, type Channel, type Outcome } from '../../contracts/enums.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { AppealPatch, AppealRow } from '../db/schema.ts';
import { endOfDay } from '../deadlines/calendar.ts';
import { extendByHead, infoRequestDueOn, recordExtraStudy } from '../deadlines/legal-clock.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import type { JobRequest } from '../jobs/job-queue.ts';
import { complaintSubject, officerComplaintRoute } from '../routing/starting-route.ts';
import type { Unit, UnitDirectory } from '../routing/unit-directory.ts';
import { refuseUnfilledPlaceholders } from './answer-placeholders.ts';
import { canSee, type StaffUser, scopeOf } from './appeal.policy.ts';
import { anyAssignedUnit, assignedUnits, newestDraft, userByLogin } from './appeal-changes.repository.ts';
import { clockOf } from './appeal-clock.ts';
import { areLinked, leadsAGroup, openMemberIds } from './appeal-groups.repository.ts';
import { isFinal } from './appeal-lifecycle.ts';
import { findByNumber, lockById, unitsOf } from './appeals.repository.ts';
import type { StoredAttachment } from './attachments.ts';

/**
 * Who changes an appeal: a signed-in staff member; the system itself (triage); or the training sandbox
 * setting up its demo appeals for a trainee (any staff action, on sandbox appeals only).
 */
export type ChangeActor =
  | { kind: 'staff'; user: StaffUser }
  | { kind: 'system' }
  | { kind: 'applicant' }
  | { kind: 'sandbox'; user: StaffUser };

/** A change only the system makes: triage routing a waiting appeal by its category. */
export interface AutoRouteChange {
  action: 'auto_route';
  units: string[];
  /** What the language layer read, kept in the history line for the clerk to check. */
  reading: { category: string; confidence: number; explanation: string[]; modelVersion: string };
}

/** The system lets the units examining a complaint about an answer read the answered appeal. */
export interface ShareChange {
  action: 'share_with_examiners';
  units: string[];
  /** The complaint's number, for the history line. */
  complaint: string;
}

/** The applicant's rating of the answer (1–5, an optional comment). */
export interface RateChange {
  action: 'rate';
  rating: number;
  comment: string | null;
}

/** The applicant asks for notices and the answer on another channel (so far: the chat they ask from). */
export interface ChooseChannelChange {
  action: 'choose_answer_channel';
  channel: 'telegram';
}

/** The applicant writes again about an open appeal (a reply by e-mail), with any files, checked and stored. */
export interface AddApplicantMessageChange {
  action: 'add_applicant_message';
  text: string;
  /** The channel it came by, for the history line. */
  channel: Channel;
  attachments: StoredAttachment[];
}

/** The system answers a member of a group with its lead's approved answer. */
export interface AnswerWithGroupChange {
  action: 'answer_with_group';
  /** The lead's number, for the history line. */
  lead: string;
  body: string;
  outcome: Outcome;
  /** Who wrote and who approved the lead's answer: the member's letter is signed the same way. */
  authorId: number | null;
  reviewerId: number | null;
}

/** Any change of an appeal: a staff member's action from the API, the system's or the applicant's. */
export type AppealChange =
  | TransitionInput
  | AutoRouteChange
  | ShareChange
  | RateChange
  | AnswerWithGroupChange
  | ChooseChannelChange
  | AddApplicantMessageChange;

/** What one action changes, computed before anything is written. */
export interface ChangePlan {
  patch: AppealPatch;
  toStatus: AppealStatus | null;
  event: { name: string; public: boolean; unitId: number | null; data: Record<string, unknown> };
  /** Replaces the set of executing units (lead first). */
  units?: number[];
  /** A new draft answer or conclusion; already approved when it is a group member's copy of its lead's. */
  newAnswer?: {
    kind: 'answer' | 'conclusion';
    body: string;
    outcome: Outcome | null;
    approvedBy?: { authorId: number | null; reviewerId: number | null };
  };
  /** Settles the latest draft: approved or returned with a comment. */
  reviewLatest?: { kind: 'answer' | 'conclusion'; status: 'approved' | 'returned'; comment: string | null };
  jobs: JobRequest[];
  /** Files the applicant sent later, tied to the appeal in the same transaction. */
  attachments?: StoredAttachment[];
  /** A clerk's correction the language layer learns from at its next training. */
  trainingExample?: { labelSet: 'category' | 'service'; label: string };
  /**
   * What happens to the open members of a group this appeal leads: its approved answer answers them, or,
   * closed without an answer, it releases them to be worked alone.
   */
  group?: 'answer' | 'release';
}

interface PlanInput {
  ctx: AppContext;
  tx: Db;
  appeal: AppealRow;
  actor: ChangeActor;
  now: Date;
}

/** The staff member taking an action the state machine gives to staff only (checked before planning). */
function staffOf(actor: ChangeActor): StaffUser {
  if (actor.kind === 'system' || actor.kind === 'applicant') throw new AppError('FORBIDDEN');
  return actor.user;
}

function event(
  name: string,
  data: Record<string, unknown> = {},
  isPublic = true,
  unitId: number | null = null,
) {
  return { name, public: isPublic, unitId, data };
}

const notify = (appeal: AppealRow, template: string): JobRequest => ({
  name: 'notify-applicant',
  data: { appealId: appeal.id, template },
});

/** Computes the change an action makes; throws a coded error when the facts do not allow it. */
export async function planAction(input: AppealChange, p: PlanInput): Promise<ChangePlan> {
  const { ctx, appeal, now } = p;
  const ref = ctx.reference();
  switch (input.action) {
    case 'rate':
      if (appeal.rating !== null) throw new AppError('RATING_NOT_ALLOWED');
      return {
        patch: { rating: input.rating, rating_comment: input.comment, rated_at: now },
        toStatus: null,
        event: event('rated', { rating: input.rating }, true),
        jobs: [],
      };
    case 'choose_answer_channel': {
      // Whoever holds the number and code can move the notices; the channel they leave is told, so an
      // applicant whose code was seen by someone else learns of it (SMS, e-mail, Telegram; not the post).
      const from = answerChannels.find((c) => c === appeal.answer_channel) ?? 'web';
      const warned = input.channel === 'telegram' && from !== 'telegram' && from !== 'web' && from !== 'post';
      return {
        patch: { answer_channel: input.channel },
        toStatus: null,
        event: event('answer_channel_chosen', { from: appeal.answer_channel, to: input.channel }, false),
        jobs: warned
          ? [
              {
                name: 'notify-applicant',
                data: { appealId: appeal.id, template: 'channel-changed', channel: from },
              },
            ]
          : [],
      };
    }
    case 'add_applicant_message':
      // Internal: the history line carries the applicant's words for staff, not for the tracking page.
      return {
        patch: {},
        toStatus: null,
        event: event(
          'applicant_message',
          { note: input.text, channel: input.channel, files: input.attachments.length },
          false,
        ),
        attachments: input.attachments,
        jobs: [],
      };
    case 'share_with_examiners': {
      const ids = unitsByCode(ref.units, input.units).map((u) => u.id);
      return {
        patch: { scope_units: [...new Set([...appeal.scope_units, ...ids])] },
        toStatus: null,
        event: event('shared_with_examiners', { units: input.units, complaint: input.complaint }, false),
        jobs: [],
      };
    }
    case 'auto_route': {
      const units = unitsByCode(ref.units, input.units);
      const [lead] = units;
      if (!lead) throw new FieldValidationError([{ path: 'units', key: 'unknownUnit' }]);
      const ids = units.map((u) => u.id);
      const { reading } = input;
      return {
        patch: {
          owner_unit_id: lead.id,
          scope_units: [...new Set([...appeal.scope_units, ...ids])],
          routed_at: now,
          routing_confidence: reading.confidence,
          category_code: appeal.category_code ?? reading.category,
        },
        toStatus: 'assigned',
        units: ids,
        event: event('routed', { units: input.units, automatic: true, ...reading }, true, lead.id),
        jobs: [],
      };
    }
    case 'route': {
      const ids = [...new Set(unitsByCode(ref.units, input.units).map((u) => u.id))];
      // A complaint about an officer may never be routed to the officer's own body or below it.
      if (appeal.subject_unit_id !== null) {
        const subject = appeal.subject_unit_id;
        if (ids.some((id) => ref.units.isWithin(id, subject)))
          throw new AppError('FORBIDDEN', undefined, { reason: 'subject_unit' });
      }
      const lead = ids[0] ?? appeal.owner_unit_id;
      const leadService = ref.units.byId(lead)?.service ?? undefined;
      return {
        patch: {
          owner_unit_id: lead,
          scope_units: appeal.about_officer ? ids : [...new Set([...appeal.scope_units, ...ids])],
          routed_at: appeal.routed_at ?? now,
          executor_id: null,
        },
        toStatus: 'assigned',
        units: ids,
        event: event('routed', { units: input.units, reason: input.reason ?? null }, true, lead),
        jobs: [],
        trainingExample: leadService ? { labelSet: 'service', label: leadService } : undefined,
      };
    }
    case 'assign_executor': {
      const executor = await userByLogin(p.tx, input.executor.toLowerCase());
      const assigned = await assignedUnits(p.tx, appeal.id);
      if (!executor?.active || !assigned.some((a) => a.unit_id === executor.unit_id)) {
        throw new FieldValidationError([{ path: 'executor', key: 'invalid' }]);
      }
      if (executor.id === appeal.subject_officer_id) throw new AppError('FORBIDDEN');
      return {
        patch: { executor_id: executor.id },
        toStatus: null,
        event: event('executor_assigned', { executor: executor.login }, false, executor.unit_id),
        jobs: [],
      };
    }
    case 'accept':
      return {
        patch: { executor_id: appeal.executor_id ?? staffOf(p.actor).id },
        toStatus: 'in_progress',
        event: event('accepted', {}, true, appeal.owner_unit_id),
        jobs: [],
      };
    case 'request_info': {
      // The other body must answer within 10 days (a setting); the card and the history show the day.
      const dueOn = infoRequestDueOn({ sentAt: now, calendar: ref.calendar, settings: ref.clockSettings });
      return {
        patch: { info_due_on: dueOn },
        toStatus: 'awaiting_info',
        event: event('info_requested', { reason: input.reason, from: input.from ?? null, dueOn }, true),
        jobs: [],
      };
    }
    case 'info_received':
      return {
        patch: { info_due_on: null },
        toStatus: 'in_progress',
        event: event('info_received', { note: input.note ?? null }, false),
        jobs: [],
      };
    case 'record_extra_study': {
      const clock = recordExtraStudy({
        clock: clockOf(appeal),
        type: appeal.type,
        now,
        calendar: ref.calendar,
        settings: ref.clockSettings,
      });
      return {
        patch: { due_on: clock.dueOn, extra_study: true },
        toStatus: null,
        event: event('extra_study_recorded', { reason: input.reason, dueOn: clock.dueOn }, true),
        jobs: appeal.type === 'taklif' ? [notify(appeal, 'proposal-needs-study')] : [],
      };
    }
    case 'request_extension':
      if (appeal.head_extension_used) throw new AppError('DEADLINE_EXTENSION_USED');
      return {
        patch: {},
        toStatus: null,
        event: event('extension_requested', { reason: input.reason, dueOn: appeal.due_on }, false),
        jobs: [],
      };
    case 'extend': {
      const clock = extendByHead({
        clock: clockOf(appeal),
        until: input.until,
        now,
        calendar: ref.calendar,
        settings: ref.clockSettings,
      });
      return {
        patch: { due_on: clock.dueOn, head_extension_used: true },
        toStatus: null,
        event: event(
          'deadline_extended',
          { reason: input.reason, dueOn: clock.dueOn, previousDueOn: appeal.due_on },
          true,
        ),
        // The law requires written notice to the applicant of the extension.
        jobs: [notify(appeal, 'deadline-extended')],
      };
    }
    case 'draft_answer':
      refuseInGroup(appeal);
      refuseUnfilledPlaceholders(input.body);
      return {
        patch: { executor_id: appeal.executor_id ?? staffOf(p.actor).id },
        toStatus: 'answer_drafted',
        newAnswer: { kind: 'answer', body: input.body, outcome: input.outcome },
        event: event('answer_drafted', { outcome: input.outcome }, false),
        jobs: [],
      };
    case 'return_answer':
      return {
        patch: {},
        toStatus: 'returned',
        reviewLatest: { kind: 'answer', status: 'returned', comment: input.comment },
        event: event('answer_returned', { comment: input.comment }, false),
        jobs: [],
      };
    case 'approve_answer': {
      const draft = await latestDraft(p.tx, appeal.id, 'answer');
      // A draft saved before placeholders were refused may still hold one.
      refuseUnfilledPlaceholders(draft.body);
      const members = await openMemberIds(p.tx, appeal.id);
      if (members.length > 0) refuseNamedApplicant(ctx, appeal, draft.body);
      return {
        patch: { outcome: draft.outcome, closed_at: now },
        toStatus: 'answered',
        reviewLatest: { kind: 'answer', status: 'approved', comment: null },
        event: event(
          'answered',
          { outcome: draft.outcome, ...(members.length > 0 ? { group: members.length + 1 } : {}) },
          true,
          appeal.owner_unit_id,
        ),
        jobs: [notify(appeal, 'answered')],
        group: 'answer',
      };
    }
    case 'answer_with_group':
      return {
        patch: { outcome: input.outcome, closed_at: now },
        toStatus: 'answered',
        newAnswer: {
          kind: 'answer',
          body: input.body,
          outcome: input.outcome,
          approvedBy: { authorId: input.authorId, reviewerId: input.reviewerId },
        },
        event: event(
          'answered',
          { outcome: input.outcome, withGroup: input.lead },
          true,
          appeal.owner_unit_id,
        ),
        jobs: [notify(appeal, 'answered')],
      };
    case 'forward':
      return {
        patch: { forwarded_to: input.to, closed_at: now },
        toStatus: 'forwarded',
        event: event(
          'forwarded',
          { to: input.to, reason: input.reason, inTime: now <= endOfDay(appeal.forward_due_on) },
          true,
        ),
        // Forwarding outside competence must be notified to the applicant within the same 5 days.
        jobs: [notify(appeal, 'forwarded')],
        group: 'release',
      };
    case 'draft_conclusion':
      refuseInGroup(appeal);
      return {
        patch: {},
        toStatus: 'conclusion_drafted',
        newAnswer: { kind: 'conclusion', body: input.body, outcome: null },
        event: event('conclusion_drafted', { reason: input.reason }, false),
        jobs: [],
      };
    case 'return_conclusion': {
      const routed = await anyAssignedUnit(p.tx, appeal.id);
      return {
        patch: {},
        toStatus: routed.length > 0 ? 'assigned' : 'registered',
        reviewLatest: { kind: 'conclusion', status: 'returned', comment: input.comment },
        event: event('conclusion_returned', { comment: input.comment }, false),
        jobs: [],
      };
    }
    case 'approve_conclusion':
      return {
        patch: { closed_at: now },
        toStatus: 'not_considered',
        reviewLatest: { kind: 'conclusion', status: 'approved', comment: null },
        event: event('not_considered', {}, true),
        jobs: [notify(appeal, 'not-considered')],
        group: 'release',
      };
    case 'withdraw':
      return {
        patch: { closed_at: now },
        toStatus: 'withdrawn',
        event: event('withdrawn', { reason: input.reason }, true),
        jobs: [],
        group: 'release',
      };
    case 'merge': {
      const target = await findByNumber(p.tx, input.into);
      // A target the user may not see answers exactly like one that does not exist: otherwise merging
      // would tell whether a hidden complaint exists and whether its applicant is the same person.
      const visible = target && canSee(scopeOf(staffOf(p.actor), ref.units), target);
      if (!target || !visible || target.id === appeal.id)
        throw new FieldValidationError([{ path: 'into', key: 'invalid' }]);
      if (!sameApplicant(appeal, target)) throw new AppError('MERGE_DIFFERENT_APPLICANT');
      return {
        patch: { merged_into_id: target.id, closed_at: now },
        toStatus: 'merged',
        event: event('merged', { into: target.number, reason: input.reason ?? null }, true),
        jobs: [],
        group: 'release',
      };
    }
    case 'join_group': {
      const lead = await findByNumber(p.tx, input.into);
      // As with merging: a lead the user may not see answers exactly like one that does not exist.
      const visible = lead && canSee(scopeOf(staffOf(p.actor), ref.units), lead);
      if (!lead || !visible || lead.id === appeal.id || lead.sandbox !== appeal.sandbox)
        throw new FieldValidationError([{ path: 'into', key: 'invalid' }]);
      // Locked, so the lead cannot be answered between this check and the commit (its answer would then
      // miss the new member, left waiting for an answer that never comes).
      const locked = (await lockById(p.tx, lead.id)) ?? lead;
      const why = await groupRefusal(p.tx, appeal, locked, input.reason !== undefined);
      if (why) throw new AppError('GROUP_NOT_ALLOWED', undefined, { reason: why });
      return {
        // Its own draft, if any, is for it alone: the group's answer will be the lead's.
        patch: { group_lead_id: locked.id },
        toStatus: null,
        event: event('grouped', { lead: locked.number, reason: input.reason ?? null }, true),
        jobs: [],
      };
    }
    case 'leave_group':
      if (appeal.group_lead_id === null)
        throw new AppError('GROUP_NOT_ALLOWED', undefined, { reason: 'not_in_group' });
      return {
        patch: { group_lead_id: null },
        toStatus: null,
        event: event('ungrouped', { reason: input.reason }, false),
        jobs: [],
      };
    case 'set_category': {
      const category = ref.categories.get(input.category);
      if (!category?.active) throw new FieldValidationError([{ path: 'category', key: 'unknownCategory' }]);
      return {
        patch: { category_code: category.code },
        toStatus: null,
        event: event('category_set', { from: appeal.category_code, to: category.code }, false),
        jobs: [],
        trainingExample: { labelSet: 'category', label: category.code },
      };
    }
    case 'mark_officer_complaint': {
      const unit = ref.units.byCode(input.unit);
      const subject = unit ? complaintSubject(ref.units, unit) : undefined;
      if (!subject) throw new FieldValidationError([{ path: 'unit', key: 'unknownUnit' }]);
      const officer = input.officer ? await userByLogin(p.tx, input.officer.toLowerCase()) : undefined;
      if (input.officer && !officer) throw new FieldValidationError([{ path: 'officer', key: 'invalid' }]);
      // The same examiners as at intake: internal security above the officer's body, and that body's
      // duty unit too when the appeal is urgent.
      const examiners = officerComplaintRoute(ref.units, subject, appeal.urgent);
      const ids = examiners.map((u) => u.id);
      const lead = ids[0] ?? ref.units.ministry.id;
      return {
        patch: {
          about_officer: true,
          subject_unit_id: subject.id,
          subject_officer_id: officer?.id ?? null,
          owner_unit_id: lead,
          // From now on only the examining units' chains see it; the subject's unit loses sight of it.
          scope_units: ids,
          executor_id: null,
          routed_at: now,
        },
        toStatus: 'assigned',
        units: ids,
        event: event('routed_officer_complaint', { units: examiners.map((u) => u.code) }, true, lead),
        jobs: [],
      };
    }
    case 'clear_officer_complaint':
      return {
        patch: { about_officer: false, subject_unit_id: null, subject_officer_id: null },
        toStatus: null,
        event: event('officer_complaint_cleared', { reason: input.reason }, false),
        jobs: [],
      };
    case 'mark_urgent': {
      // An urgent complaint about an officer is acted on by the duty unit above the officer's body as
      // well, as intake would have routed it.
      const subject = appeal.about_officer ? ref.units.byId(appeal.subject_unit_id ?? 0) : undefined;
      const duty = input.urgent && subject ? officerComplaintRoute(ref.units, subject, true)[1] : undefined;
      const working = duty ? (await unitsOf(p.tx, appeal.id)).map((u) => u.unit_id) : [];
      const joins = duty !== undefined && working.length > 0 && !working.includes(duty.id);
      return {
        patch: {
          urgent: input.urgent,
          urgency_reason: input.reason ?? null,
          ...(joins ? { scope_units: [...new Set([...appeal.scope_units, duty.id])] } : {}),
        },
        units: joins ? [...working, duty.id] : undefined,
        toStatus: null,
        event: event(
          input.urgent ? 'marked_urgent' : 'unmarked_urgent',
          { reason: input.reason ?? null },
          false,
        ),
        jobs: input.urgent ? [{ name: 'notify-urgent', data: { appealId: appeal.id } }] : [],
      };
    }
  }
}

/** Active units by code; a code that names none or an inactive unit is a field error. */
function unitsByCode(directory: UnitDirectory, codes: string[]): Unit[] {
  const units = codes.map((code) => directory.byCode(code));
  if (units.some((u) => !u?.active)) throw new FieldValidationError([{ path: 'units', key: 'unknownUnit' }]);
  return units.flatMap((u) => (u ? [u] : []));
}

/** A member of a group gets its lead's answer: nobody drafts one for it alone. */
function refuseInGroup(appeal: AppealRow): void {
  if (appeal.group_lead_id !== null) throw new AppError('IN_GROUP');
}

/**
 * Why this appeal may not join the group led by `lead`, or `undefined` when it may. Groups are one level
 * deep; a complaint about an officer is only grouped with complaints about the same body (it is examined
 * outside that body's chain, by other people); and appeals the language layer did not link need the
 * clerk's stated reason, kept in the history.
 */
async function groupRefusal(tx: Db, appeal: AppealRow, lead: AppealRow, reasoned: boolean) {
  if (isFinal(lead.status as AppealStatus)) return 'lead_closed';
  if (lead.group_lead_id !== null) return 'lead_is_member';
  if (appeal.group_lead_id !== null) return 'already_in_group';
  if (await leadsAGroup(tx, appeal.id)) return 'leads_a_group';
  if (appeal.about_officer !== lead.about_officer || appeal.subject_unit_id !== lead.subject_unit_id)
    return 'officer_complaint';
  if (!reasoned && !(await areLinked(tx, appeal.id, lead.id))) return 'not_linked';
  return undefined;
}

/**
 * The lead's answer goes to every member's applicant, each letter greeting its own: a body that names the
 * lead's applicant (their family name) would tell each member who else wrote.
 */
function refuseNamedApplicant(ctx: AppContext, lead: AppealRow, body: string): void {
  if (!lead.applicant_enc) return;
  const applicant = ctx.protector.open(lead.applicant_enc, lead.number) as { lastName?: string };
  const name = applicant.lastName?.trim().toLocaleLowerCase();
  if (name && name.length >= 3 && body.toLocaleLowerCase().includes(name))
    throw new AppError('GROUP_ANSWER_NAMES_APPLICANT');
}

function sameApplicant(a: AppealRow, b: AppealRow): boolean {
  const same = (x: Buffer | null, y: Buffer | null) => x !== null && y !== null && x.equals(y);
  return (
    same(a.pinfl_hash, b.pinfl_hash) || same(a.phone_hash, b.phone_hash) || same(a.name_hash, b.name_hash)
  );
}

/** The draft answer or conclusion awaiting a head's decision; refused as an invalid transition when none. */
export async function latestDraft(tx: Db, appealId: number, kind: 'answer' | 'conclusion') {
  const draft = await newestDraft(tx, appealId, kind);
  if (!draft) throw new AppError('INVALID_TRANSITION');
  return draft;
}
