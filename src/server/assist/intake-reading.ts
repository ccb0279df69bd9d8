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
