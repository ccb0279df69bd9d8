import { z } from 'zod';
import outlinesFile from './data/region-outlines.json' with { type: 'json' };

// The 14 top-level territories as SVG paths, for the open statistics' map (sources: data/region-outlines.json
// and reference/README.md). Projected once when the file was prepared, so drawing the map is string joining.

const outlinesSchema = z.object({
  meta: z.object({ viewBox: z.tuple([z.number(), z.number(), z.number(), z.number()]) }),
  outlines: z.array(z.object({ code: z.string().regex(/^\d{4}$/), d: z.string().regex(/^[Mlz0-9 -]+$/) })),
});

const parsed = outlinesSchema.parse(outlinesFile);

/** The map's SVG viewBox. */
export const outlineViewBox: string = parsed.meta.viewBox.join(' ');

/** Region code → SVG path data; Tashkent city last, so it is drawn over the region around it. */
export const regionOutlines: ReadonlyMap<string, string> = new Map(
  parsed.outlines
    .toSorted((a, b) => Number(a.code === '1726') - Number(b.code === '1726'))
    .map((o) => [o.code, o.d]),
);
