import { z } from 'zod';
import { daySchema } from './days.ts';
import { appealTypes, channels, uiLanguages } from './enums.ts';
import { exportFormats } from './export-words.ts';

/**
 * The leaders' map: appeals per 10,000 residents by region, or by district within one region (`region`), for a
 * period, with the same filters as the hierarchy view. Counts only what the caller's scope sees.
 */
export const territoryMapQuerySchema = z
  .object({
    period: z.enum(['month', 'quarter', 'year', 'custom']).default('month'),
    from: daySchema.optional(),
    to: daySchema.optional(),
    /** A region's code (four digits): its districts instead of the regions. A district's code (7 digits) is
     * a territory code too, answered TERRITORY_NOT_FOUND as not a region, like an unknown one. */
    region: z
      .string()
      .trim()
      .regex(/^\d{4,10}$/)
      .optional(),
    category: z.string().trim().max(60).optional(),
    channel: z.enum(channels).optional(),
    type: z.enum(appealTypes).optional(),
    format: z.enum(exportFormats).optional(),
    lang: z.enum(uiLanguages).optional(),
  })
  .refine((q) => q.period !== 'custom' || (q.from !== undefined && q.to !== undefined && q.from <= q.to), {
    message: 'A custom period needs from ≤ to',
    path: ['from'],
  });
export type TerritoryMapQuery = z.infer<typeof territoryMapQuerySchema>;

const spanSchema = z.object({ from: z.string(), to: z.string() });

export const territoryMapAreaSchema = z.object({
  /** Territory code (SOATO); null for appeals that name only the region, not a district. */
  code: z.string().nullable(),
  name: z.string(),
  received: z.number().int(),
  /** The same days a year earlier. */
  receivedLastYear: z.number().int(),
  population: z.number().int().nullable(),
  /** `region`: the district has no population of its own; the region's is used (and the rate is marked). */
  populationOf: z.enum(['own', 'region']).nullable(),
  per10000: z.number().nullable(),
  /**
   * SVG path data of the territory's outline in `viewBox`; null where none is shipped (ten districts and cities:
   * src/server/reference/README.md) and for the row of appeals that name no district.
   */
  outline: z.string().nullable(),
});
export type TerritoryMapArea = z.infer<typeof territoryMapAreaSchema>;

export const territoryMapSchema = z.object({
  level: z.enum(['region', 'district']),
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  periods: z.object({ current: spanSchema, lastYear: spanSchema }),
  /** The SVG viewBox: the whole country, or the box a region's districts fill, in the same coordinates. */
  viewBox: z.string(),
  areas: z.array(territoryMapAreaSchema),
});
export type TerritoryMap = z.infer<typeof territoryMapSchema>;
