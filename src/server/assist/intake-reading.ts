import { z } from 'zod';
import type { AppContext } from '../context.ts';
import {
  autoRouteThreshold,
  type OfficerComplaintLevel,
  officerComplaintLevel,
} from '../routing/starting-route.ts';
import type { TextReading } from './text-reader.ts';

/** What intake read from an appeal, with the officer-complaint level the starting route needs. */
export interface IntakeReading extends TextReading {
  officerComplaint: OfficerComplaintLevel;
}

/**
 * Reads a new appeal's text with the active category model, before it is written: urgency, canonical
 * Latin, and whether it complains about an officer (chosen category, the rules or the model).
 */
export async function readForIntake(
  ctx: AppContext,
  text: string,
  chosenCategory: string | null,
): Promise<IntakeReading> {
  const ref = ctx.reference();
  const model = await ctx.models.active();
  const officerLabels = new Set(
    [...ref.categories.values()].filter((c) => c.officerComplaint).map((c) => c.code),
  );
  const reading = ctx.textReader.read(text, { classifier: model.classifier, officerLabels });
  const category = chosenCategory ? ref.categories.get(chosenCategory) : undefined;
  const officerComplaint = officerComplaintLevel(
    { category: category?.officerComplaint ?? false, ...reading.officer },
    autoRouteThreshold(ref.settings),
  );
  return { ...reading, officerComplaint };
}

/**
 * What intake keeps of its reading on the appeal (`intake_reading`), so that triage and the card show it
 * without reading the text again.
 */
export const intakeRecordSchema = z.object({
  urgency: z.object({
    score: z.number(),
    urgent: z.boolean(),
    reasons: z.array(z.object({ kind: z.string(), evidence: z.string() })),
  }),
  officer: z.object({
    aboutOfficer: z.boolean(),
    confidence: z.number(),
    kinds: z.array(z.string()),
    mentions: z.object({
      badges: z.array(z.string()),
      names: z.array(z.string()),
      units: z.array(z.string()),
    }),
  }),
  officerModel: z.number(),
  officerComplaint: z.enum(['none', 'suspected', 'confirmed']),
});
export type IntakeRecord = z.infer<typeof intakeRecordSchema>;

/** The record of an intake reading, as stored on the appeal. */
export function intakeRecord(reading: IntakeReading): IntakeRecord {
  return {
    urgency: reading.urgency,
    officer: reading.officerDetail,
    officerModel: reading.officer.model,
    officerComplaint: reading.officerComplaint,
  };
}
