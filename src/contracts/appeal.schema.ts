import { z } from 'zod';
import { normalizeAppealNumber } from './appeal-number.ts';
import { daySchema, instantSchema } from './days.ts';
import {
  answerChannels,
  answerLanguages,
  appealActions,
  appealForms,
  appealStatuses,
  appealTypes,
  channels,
  conclusionReasons,
  outcomes,
  uiLanguages,
} from './enums.ts';
import { exportFormats } from './export-words.ts';
import { limits } from './limits.ts';

// One schema per request and response shape: the server validates with them, the portal and the
// console build their forms from them, and /api/docs is generated from them.

/** Uzbek mobile and landline numbers as +998XXXXXXXXX, from whatever spacing people type. */
export function normalizeUzPhone(input: string): string | null {
  const digits = input.replace(/[\s()\-.]/g, '').replace(/^\+/, '');
  if (/^998\d{9}$/.test(digits)) return `+${digits}`;
  if (/^8\d{9}$/.test(digits)) return `+998${digits.slice(1)}`;
  if (/^\d{9}$/.test(digits)) return `+998${digits}`;
  return null;
}

const trimmed = (max: number, min = 1) => z.string().trim().min(min).max(max);
const optionalTrimmed = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

const phone = z
  .string()
  .trim()
  .max(30)
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const normalized = normalizeUzPhone(v);
    if (!normalized) {
      ctx.addIssue({ code: 'custom', params: { message: 'phone' }, input: v });
      return z.NEVER;
    }
    return normalized;
  });

const email = z
  .string()
  .trim()
  .max(254)
  .optional()
  .transform((v) => (v ? v.toLowerCase() : undefined))
  .pipe(z.email().optional());

const pinfl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v.replace(/\s/g, '') : undefined))
  .refine((v) => v === undefined || /^\d{14}$/.test(v), { params: { message: 'pinfl' } });

export const individualApplicantSchema = z.object({
  kind: z.literal('individual'),
  lastName: trimmed(limits.nameMaxChars),
  firstName: trimmed(limits.nameMaxChars),
  patronymic: optionalTrimmed(limits.nameMaxChars),
  address: trimmed(limits.addressMaxChars, 3),
  phone,
  email,
  pinfl,
});

export const legalEntityApplicantSchema = z.object({
  kind: z.literal('legal_entity'),
  organization: trimmed(limits.organizationMaxChars, 2),
  address: trimmed(limits.addressMaxChars, 3),
  representative: optionalTrimmed(limits.nameMaxChars * 3),
  phone,
  email,
  taxId: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^\d{9}$/.test(v), { params: { message: 'format' } }),
});

export const anonymousApplicantSchema = z.object({ kind: z.literal('anonymous') });

export const applicantSchema = z.discriminatedUnion('kind', [
  individualApplicantSchema,
  legalEntityApplicantSchema,
  anonymousApplicantSchema,
]);
export type ApplicantInput = z.infer<typeof applicantSchema>;

// What people type is read as a number (lower case, spaces, no prefix, a short sequence, Cyrillic ИИВ)
// and kept in its canonical form; what cannot be one names the expected form.
const appealNumber = z
  .string()
  .max(40)
  .transform((typed, ctx) => {
    const number = normalizeAppealNumber(typed);
    if (number === null) {
      ctx.addIssue({ code: 'custom', params: { message: 'appealNumber' }, input: typed });
      return z.NEVER;
    }
    return number;
  });
/** An appeal number in a staff path, as typed (the handler looks it up in its canonical form). */
export const appealNumberParams = z.object({ number: z.string().trim().toUpperCase().min(1).max(40) });

// Cyrillic letters that look like the Latin ones of an access code, as typed on a Cyrillic keyboard.
const codeLookAlikes: Record<string, string> = {
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
};
const accessCode = z
  .string()
  .trim()
  .max(20)
  .transform((v) =>
    v
      .toUpperCase()
      .replace(/[\s-]/g, '')
      .replace(/./gu, (ch) => codeLookAlikes[ch] ?? ch),
  )
  .refine((v) => /^[0-9A-Z]{8}$/.test(v), { params: { message: 'accessCode' } });

