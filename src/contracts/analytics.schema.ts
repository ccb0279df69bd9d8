import { z } from 'zod';
import { daySchema } from './days.ts';
import { appealTypes, channels, uiLanguages } from './enums.ts';
import { exportFormats } from './export-words.ts';

/** A surge of appeals in one territory × category over one window, as heads and analysts see it. */
export const surgeAlertSchema = z.object({
  id: z.number().int(),
  /** Territory code (soato). */
  territory: z.string(),
  category: z.string(),
  /** The window the appeals were received in: [from, to). */
  from: z.string(),
  to: z.string(),
  observed: z.number().int(),
  /** The count the seasonal baseline expected for the window. */
  expected: z.number(),
  /** The numbers of the appeals behind the alert that the caller may see. */
  appeals: z.array(z.string()),
  /** Words at least half of those appeals share. */
  sharedWords: z.array(z.string()),
  /** Most of the appeals are near copies of one text: a mass campaign. */
  campaign: z.boolean(),
  status: z.enum(['open', 'acknowledged']),
});
export type SurgeAlert = z.infer<typeof surgeAlertSchema>;

export const surgeAlertListSchema = z.object({ items: z.array(surgeAlertSchema) });

/** The alerts list as a file (`format=csv|xlsx`) in the console's language, or as JSON without `format`. */
export const surgeAlertListQuerySchema = z.object({
  format: z.enum(exportFormats).optional(),
  lang: z.enum(uiLanguages).optional(),
});

export const surgeAlertIdParams = z.object({ id: z.coerce.number().int().positive() });

export const acknowledgeAlertSchema = z.object({ note: z.string().trim().min(1).max(2000) });

export const hierarchyPeriods = ['month', 'quarter', 'year', 'custom'] as const;

/** The hierarchy view's question: a unit in scope, a period, and the optional filters. */
export const hierarchyQuerySchema = z
  .object({
    unit: z.string().trim().max(40).optional(),
    period: z.enum(hierarchyPeriods).default('month'),
    from: daySchema.optional(),
    to: daySchema.optional(),
    category: z.string().trim().max(60).optional(),
    channel: z.enum(channels).optional(),
    type: z.enum(appealTypes).optional(),
    /** The rows on screen as a file instead of JSON. */
    format: z.enum(exportFormats).optional(),
    /** The file's words in this language (a download link cannot set Accept-Language). */
    lang: z.enum(uiLanguages).optional(),
  })
  .refine((q) => q.period !== 'custom' || (q.from !== undefined && q.to !== undefined && q.from <= q.to), {
    message: 'A custom period needs from ≤ to',
    path: ['from'],
  });
export type HierarchyQuery = z.infer<typeof hierarchyQuerySchema>;

/** A span of Tashkent days, both ends included. */
export const daySpanSchema = z.object({ from: z.string(), to: z.string() });

/** Every figure of one unit (with its subtree) over one period; see docs/analytics.md for each definition. */
export const hierarchyFiguresSchema = z.object({
  received: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  /** Answered on the merits (satisfied, explained, rejected). */
  resolved: z.number().int(),
  /** Forwarded to another body or left without consideration. */
  redirected: z.number().int(),
  /** resolved / (resolved + redirected); null when neither happened. */
  resolvedShare: z.number().nullable(),
  outcomes: z.object({
    satisfied: z.number().int(),
    explained: z.number().int(),
    rejected: z.number().int(),
    forwarded: z.number().int(),
    notConsidered: z.number().int(),
  }),
  closed: z.number().int(),
  onTime: z.number().int(),
  /** onTime / closed; null when nothing is closed. */
  onTimeShare: z.number().nullable(),
  repeats: z.number().int(),
  repeatShare: z.number().nullable(),
  rated: z.number().int(),
  averageRating: z.number().nullable(),
  medianDaysToAnswer: z.number().nullable(),
  extensions: z.number().int(),
  complaints: z.number().int(),
  complaintsUpheld: z.number().int(),
});
export type HierarchyFigures = z.infer<typeof hierarchyFiguresSchema>;

/** One figure set for the period, the period before and the same period a year earlier. */
export const comparedFiguresSchema = z.object({
  current: hierarchyFiguresSchema,
  previous: hierarchyFiguresSchema,
  lastYear: hierarchyFiguresSchema,
});

export const hierarchyUnitRefSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['ministry', 'directorate', 'department', 'service']),
});

export const hierarchySchema = z.object({
  unit: hierarchyUnitRefSchema,
  /** From the highest unit the caller may see down to the unit's parent. */
  path: z.array(hierarchyUnitRefSchema),
  periods: z.object({ current: daySpanSchema, previous: daySpanSchema, lastYear: daySpanSchema }),
  total: comparedFiguresSchema,
  /** Appeals the unit itself owns, outside every child's subtree. */
  own: comparedFiguresSchema,
  children: z.array(
    hierarchyUnitRefSchema.extend({ hasChildren: z.boolean(), figures: comparedFiguresSchema }),
  ),
});
export type Hierarchy = z.infer<typeof hierarchySchema>;
