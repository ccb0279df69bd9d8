import { z } from 'zod';
import { appealTypes } from './enums.ts';

/**
 * The outcomes a retention term is set for: the answer's outcome for an answered appeal, otherwise how the
 * appeal ended (forwarded by competence, not considered, withdrawn, merged into another).
 */
export const retentionOutcomes = [
  'satisfied',
  'explained',
  'rejected',
  'forwarded',
  'not_considered',
  'withdrawn',
  'merged',
] as const;
export type RetentionOutcome = (typeof retentionOutcomes)[number];

/** Terms are whole years after the final answer; 75 years is the longest archival term in use. */
export const retentionYears = z.number().int().min(1).max(75);

/** The years after the final answer after which personal data of one type × outcome are anonymised. */
export const retentionTermSchema = z.object({
  type: z.enum(appealTypes),
  outcome: z.enum(retentionOutcomes),
  years: retentionYears,
});
export type RetentionTerm = z.infer<typeof retentionTermSchema>;

/** What an administrator sets: a default term and terms for chosen type × outcome pairs. */
export const retentionSettingsSchema = z.object({
  defaultYears: retentionYears,
  terms: z.array(retentionTermSchema).max(appealTypes.length * retentionOutcomes.length),
});
export type RetentionSettings = z.infer<typeof retentionSettingsSchema>;

/** The settings as in force, with when and by whom they were last changed (null: the shipped default). */
export const retentionViewSchema = retentionSettingsSchema.extend({
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type RetentionView = z.infer<typeof retentionViewSchema>;

/** How many appeals a run anonymised (or, in a dry run, would anonymise), per type, and how many holds kept. */
export const retentionRunSchema = z.object({
  dryRun: z.boolean(),
  anonymised: z.number(),
  byType: z.record(z.enum(appealTypes), z.number()),
  skippedForHold: z.number(),
  filesDeleted: z.number(),
});
export type RetentionRun = z.infer<typeof retentionRunSchema>;

/** A legal hold: an appeal that must not be anonymised (a court case, an inspection). */
export const holdInputSchema = z.object({ reason: z.string().trim().min(1).max(500) });

/** What the appeal card shows about retention. */
export const appealRetentionSchema = z.object({
  hold: z
    .object({
      reason: z.string(),
      at: z.string(),
      by: z.object({ login: z.string().nullable(), name: z.string().nullable() }),
    })
    .nullable(),
  anonymisedAt: z.string().nullable(),
  /** The user may put the appeal on hold or lift the hold. */
  canHold: z.boolean(),
});
export type AppealRetention = z.infer<typeof appealRetentionSchema>;
