import type { AppealInput, RegisteredAppeal } from '../../contracts/appeal.schema.ts';
import type { AppealForm, Channel } from '../../contracts/enums.ts';
import { intakeRecord, readForIntake } from '../assist/intake-reading.ts';
import type { Actor } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { endOfDay, localDateOf } from '../deadlines/calendar.ts';
import { startClock } from '../deadlines/legal-clock.ts';
import { type FieldProblem, FieldValidationError } from '../errors.ts';
import type { JobRequest } from '../jobs/job-queue.ts';
import { decideStartingRoute } from '../routing/starting-route.ts';
import { newAccessCode } from '../security/data-protector.ts';
import { canRegisterForApplicant, type StaffUser } from './appeal.policy.ts';
import { clockColumns } from './appeal-clock.ts';
import { findByNumber, lockById } from './appeals.repository.ts';
import type { StoredAttachment } from './attachments.ts';
import { applyChange } from './change-appeal.ts';
import { anonymousConclusionText } from './conclusion-texts.ts';
import type { PreparedAppeal, WrittenAppeal } from './intake-writer.ts';

export interface RegisterAppealOptions {
  ctx: AppContext;
  input: AppealInput;
  /** The operator registering on the applicant's behalf; absent for the public API and portal. */
  staff?: StaffUser;
  /** The channel adapter that received it (telegram, email …) when not the web. */
  channel?: Channel;
  /** Files already checked and stored by the edge. */
  attachments?: StoredAttachment[];
  /**
   * What the law needs and a channel could not give (an e-mail rarely carries a name and an address): the
   * appeal is registered all the same, and staff see in its history what was asked of the applicant.
   */
  missingDetails?: ('name' | 'address')[];
  /** The integration (API key) that posted it, named in the audit entry. */
  integrationId?: number;
  /** Another system received it first and forwarded it in: see ForwardedOrigin. */
  forwarded?: ForwardedOrigin;
}

/**
 * Where an appeal forwarded in by another system came from. The legal clock runs from its receipt there, and
 * `record` (what makes a repeated forward find it) is written in the same transaction as the appeal.
 */
export interface ForwardedOrigin {
  source: string;
  externalId: string;
  receivedAt: Date;
  integrationName: string;
  record: (tx: Db, written: WrittenAppeal, accessCode: string) => Promise<void>;
}

const defaultForm: Record<Channel, AppealForm> = {
  web: 'electronic',
  telegram: 'electronic',
  email: 'electronic',
  sms: 'electronic',
  open311: 'electronic',
  virtual_reception: 'electronic',
  hotline: 'oral',
  reception: 'oral',
  post: 'written',
};

/**
 * Registers an appeal. Registration is never refused for its substance: an anonymous appeal is
 * registered and a "not considered" conclusion is drafted for a head, unless it reports a crime or a
 * threat to life, which goes to the duty unit at once. Only malformed input is rejected, field by field.
 */