export const appealInputSchema = z.object({
  type: z.enum(appealTypes),
  applicant: applicantSchema,
  text: z.string().trim().min(limits.textMinChars).max(limits.textMaxChars),
  territory: optionalTrimmed(20),
  category: optionalTrimmed(60),
  // Where it happened: in words a person can give (street, house, mahalla, landmark), and/or the
  // coordinates a phone adds; coordinates come as a pair.
  location: z
    .object({
      place: optionalTrimmed(limits.placeMaxChars),
      lat: z.coerce.number().min(-90).max(90).optional(),
      lon: z.coerce.number().min(-180).max(180).optional(),
    })
    .refine((l) => (l.lat === undefined) === (l.lon === undefined), {
      params: { message: 'coordinates' },
      path: ['lat'],
    })
    .optional(),
  collective: z.object({ signatories: z.coerce.number().int().min(2).max(limits.signatoriesMax) }).optional(),
  answerLanguage: z.enum(answerLanguages).optional(),
  answerChannel: z.enum(answerChannels).optional(),
  relatedTo: z.object({ number: appealNumber, accessCode, kind: z.enum(['repeat', 'complaint']) }).optional(),
  consent: z.literal(true, { error: 'consent' }),
  // Set by staff and channel adapters only; the public API answers `staffOnly` for anything but web.
  channel: z.enum(channels).optional(),
  form: z.enum(appealForms).optional(),
  receivedAt: instantSchema.optional(),
});
export type AppealInput = z.infer<typeof appealInputSchema>;

export const registeredAppealSchema = z.object({
  number: z.string(),
  accessCode: z.string(),
  status: z.enum(appealStatuses),
  receivedAt: z.string(),
  dueAt: z.string(),
});
export type RegisteredAppeal = z.infer<typeof registeredAppealSchema>;

export const trackInputSchema = z.object({ number: appealNumber, accessCode });

/** The number and check code printed on an answer letter, to verify it (case, spaces and dashes forgiven). */
export const verifyInputSchema = z.object({
  number: appealNumber,
  code: z
    .string()
    .max(20)
    .transform((v) => v.toUpperCase().replace(/[\s\-‐–—]/g, ''))
    .refine((v) => /^[2-9A-HJ-NP-Z]{10}$/.test(v), { params: { message: 'letterCode' } }),
});
export type TrackInput = z.infer<typeof trackInputSchema>;

export const rateInputSchema = trackInputSchema.extend({
  // A rating is chosen from five, never typed: any wrong value asks for a choice.
  rating: z.coerce
    .number({ error: 'rating' })
    .int({ error: 'rating' })
    .min(1, { error: 'rating' })
    .max(5, { error: 'rating' }),
  comment: optionalTrimmed(limits.commentMaxChars),
});

export const publicEventSchema = z.object({
  at: z.string(),
  event: z.string(),
  status: z.enum(appealStatuses).nullable(),
  unit: z.object({ code: z.string(), name: z.string() }).nullable(),
});

export const trackedAppealSchema = z.object({
  number: z.string(),
  type: z.enum(appealTypes),
  status: z.enum(appealStatuses),
  receivedAt: z.string(),
  dueAt: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  history: z.array(publicEventSchema),
  answer: z
    .object({
      outcome: z.enum(outcomes).nullable(),
      kind: z.enum(['answer', 'conclusion']),
      body: z.string(),
      answeredAt: z.string(),
      unit: z.object({ code: z.string(), name: z.string() }).nullable(),
      /** Files sent with the answer; the applicant downloads them with the number and access code. */
      files: z.array(z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number() })),
    })
    .nullable(),
  forwardedTo: z.string().nullable(),
  rating: z.object({ value: z.number(), comment: z.string().nullable() }).nullable(),
  canRate: z.boolean(),
  canComplain: z.boolean(),
});
export type TrackedAppeal = z.infer<typeof trackedAppealSchema>;

const reason = z.string().trim().min(3).max(limits.commentMaxChars);
const unitCode = z.string().trim().min(2).max(40);

