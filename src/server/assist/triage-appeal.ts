import { DEFAULT_LSH, estimateJaccard } from '../../nlp/index.ts';
import { parseStatus } from '../appeals/appeal.presenter.ts';
import type { AppealChange } from '../appeals/appeal-actions.ts';
import { lockById, setLanguage } from '../appeals/appeals.repository.ts';
import { applyChange } from '../appeals/change-appeal.ts';
import { systemActor } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import type { AppealRow } from '../db/schema.ts';
import { decideRoute } from '../routing/route-appeal.ts';
import { autoRouteThreshold } from '../routing/starting-route.ts';
import {
  analysisExists,
  appealById,
  bandNeighbours,
  earlierAppealsOf,
  insertAnalysis,
  insertLinks,
} from './assist.repository.ts';
import { intakeRecordSchema } from './intake-reading.ts';
import { type AppealReading, readAppeal } from './read-appeal.ts';

/** What triage decided for one appeal. */
export type TriageDecision = 'auto_routed' | 'officer_complaint' | 'triage_queue' | 'already_handled';

function toSignature(buffer: Buffer): Uint32Array {
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return new Uint32Array(copy.buffer);
}

/** Earlier appeals of the same applicant (keyed hashes of phone, personal number or name + territory). */
async function findRepeats(db: Db, appeal: AppealRow): Promise<number[]> {
  if (!appeal.phone_hash && !appeal.pinfl_hash && !appeal.name_hash) return [];
  return earlierAppealsOf(db, appeal.id, { pinfl: appeal.pinfl_hash, phone: appeal.phone_hash });
}

/** Who sent an appeal, as far as the hashes tell: its phone, else its name, else nobody else's. */
function applicantKey(a: { id: number; phone_hash: Buffer | null; name_hash: Buffer | null }): string {
  return (a.phone_hash ?? a.name_hash)?.toString('hex') ?? `appeal:${a.id}`;
}

/** Near-duplicate texts across scripts: candidates share an LSH band, then the MinHash estimate decides. */
async function findDuplicates(db: Db, appeal: AppealRow, reading: AppealReading) {
  const candidates = await bandNeighbours(db, appeal.id, reading.bands);
  return candidates
    .map((c) => ({
      id: c.appeal_id,
      score: estimateJaccard(reading.minhash, toSignature(c.minhash)),
      applicant: applicantKey({ id: c.appeal_id, phone_hash: c.phone_hash, name_hash: c.name_hash }),
      answered: c.status === 'answered',
    }))
    .filter((c) => c.score >= DEFAULT_LSH.threshold)
    .sort((a, b) => b.score - a.score);
}

/**
 * Reads a newly registered appeal after intake committed: language, category with confidence and the
 * words behind it, urgency, complaint about an officer, near-duplicates, repeats and campaigns. Stores
 * all of it with the model version, then routes the appeal itself when it still waits for triage, is not
 * suspected of concerning an officer (intake decided that, and urgency, before the appeal was written) and
 * the category confidence reaches the threshold: to the unit the routing rules give. Runs as a job and
 * never blocks intake; running twice changes nothing.
 */
export async function triageAppeal(ctx: AppContext, appealId: number): Promise<TriageDecision | undefined> {
  const appeal = await appealById(ctx.db, appealId);
  if (!appeal) return undefined;
  const done = await analysisExists(ctx.db, appealId);
  if (done) return undefined;

  const model = await ctx.models.active();
  const intake = intakeRecordSchema.safeParse(appeal.intake_reading);
  const reading = readAppeal(appeal.text, model.classifier, intake.success ? intake.data : undefined);
  const [duplicates, repeats] = await Promise.all([
    findDuplicates(ctx.db, appeal, reading),
    findRepeats(ctx.db, appeal),
  ]);
  // A duplicate is this appeal received again (docs/domain.md): only the applicant's own copies are. The same
  // text from other people is a mass appeal in the making, linked as `campaign` from the second sender on (the
  // campaigns list shows a group once CAMPAIGN_MIN_APPLICANTS, in appeals/campaigns.ts, have written); before 6 Dec 2026 the first
  // senders were linked as each other's duplicates and counted so on the dashboard. The same text from the
  // same person after an answer is a repeat in law: it keeps only its repeat link.
  const own = applicantKey(appeal);
  const sameMatter = duplicates.filter((d) => !(d.answered && repeats.includes(d.id)) && d.applicant === own);

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
  const threshold = autoRouteThreshold(ref.settings);

  return ctx.db.transaction().execute(async (tx) => {
    const current = await lockById(tx, appealId);
    if (!current) return undefined;
    const status = parseStatus(current.status);

    const top = reading.prediction;
    const topCategory = ref.categories.get(top.label);
    // Urgency and complaints about officers were decided at intake, before the appeal was written; triage
    // only routes what still waits in an appeals unit and nobody suspects of concerning an officer.
    const routable =
      status === 'registered' &&
      current.subject_unit_id === null &&
      top.confidence >= threshold &&
      topCategory?.active === true;
    // Only when the active model changed between intake and triage can it read an officer complaint here;
    // it is then moved out as staff would mark it.
    const change: AppealChange | undefined = !routable
      ? undefined
      : topCategory.officerComplaint
        ? { action: 'mark_officer_complaint', unit: body.code, officer: undefined }
        : {
            action: 'auto_route',
            units: [
              decideRoute(ref.units, ref.rules, {
                categoryCode: top.label,
                territoryCode: current.territory_code,
                categoryService: topCategory.service,
                officerComplaint: false,
              }).unit.code,
            ],
            reading: {
              category: top.label,
              confidence: top.confidence,
              explanation: top.explanation,
              modelVersion: model.version,
            },
          };
    const decision: TriageDecision = change
      ? change.action === 'auto_route'
        ? 'auto_routed'
        : 'officer_complaint'
      : status === 'registered'
        ? 'triage_queue'
        : 'already_handled';

    await insertAnalysis(tx, {
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
    });

    const links = [
      ...sameMatter.slice(0, 50).map((d) => ({ other: d.id, kind: 'duplicate' as const, score: d.score })),
      ...repeats.map((id) => ({ other: id, kind: 'repeat' as const, score: null })),
      ...duplicates
        .filter((d) => d.applicant !== own)
        .slice(0, 200)
        .map((d) => ({ other: d.id, kind: 'campaign' as const, score: d.score })),
    ];
    if (links.length > 0) {
      await insertLinks(
        tx,
        links.map((l) => ({
          appeal_id: appealId,
          other_id: l.other,
          kind: l.kind,
          score: l.score,
          created_at: now,
        })),
      );
    }

    await setLanguage(tx, appealId, reading.language);
    const routed = change
      ? await applyChange({ ctx, tx, appeal: current, actor: { kind: 'system' }, input: change, now })
      : undefined;
    const unit = routed ? ref.units.byId(routed.unitId) : undefined;
    await ctx.audit.append(tx, [
      {
        actor: systemActor,
        action: 'appeal.triage',
        targetType: 'appeal',
        targetId: current.number,
        data: {
          decision,
          modelVersion: model.version,
          unit: unit?.code ?? null,
          confidence: top.confidence,
        },
        at: now,
      },
    ]);
    return decision;
  });
}
