import { z } from 'zod';
import { daySpanSchema, hierarchyPeriods, hierarchyUnitRefSchema } from './analytics.schema.ts';
import { daySchema } from './days.ts';
import { uiLanguages } from './enums.ts';
import { exportFormats } from './export-words.ts';

/** The workload view's question: a unit in scope (default: the caller's), a period, and a file format. */
export const workloadQuerySchema = z
  .object({
    unit: z.string().trim().max(40).optional(),
    period: z.enum(hierarchyPeriods).default('month'),
    from: daySchema.optional(),
    to: daySchema.optional(),
    /** Rows with the most open (or overdue) appeals first: the screen's order, and the file's. */
    sort: z.enum(['open', 'overdue']).default('open'),
    /** The rows on screen as a file instead of JSON. */
    format: z.enum(exportFormats).optional(),
    /** The file's words in this language (a download link cannot set Accept-Language). */
    lang: z.enum(uiLanguages).optional(),
  })
  .refine((q) => q.period !== 'custom' || (q.from !== undefined && q.to !== undefined && q.from <= q.to), {
    message: 'A custom period needs from ≤ to',
    path: ['from'],
  });
export type WorkloadQuery = z.infer<typeof workloadQuerySchema>;

/** One row's work and its quality; see docs/analytics.md, "Workload and quality", for each definition. */
export const workloadFiguresSchema = z.object({
  /** Open now (not final), whenever received. */
  open: z.number().int(),
  /** Of those open, past their due day today. */
  overdue: z.number().int(),
  /** Answered (status answered) with the answer approved in the period. */
  answered: z.number().int(),
  /** Of those answered, on or before their due day. */
  onTime: z.number().int(),
  onTimeShare: z.number().nullable(),
  medianDaysToAnswer: z.number().nullable(),
  /** Draft answers a head sent back for rework in the period. */
  returned: z.number().int(),
  /** Complaints received in the period about an answer of the row's appeals, and how many were upheld. */
  complaints: z.number().int(),
  complaintsUpheld: z.number().int(),
});
export type WorkloadFigures = z.infer<typeof workloadFiguresSchema>;

/** One executor's row; `login` and `name` are null for callers who see aggregates only (analysts). */
export const workloadExecutorSchema = z.object({
  login: z.string().nullable(),
  name: z.string().nullable(),
  /** Their account belongs to this unit (false: someone from another unit who executed its appeals). */
  unitExecutor: z.boolean(),
  figures: workloadFiguresSchema,
});
export type WorkloadExecutor = z.infer<typeof workloadExecutorSchema>;

/** A child unit with its whole subtree: the figures, and its executors' accounts for the load per head. */
export const workloadUnitSchema = hierarchyUnitRefSchema.extend({
  hasChildren: z.boolean(),
  /** Active executor accounts in the subtree. */
  executors: z.number().int(),
  /** open ÷ executors; null without executors. */
  openPerExecutor: z.number().nullable(),
  figures: workloadFiguresSchema,
});
export type WorkloadUnit = z.infer<typeof workloadUnitSchema>;

export const workloadSchema = z.object({
  unit: hierarchyUnitRefSchema,
  /** From the highest unit the caller may see down to the unit's parent (the breadcrumb). */
  path: z.array(hierarchyUnitRefSchema),
  period: daySpanSchema,
  today: z.string(),
  /** Whether executors are named (heads, internal security, administrators) or anonymous (analysts). */
  named: z.boolean(),
  /** The unit with its whole subtree. */
  total: workloadUnitSchema.omit({ hasChildren: true }),
  /** The unit's executors, in the order asked for (`sort`). */
  executors: z.array(workloadExecutorSchema),
  /** The child units, each with its subtree. */
  children: z.array(workloadUnitSchema),
});
export type Workload = z.infer<typeof workloadSchema>;
