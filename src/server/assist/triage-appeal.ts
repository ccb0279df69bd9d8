import { sql } from 'kysely';
import { DEFAULT_LSH, estimateJaccard } from '../../nlp/index.ts';
import { parseStatus } from '../appeals/appeal.presenter.ts';
import { lockById } from '../appeals/appeals.repository.ts';
import { systemActor } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { AppealPatch, AppealRow } from '../db/schema.ts';
import type { JobRequest } from '../jobs/job-queue.ts';
import { decideRoute, officerComplaintUnit } from '../routing/route-appeal.ts';
import type { Unit } from '../routing/unit-directory.ts';
import { type AppealReading, readAppeal } from './read-appeal.ts';

/** How many distinct applicants sending near-identical texts make a mass campaign. */
export const CAMPAIGN_MIN_APPLICANTS = 5;
const DEFAULT_THRESHOLD = 0.8;

/** What triage decided for one appeal. */
export type TriageDecision =
  | 'auto_routed'
  | 'urgent_to_duty'
  | 'officer_complaint'
  | 'triage_queue'
  | 'already_handled';

function toSignature(buffer: Buffer): Uint32Array {
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return new Uint32Array(copy.buffer);
}

function thresholdOf(ctx: AppContext): number {
  const value = ctx.reference().settings.get('triage.autoRouteThreshold');
  return typeof value === 'number' && value > 0 && value <= 1 ? value : DEFAULT_THRESHOLD;
}

/** Earlier appeals of the same applicant (keyed hashes of phone, personal number or name + territory). */
async function findRepeats(db: Db, appeal: AppealRow): Promise<number[]> {
  if (!appeal.phone_hash && !appeal.pinfl_hash && !appeal.name_hash) return [];
  const rows = await db
    .selectFrom('appeals')
    .select('id')
    .where('id', '<', appeal.id)
    .where((eb) => {
      const same = [];
      if (appeal.pinfl_hash) same.push(eb('pinfl_hash', '=', appeal.pinfl_hash));
      if (appeal.phone_hash) same.push(eb('phone_hash', '=', appeal.phone_hash));
      return eb.or(same.length > 0 ? same : [eb.val(false)]);
    })
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
  return rows.map((r) => r.id);
}

/** Near-duplicate texts across scripts: candidates share an LSH band, then the MinHash estimate decides. */
async function findDuplicates(db: Db, appeal: AppealRow, reading: AppealReading) {
  const candidates = await db
    .selectFrom('appeal_analysis')
    .innerJoin('appeals', 'appeals.id', 'appeal_analysis.appeal_id')
    .select([
      'appeal_analysis.appeal_id',
      'appeal_analysis.minhash',
      'appeals.phone_hash',
      'appeals.name_hash',
    ])
    .where(sql<boolean>`appeal_analysis.bands && ${sql.val(reading.bands)}::bigint[]`)
    .where('appeal_analysis.appeal_id', '!=', appeal.id)
    .limit(500)
    .execute();
  return candidates
    .map((c) => ({
      id: c.appeal_id,
      score: estimateJaccard(reading.minhash, toSignature(c.minhash)),
      applicant: (c.phone_hash ?? c.name_hash)?.toString('hex') ?? `appeal:${c.appeal_id}`,
    }))
    .filter((c) => c.score >= DEFAULT_LSH.threshold)
    .sort((a, b) => b.score - a.score);
}

/**
 * Reads a newly registered appeal after intake committed: language, category with confidence and the
 * words behind it, urgency, complaint about an officer, near-duplicates, repeats and campaigns. Stores
 * all of it with the model version, then routes the appeal itself when it is still waiting for triage
 * and the reading is confident: urgent → duty unit, officer complaint → internal security above,
 * category confidence ≥ threshold → the unit the routing rules give. Runs as a job and never blocks
 * intake; running twice changes nothing.
 */