export const transitionInputSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('route'),
    units: z.array(unitCode).min(1).max(10),
    reason: optionalTrimmed(limits.commentMaxChars),
  }),
  z.object({ action: z.literal('assign_executor'), executor: z.string().trim().min(1).max(60) }),
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('request_info'), reason, from: optionalTrimmed(300) }),
  z.object({ action: z.literal('info_received'), note: optionalTrimmed(limits.commentMaxChars) }),
  z.object({ action: z.literal('record_extra_study'), reason }),
  z.object({ action: z.literal('request_extension'), reason }),
  z.object({
    action: z.literal('extend'),
    reason,
    until: daySchema.optional(),
  }),
  z.object({
    action: z.literal('draft_answer'),
    body: z.string().trim().min(10).max(limits.answerMaxChars),
    outcome: z.enum(outcomes),
  }),
  z.object({ action: z.literal('return_answer'), comment: reason }),
  z.object({ action: z.literal('approve_answer') }),
  z.object({ action: z.literal('forward'), to: trimmed(300, 2), reason }),
  z.object({
    action: z.literal('draft_conclusion'),
    reason: z.enum(conclusionReasons),
    body: z.string().trim().min(10).max(limits.answerMaxChars),
  }),
  z.object({ action: z.literal('return_conclusion'), comment: reason }),
  z.object({ action: z.literal('approve_conclusion') }),
  z.object({ action: z.literal('withdraw'), reason }),
  z.object({
    action: z.literal('merge'),
    into: appealNumber,
    reason: optionalTrimmed(limits.commentMaxChars),
  }),
  // This appeal is answered with the group led by `into`: the lead's approved answer answers it too.
  z.object({
    action: z.literal('join_group'),
    into: appealNumber,
    reason: optionalTrimmed(limits.commentMaxChars),
  }),
  z.object({ action: z.literal('leave_group'), reason }),
  z.object({ action: z.literal('set_category'), category: trimmed(60) }),
  z.object({
    action: z.literal('mark_officer_complaint'),
    unit: unitCode,
    officer: optionalTrimmed(60),
  }),
  z.object({ action: z.literal('clear_officer_complaint'), reason }),
  z.object({ action: z.literal('mark_urgent'), urgent: z.boolean(), reason: optionalTrimmed(500) }),
]);
export type TransitionInput = z.infer<typeof transitionInputSchema>;
export const transitionActions = appealActions;

/** The staff queues: my tasks, my unit's inbox, triage, awaiting approval, due in ≤ 3 days, overdue, urgent. */
export const queueNames = ['mine', 'inbox', 'triage', 'approval', 'due_soon', 'overdue', 'urgent'] as const;
export type QueueName = (typeof queueNames)[number];

const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(50));

export const appealListQuerySchema = z.object({
  status: csv(z.enum(appealStatuses)).optional(),
  type: csv(z.enum(appealTypes)).optional(),
  unit: z.string().trim().max(40).optional(),
  /** Appeals whose owner (lead) unit is this unit or lies below it: the hierarchy view's drill-down. */
  owner: z.string().trim().max(40).optional(),
  outcome: csv(z.enum(outcomes)).optional(),
  category: csv(z.string().max(60)).optional(),
  territory: z.string().trim().max(20).optional(),
  channel: csv(z.enum(channels)).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  urgent: z.enum(['true', 'false']).optional(),
  dueBefore: daySchema.optional(),
  receivedFrom: daySchema.optional(),
  receivedTo: daySchema.optional(),
  /** Appeals whose executor has this login: the workload view's drill-down. */
  executor: z.string().trim().max(60).optional(),
  /** Closed (answered, forwarded, not considered) on or after / before this Tashkent day. */
  closedFrom: daySchema.optional(),
  closedTo: daySchema.optional(),
  q: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(30).optional(),
  repeat: z.enum(['true', 'false']).optional(),
  queue: z.enum(queueNames).optional(),
  sort: z.enum(['received_desc', 'received_asc', 'due_asc', 'due_desc']).default('received_desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSizeMax).default(50),
});
export type AppealListQuery = z.infer<typeof appealListQuerySchema>;

/**
 * The queue's query with `format` for a download of every matching row (not one page) as CSV or XLSX;
 * `personal=true` adds the applicant's name and phone, for roles that may see them, and is audited.
 */
export const appealExportQuerySchema = appealListQuerySchema.extend({
  format: z.enum(exportFormats).optional(),
  personal: z.enum(['true', 'false']).optional(),
  /** The file's words in this language (a download link cannot set Accept-Language). */
  lang: z.enum(uiLanguages).optional(),
});
