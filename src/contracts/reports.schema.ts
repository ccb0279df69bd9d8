import { z } from 'zod';
import { monthSchema } from './days.ts';
import { uiLanguages } from './enums.ts';

/** A calendar month, `YYYY-MM`. */
export const reportMonthSchema = monthSchema;

/** An administrator's new monthly report: the unit, a name, who receives it, the files' language. */
export const reportScheduleInputSchema = z.object({
  /** The unit's code. */
  unit: z.string().trim().min(1).max(40),
  name: z.string().trim().min(1).max(200),
  /** Staff user ids; each must be allowed analytics and hold the unit in their scope. */
  recipients: z.array(z.number().int().positive()).min(1).max(50),
  language: z.enum(uiLanguages),
});
export type ReportScheduleInput = z.infer<typeof reportScheduleInputSchema>;

export const reportRecipientSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  fullName: z.string(),
});

/** A schedule as administrators list it. */
export const reportScheduleSchema = z.object({
  id: z.number().int(),
  unit: z.object({ code: z.string(), name: z.string() }),
  name: z.string(),
  language: z.enum(uiLanguages),
  recipients: z.array(reportRecipientSchema),
  createdAt: z.string(),
  /** The month last written (`YYYY-MM`), and when. */
  lastRunMonth: z.string().nullable(),
  lastRunAt: z.string().nullable(),
});
export type ReportSchedule = z.infer<typeof reportScheduleSchema>;

export const reportScheduleIdParams = z.object({ id: z.coerce.number().int().positive() });

/** Which month to write now; the month before the current one by default. */
export const reportRunQuerySchema = z.object({ month: reportMonthSchema.optional() });

/** What one run wrote: reports written now, those already there, recipients skipped (and why). */
export const reportRunSchema = z.object({
  month: z.string(),
  generated: z.number().int(),
  existing: z.number().int(),
  skipped: z.array(
    z.object({ userId: z.number().int(), reason: z.enum(['out_of_scope', 'role', 'inactive']) }),
  ),
});
export type ReportRun = z.infer<typeof reportRunSchema>;

/** One of my reports, as the console lists it. */
export const myReportSchema = z.object({
  id: z.number().int(),
  scheduleName: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  month: z.string(),
  generatedAt: z.string(),
  email: z.enum(['none', 'queued', 'retrying', 'sent', 'failed', 'dropped']),
});
export type MyReport = z.infer<typeof myReportSchema>;

export const reportFileParams = z.object({
  id: z.coerce.number().int().positive(),
  format: z.enum(['pdf', 'xlsx']),
});
