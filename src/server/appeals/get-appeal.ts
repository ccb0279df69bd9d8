import type { UiLanguage } from '../../contracts/enums.ts';
import type { AppContext } from '../context.ts';
import type { AppealRow } from '../db/schema.ts';
import { endOfDay, localDateOf } from '../deadlines/calendar.ts';
import { clockStatus } from '../deadlines/legal-clock.ts';
import { AppError } from '../errors.ts';
import { originOf } from '../integrations/forwarded-appeals.repository.ts';
import { retentionOfAppeal } from '../retention/retention-card.ts';
import { decideRoute } from '../routing/route-appeal.ts';
import { canOpenAppeals, canSee, canSeePersonalData, type StaffUser, scopeOf } from './appeal.policy.ts';
import { parseStatus, unitRef } from './appeal.presenter.ts';
import { clockOf } from './appeal-clock.ts';
import { visibleMembers } from './appeal-groups.repository.ts';
import { allowedActions, isFinal, roleMayTake } from './appeal-lifecycle.ts';
import {
  analysisOf,
  answersOf,
  eventsOf,
  findByNumber,
  linkedAppeals,
  relatedAppeals,
  staffName,
  unitsOf,
  visibleSummary,
} from './appeals.repository.ts';
import { strongestRelations } from './related-appeals.ts';

/** Loads an appeal the user may open, or answers as if it did not exist. */
export async function findVisibleAppeal(
  ctx: AppContext,
  user: StaffUser,
  number: string,
): Promise<AppealRow> {
  if (!canOpenAppeals(user)) throw new AppError('FORBIDDEN');
  const appeal = await findByNumber(ctx.db, number);
  if (!appeal || !canSee(scopeOf(user, ctx.reference().units), appeal))
    throw new AppError('APPEAL_NOT_FOUND');
  return appeal;
}