export async function registerAppeal({
  ctx,
  input,
  staff,
  channel,
  attachments = [],
  missingDetails = [],
  integrationId,
  forwarded,
}: RegisterAppealOptions): Promise<RegisteredAppeal> {
  const ref = ctx.reference();
  const problems: FieldProblem[] = [];
  if (input.territory && !ref.territories.has(input.territory))
    problems.push({ path: 'territory', key: 'unknownTerritory' });
  const category = input.category ? ref.categories.get(input.category) : undefined;
  if (input.category && !category?.active) problems.push({ path: 'category', key: 'unknownCategory' });
  if (!staff) {
    if (input.channel && input.channel !== (channel ?? 'web'))
      problems.push({ path: 'channel', key: 'staffOnly' });
    if (input.form) problems.push({ path: 'form', key: 'staffOnly' });
    if (input.receivedAt) problems.push({ path: 'receivedAt', key: 'staffOnly' });
  } else if (!canRegisterForApplicant(staff)) {
    problems.push({ path: 'channel', key: 'staffOnly' });
  }
  const parent = input.relatedTo ? await findByNumber(ctx.db, input.relatedTo.number) : undefined;
  if (
    input.relatedTo &&
    (!parent ||
      !ctx.protector.accessCodeMatches(parent.number, input.relatedTo.accessCode, parent.access_code_hash))
  ) {
    problems.push({ path: 'relatedTo.accessCode', key: 'invalid' });
  }
  const now = ctx.clock.now();
  const receivedAt = forwarded
    ? forwarded.receivedAt
    : staff && input.receivedAt
      ? new Date(input.receivedAt)
      : now;
  if (receivedAt.getTime() > now.getTime() + 60_000) problems.push({ path: 'receivedAt', key: 'invalid' });
  if (problems.length > 0) throw new FieldValidationError(problems);

  const appealChannel: Channel = staff ? (input.channel ?? 'hotline') : (channel ?? 'web');
  const form = input.form ?? defaultForm[appealChannel];
  const reading = await readForIntake(ctx, input.text, input.category ?? null);
  const clock = startClock({
    type: input.type,
    receivedAt,
    calendar: ref.calendar,
    settings: ref.clockSettings,
  });
  const anonymous = input.applicant.kind === 'anonymous';
  const territoryCode = input.territory ?? null;
  // Who may see the appeal is decided here, before it is written: a complaint about an officer never
  // reaches the officer's body, not even for the moment before triage.
  const start = decideStartingRoute(ref.units, {
    territoryCode,
    urgent: reading.urgent,
    officerComplaint: reading.officerComplaint,
    anonymous,
    complaintAgainstUnit:
      parent && input.relatedTo?.kind === 'complaint' ? ref.units.byId(parent.owner_unit_id) : undefined,
  });
  const { status, holder: lead } = start;
  const routed = status === 'assigned';

  const applicant = input.applicant.kind === 'anonymous' ? null : input.applicant;
  const answerChannel = input.answerChannel ?? (applicant?.email ? 'email' : 'web');
  const answeredAtTheDoor =
    (appealChannel === 'email' || appealChannel === 'telegram') && answerChannel === appealChannel;
  const hash = ctx.protector;
  const phone = applicant?.phone;
  const pinfl = applicant?.kind === 'individual' ? applicant.pinfl : undefined;
  const nameKey =
    applicant?.kind === 'individual'
      ? ctx.textReader.looseKey(`${applicant.lastName} ${applicant.firstName} ${applicant.patronymic ?? ''}`)
      : applicant?.kind === 'legal_entity'
        ? ctx.textReader.looseKey(applicant.organization)
        : undefined;
  const accessCode = newAccessCode();
  const actor: Actor = staff ? { id: staff.id, label: staff.login } : { id: null, label: appealChannel };

  const events: PreparedAppeal['events'] = [
    {
      event: 'registered',
      fromStatus: null,
      toStatus: 'registered',
      public: true,
      unitId: lead.id,
      data: {
        channel: appealChannel,
        form,
        ...(forwarded ? { source: forwarded.source, externalId: forwarded.externalId } : {}),
      },
    },
  ];
  if (missingDetails.length > 0) {
    events.push({
      event: 'applicant_details_missing',
      fromStatus: null,
      toStatus: null,
      public: false,
      unitId: lead.id,
      data: { missing: missingDetails },
    });
  }
  if (start.routedEvent) {
    events.push({
      event: start.routedEvent,
      fromStatus: 'registered',
      toStatus: 'assigned',
      public: true,
      unitId: lead.id,
      data: { units: start.units.map((u) => u.code) },
    });
  }
  if (status === 'conclusion_drafted') {
    events.push({
      event: 'conclusion_drafted',
      fromStatus: 'registered',
      toStatus: 'conclusion_drafted',
      public: false,
      unitId: lead.id,
      data: { reason: 'anonymous' },
    });
  }

  // A complaint about an earlier answer lets the units examining it read that earlier appeal.
  const shareWithExaminers =
    parent && input.relatedTo?.kind === 'complaint'
      ? async (tx: Db, written: WrittenAppeal) => {
          const earlier = await lockById(tx, parent.id);
          if (!earlier) return;
          await applyChange({
            ctx,
            tx,
            appeal: earlier,
            actor: { kind: 'system' },
            input: {
              action: 'share_with_examiners',
              units: start.scope.map((u) => u.code),
              complaint: written.number,
            },
            now: receivedAt,
          });
        }
      : undefined;

  const prepared: PreparedAppeal = {
    year: Number(localDateOf(receivedAt).slice(0, 4)),
    row: {
      type: input.type,
      form,
      channel: appealChannel,
      status,
      applicant_kind: input.applicant.kind,
      phone_hash: phone ? hash.lookupHash('phone', phone) : null,
      pinfl_hash: pinfl ? hash.lookupHash('pinfl', pinfl) : null,
      email_hash: applicant?.email ? hash.lookupHash('email', applicant.email) : null,
      name_hash: nameKey ? hash.lookupHash('name', nameKey) : null,
      text: input.text,
      text_latin: reading.latin,
      language: reading.language,
      answer_language: input.answerLanguage ?? reading.answerLanguage,
      answer_channel: answerChannel,
      territory_code: territoryCode,
      category_code: input.category ?? null,
      lat: input.location?.lat ?? null,
      lon: input.location?.lon ?? null,
      place: input.location?.place ?? null,
      signatories: input.collective?.signatories ?? null,
      urgent: reading.urgent,
      urgency_reason: reading.urgencyReason,
      intake_reading: JSON.stringify(intakeRecord(reading)),
      about_officer: start.aboutOfficer,
      subject_unit_id: start.subject?.id ?? null,
      owner_unit_id: lead.id,
      scope_units: start.scope.map((u) => u.id),
      parent_id: parent?.id ?? null,
      link_kind: parent ? (input.relatedTo?.kind ?? null) : null,
      received_at: receivedAt,
      ...clockColumns(clock),
      routed_at: routed ? receivedAt : null,
      created_by: staff?.id ?? null,
    },
    applicant,
    accessCode,
    units: start.units.map((unit, position) => ({
      unitId: unit.id,
      role: position === 0 ? 'lead' : 'co',
      position,
    })),
    events,
    attachments,
    conclusion:
      status === 'conclusion_drafted'
        ? { body: anonymousConclusionText(input.answerLanguage ?? 'uz') }
        : null,
    jobs: (appealId) => {
      const jobs: JobRequest[] = [{ name: 'triage-appeal', data: { appealId } }];
      // A mail or a chat is answered at its door with the number and the access code; the outbox's
      // registration notice to that same address would only say it again.
      if (!answeredAtTheDoor)
        jobs.push({ name: 'notify-applicant', data: { appealId, template: 'registered' } });
      if (reading.urgent) jobs.push({ name: 'notify-urgent', data: { appealId } });
      return jobs;
    },
    afterWrite:
      shareWithExaminers || forwarded
        ? async (tx, written) => {
            await shareWithExaminers?.(tx, written);
            await forwarded?.record(tx, written, accessCode);
          }
        : undefined,
    audit: {
      actor,
      action: 'appeal.register',
      targetType: 'appeal',
      at: now,
      data: {
        channel: appealChannel,
        status,
        unit: lead.code,
        officerComplaint: reading.officerComplaint,
        urgent: reading.urgent,
        ...(integrationId === undefined ? {} : { integration: integrationId }),
        ...(forwarded
          ? {
              integrationName: forwarded.integrationName,
              source: forwarded.source,
              externalId: forwarded.externalId,
            }
          : {}),
      },
    },
  };

  const written = await ctx.intake.write(prepared);
  ctx.metrics.appealRegistered(appealChannel);
  return {
    number: written.number,
    accessCode,
    status,
    receivedAt: receivedAt.toISOString(),
    dueAt: endOfDay(clock.dueOn).toISOString(),
  };
}
