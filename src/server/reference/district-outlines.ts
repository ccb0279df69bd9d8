import { z } from 'zod';
import outlinesFile from './data/district-outlines.json' with { type: 'json' };

// Districts and cities as SVG paths for the leaders' map, in the coordinates of region-outlines.ts (sources,
// matching and gaps: data/district-outlines.json's meta, reference/README.md; made by
// scripts/district-outlines.ts). Ten territories have none and stay rows of the map's table.

const box = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const outlinesSchema = z.object({
  meta: z.object({ attribution: z.string() }),
  regions: z.array(z.object({ code: z.string().regex(/^\d{4}$/), viewBox: box })),
  outlines: z.array(
    z.object({
      code: z.string().regex(/^\d{7}$/),
      source: z.string(),
      d: z.string().regex(/^[Mlz0-9 .-]+$/),
    }),
  ),
});

const parsed = outlinesSchema.parse(outlinesFile);

/** District or city code → SVG path data, drawn in its region's `districtViewBoxes` box. */
export const districtOutlines: ReadonlyMap<string, string> = new Map(
  parsed.outlines.map((o) => [o.code, o.d]),
);

/** Region code → the SVG viewBox its districts' outlines fill. */
export const districtViewBoxes: ReadonlyMap<string, string> = new Map(
  parsed.regions.map((r) => [r.code, r.viewBox.join(' ')]),
);

/** The credit the district outlines' licence asks for. */
export const districtOutlinesAttribution: string = parsed.meta.attribution;
