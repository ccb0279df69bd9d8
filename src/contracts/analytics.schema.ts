import { z } from 'zod';
import { uiLanguages } from './enums.ts';
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