/** The appeal card: text, clock, history, units, drafts, links and the actions the user may take. */
export async function getAppeal(ctx: AppContext, user: StaffUser, number: string, language: UiLanguage) {
  const appeal = await findVisibleAppeal(ctx, user, number);
  const ref = ctx.reference();
  // Every link is filtered by the rule a direct read follows: a hidden appeal is not named here either.
  const scope = scopeOf(user, ref.units);
  const [
    events,
    units,
    answers,
    links,
    parent,
    executor,
    analysis,
    related,
    lead,
    members,
    origin,
    retention,
  ] = await Promise.all([
    eventsOf(ctx.db, appeal.id),
    unitsOf(ctx.db, appeal.id),
    answersOf(ctx.db, appeal.id),
    linkedAppeals(ctx.db, appeal.id, scope),
    appeal.parent_id === null ? undefined : visibleSummary(ctx.db, appeal.parent_id, scope),
    appeal.executor_id === null ? undefined : staffName(ctx.db, appeal.executor_id),
    analysisOf(ctx.db, appeal.id),
    relatedAppeals(ctx.db, appeal.id, scope),
    appeal.group_lead_id === null ? undefined : visibleSummary(ctx.db, appeal.group_lead_id, scope),
    visibleMembers(ctx.db, appeal.id, scope),
    originOf(ctx.db, appeal.id),
    retentionOfAppeal(ctx.db, user, appeal),
  ]);
  const now = ctx.clock.now();
  const status = parseStatus(appeal.status);
  const clock = clockStatus({
    clock: clockOf(appeal),
    now,
    calendar: ref.calendar,
  });
  const category = appeal.category_code ? ref.categories.get(appeal.category_code) : undefined;
  const territory = appeal.territory_code ? ref.territories.get(appeal.territory_code) : undefined;
  // A suspected complaint about an officer is suggested to internal security above, like a confirmed one.
  const subject = appeal.subject_unit_id === null ? undefined : ref.units.byId(appeal.subject_unit_id);
  const suggestion = decideRoute(
    ref.units,
    ref.rules,
    {
      categoryCode: appeal.category_code,
      territoryCode: appeal.territory_code,
      categoryService: category?.service ?? null,
      officerComplaint: subject !== undefined,
    },
    subject,
  );
  const open = !isFinal(status);
  const children = links
    .filter((l) => l.parent_id === appeal.id)
    .map((l) => ({ number: l.number, status: l.status, kind: l.link_kind }));
  const merged = links
    .filter((l) => l.merged_into_id === appeal.id)
    .map((l) => ({ number: l.number, status: l.status }));
  // An appeal the card names as parent, child, merged or in its group is not listed again among the related.
  const shown = new Set(
    [...(parent ? [parent] : []), ...children, ...merged, ...(lead ? [lead] : []), ...members].map(
      (l) => l.number,
    ),
  );
  const openMembers = members.filter((m) => !isFinal(parseStatus(m.status)));
  await ctx.db.transaction().execute((tx) =>
    ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'appeal.view',
        targetType: 'appeal',
        targetId: appeal.number,
        at: now,
      },
    ]),
  );
  return {
    number: appeal.number,
    version: appeal.version,
    type: appeal.type,
    form: appeal.form,
    channel: appeal.channel,
    origin: origin ? { source: origin.source, externalId: origin.external_id } : null,
    status,
    language: appeal.language,
    answerLanguage: appeal.answer_language,
    answerChannel: appeal.answer_channel,
    text: appeal.text,
    textLatin: appeal.text_latin,
    category: category ? { code: category.code, name: category.names[language] } : null,
    territory: territory ? { code: territory.code, name: territory.names[language] } : null,
    location:
      appeal.place !== null || (appeal.lat !== null && appeal.lon !== null)
        ? { place: appeal.place, lat: appeal.lat, lon: appeal.lon }
        : null,
    signatories: appeal.signatories,
    urgent: appeal.urgent,
    urgencyReason: appeal.urgency_reason,
    aboutOfficer: appeal.about_officer,
    subjectUnit: unitRef(ref.units, appeal.subject_unit_id, language),
    applicant: {
      kind: appeal.applicant_kind,
      canReveal: canSeePersonalData(user) && appeal.applicant_enc !== null,
    },
    receivedAt: appeal.received_at.toISOString(),
    clock: {
      receivedOn: appeal.received_on,
      registrationDueOn: appeal.registration_due_on,
      dueOn: appeal.due_on,
      dueAt: endOfDay(appeal.due_on).toISOString(),
      baseDueOn: appeal.base_due_on,
      handoverDueOn: appeal.handover_due_on,
      forwardDueOn: appeal.forward_due_on,
      proposalNoticeDueOn: appeal.proposal_notice_due_on,
      infoDueOn: appeal.info_due_on,
      extraStudy: appeal.extra_study,
      headExtensionUsed: appeal.head_extension_used,
      daysLeft: open ? clock.daysLeft : null,
      overdue: open && clock.overdue,
      dueSoon: open && clock.dueSoon,
      today: localDateOf(now),
    },
    unit: unitRef(ref.units, appeal.owner_unit_id, language),
    units: units.map((u) => ({ ...unitRef(ref.units, u.unit_id, language), role: u.role })),
    executor: executor ? { login: executor.login, name: executor.full_name } : null,
    outcome: appeal.outcome,
    forwardedTo: appeal.forwarded_to,
    rating: appeal.rating === null ? null : { value: appeal.rating, comment: appeal.rating_comment },
    history: events.map((e) => ({
      at: e.at.toISOString(),
      event: e.event,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      actor: e.actor_kind === 'staff' ? { login: e.actor_login, name: e.actor_name } : { kind: e.actor_kind },
      unit: unitRef(ref.units, e.unit_id, language),
      public: e.public,
      data: e.data,
    })),
    answers: answers.map((a) => ({
      id: a.id,
      kind: a.kind,
      body: a.body,
      outcome: a.outcome,
      status: a.status,
      createdAt: a.created_at.toISOString(),
      reviewedAt: a.reviewed_at?.toISOString() ?? null,
      reviewComment: a.review_comment,
    })),
    links: {
      parent: parent ? { number: parent.number, status: parent.status, kind: appeal.link_kind } : null,
      children,
      merged,
    },
    group: {
      memberOf:
        appeal.group_lead_id === null ? null : { number: lead?.number ?? null, status: lead?.status ?? null },
      members: members.map((m) => ({ number: m.number, status: m.status, dueOn: m.due_on })),
      // The group is answered at once, so its term is the earliest of the open ones it answers.
      dueOn:
        openMembers.length === 0 || !open
          ? null
          : ([appeal.due_on, ...openMembers.map((m) => m.due_on)].sort()[0] ?? null),
    },
    routingSuggestion: {
      unit: { code: suggestion.unit.code, name: suggestion.unit.names[language] },
      basis: suggestion.basis,
      ruleId: suggestion.ruleId,
    },
    analysis: analysis
      ? {
          analysedAt: analysis.analysed_at.toISOString(),
          modelVersion: analysis.model_version,
          language: analysis.language,
          languageConfidence: analysis.language_confidence,
          category: analysis.category_code,
          confidence: analysis.category_confidence,
          suggestions: analysis.suggestions,
          explanation: analysis.explanation,
          urgency: { score: analysis.urgency_score, reasons: analysis.urgency },
          officer: analysis.officer,
          decision: analysis.decision,
        }
      : null,
    related: strongestRelations(related, shown).map((r) => ({
      number: r.number,
      status: r.status,
      kind: r.kind,
      score: r.score,
    })),
    // The group's own rules on top of the state machine's: a member may only leave, a lead may not join.
    allowedActions: allowedActions(status, user.role).filter((action) =>
      action === 'join_group'
        ? appeal.group_lead_id === null && members.length === 0
        : action === 'leave_group'
          ? appeal.group_lead_id !== null
          : action === 'draft_answer' || action === 'draft_conclusion'
            ? appeal.group_lead_id === null
            : true,
    ),
    // Files go on the answer draft while it waits for the head, by whoever may write answers.
    answerFilesEditable: status === 'answer_drafted' && roleMayTake('draft_answer', user.role),
    retention,
  };
}

/** The applicant's personal fields, decrypted for a role that needs them; every reveal is audited. */
export async function revealApplicant(ctx: AppContext, user: StaffUser, number: string) {
  const appeal = await findVisibleAppeal(ctx, user, number);
  if (!canSeePersonalData(user)) throw new AppError('FORBIDDEN');
  const applicant = appeal.applicant_enc ? ctx.protector.open(appeal.applicant_enc, appeal.number) : null;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute((tx) =>
    ctx.audit.append(tx, [
      {
        actor: { id: user.id, label: user.login },
        action: 'appeal.reveal_applicant',
        targetType: 'appeal',
        targetId: appeal.number,
        at: now,
      },
    ]),
  );
  return { kind: appeal.applicant_kind, applicant };
}