export async function triageAppeal(ctx: AppContext, appealId: number): Promise<TriageDecision | undefined> {
  const appeal = await ctx.db.selectFrom('appeals').selectAll().where('id', '=', appealId).executeTakeFirst();
  if (!appeal) return undefined;
  const done = await ctx.db
    .selectFrom('appeal_analysis')
    .select('appeal_id')
    .where('appeal_id', '=', appealId)
    .executeTakeFirst();
  if (done) return undefined;

  const model = await ctx.models.active();
  const reading = readAppeal(appeal.text, model.classifier);
  const [duplicates, repeats] = await Promise.all([
    findDuplicates(ctx.db, appeal, reading),
    findRepeats(ctx.db, appeal),
  ]);
  const campaign = new Set(duplicates.map((d) => d.applicant)).size + 1 >= CAMPAIGN_MIN_APPLICANTS;

  const ref = ctx.reference();
  const body = ref.units.bodyForTerritory(appeal.territory_code);
  const suggestions = reading.prediction.top.map((s) => {
    const category = ref.categories.get(s.label);
    const unit = decideRoute(ref.units, ref.rules, {
      categoryCode: s.label,
      territoryCode: appeal.territory_code,
      categoryService: category?.service ?? null,
      officerComplaint: category?.officerComplaint ?? false,
    }).unit;
    return { category: s.label, confidence: s.confidence, unit: unit.code };
  });
  const now = ctx.clock.now();

  return ctx.db.transaction().execute(async (tx) => {
    const current = await lockById(tx, appealId);
    if (!current) return undefined;
    const status = parseStatus(current.status);
    const waiting = status === 'registered';

    let decision: TriageDecision = waiting ? 'triage_queue' : 'already_handled';
    let target: Unit | undefined;
    const patch: AppealPatch = { language: reading.language };
    const jobs: JobRequest[] = [];
    const top = reading.prediction;
    const topCategory = ref.categories.get(top.label);
    if (reading.urgency.urgent && !current.urgent) {
      patch.urgent = true;
      patch.urgency_reason = reading.urgency.reasons.map((r) => `${r.kind}: ${r.evidence}`).join('; ');
      jobs.push({ name: 'notify-urgent', data: { appealId } });
    }
    if (waiting && reading.urgency.urgent) {
      target = ref.units.serviceOf(body, 'duty') ?? body;
      decision = 'urgent_to_duty';
    } else if (
      waiting &&
      !current.about_officer &&
      reading.officer.aboutOfficer &&
      reading.officer.confidence >= thresholdOf(ctx)
    ) {
      target = officerComplaintUnit(ref.units, body);
      decision = 'officer_complaint';
      Object.assign(patch, { about_officer: true, subject_unit_id: body.id, scope_units: [target.id] });
    } else if (waiting && top.confidence >= thresholdOf(ctx) && topCategory?.active) {
      target = decideRoute(ref.units, ref.rules, {
        categoryCode: top.label,
        territoryCode: current.territory_code,
        categoryService: topCategory.service,
        officerComplaint: topCategory.officerComplaint,
      }).unit;
      decision = topCategory.officerComplaint ? 'officer_complaint' : 'auto_routed';
      if (topCategory.officerComplaint)
        Object.assign(patch, { about_officer: true, subject_unit_id: body.id, scope_units: [target.id] });
      if (!current.category_code) patch.category_code = top.label;
    }

    await tx
      .insertInto('appeal_analysis')
      .values({
        appeal_id: appealId,
        analysed_at: now,
        model_version: model.version,
        language: reading.language,
        language_confidence: reading.languageConfidence,
        segments: JSON.stringify(reading.segments),
        category_code: top.label,
        category_confidence: top.confidence,
        suggestions: JSON.stringify(suggestions),
        explanation: JSON.stringify(top.explanation),
        urgency_score: reading.urgency.score,
        urgency: JSON.stringify(reading.urgency.reasons),
        officer: JSON.stringify(reading.officer),
        minhash: Buffer.from(reading.minhash.buffer, reading.minhash.byteOffset, reading.minhash.byteLength),
        bands: reading.bands.map(String),
        decision,
      })
      .onConflict((oc) => oc.column('appeal_id').doNothing())
      .execute();

    const links = [
      ...duplicates.slice(0, 50).map((d) => ({ other: d.id, kind: 'duplicate' as const, score: d.score })),
      ...repeats.map((id) => ({ other: id, kind: 'repeat' as const, score: null })),
      ...(campaign
        ? duplicates.slice(0, 200).map((d) => ({ other: d.id, kind: 'campaign' as const, score: d.score }))
        : []),
    ];
    if (links.length > 0) {
      await tx
        .insertInto('appeal_links')
        .values(
          links.map((l) => ({
            appeal_id: appealId,
            other_id: l.other,
            kind: l.kind,
            score: l.score,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    }

    if (target) {
      Object.assign(patch, {
        status: 'assigned',
        owner_unit_id: target.id,
        scope_units: patch.scope_units ?? [...new Set([...current.scope_units, target.id])],
        routed_at: now,
        routing_confidence: top.confidence,
      });
      await tx.deleteFrom('appeal_units').where('appeal_id', '=', appealId).execute();
      await tx
        .insertInto('appeal_units')
        .values({
          appeal_id: appealId,
          unit_id: target.id,
          role: 'lead',
          position: 0,
          assigned_at: now,
          assigned_by: null,
        })
        .execute();
      await tx
        .insertInto('appeal_events')
        .values({
          appeal_id: appealId,
          at: now,
          event:
            decision === 'urgent_to_duty'
              ? 'routed_urgent'
              : decision === 'officer_complaint'
                ? 'routed_officer_complaint'
                : 'routed',
          from_status: status,
          to_status: 'assigned',
          actor_id: null,
          actor_kind: 'system',
          public: true,
          unit_id: target.id,
          data: JSON.stringify({
            units: [target.code],
            automatic: true,
            category: top.label,
            confidence: top.confidence,
            explanation: top.explanation,
            modelVersion: model.version,
          }),
        })
        .execute();
    }
    await tx
      .updateTable('appeals')
      .set({ ...patch, version: current.version + 1, updated_at: now })
      .where('id', '=', appealId)
      .execute();
    await ctx.jobs.enqueue(tx, jobs);
    await ctx.audit.append(tx, [
      {
        actor: systemActor,
        action: 'appeal.triage',
        targetType: 'appeal',
        targetId: current.number,
        data: {
          decision,
          modelVersion: model.version,
          unit: target?.code ?? null,
          confidence: top.confidence,
        },
        at: now,
      },
    ]);
    return decision;
  });
}
