import { z } from 'zod';
import { roles } from './enums.ts';

// Administration: staff accounts, the unit tree, territories, categories, routing rules, the holiday
// calendar, language-model versions and the audit trail. Every request and answer of /api/v1/admin.

const names = z.object({
  uz: z.string().trim().min(1).max(300),
  oz: z.string().trim().min(1).max(300),
  ru: z.string().trim().min(1).max(300),
  en: z.string().trim().min(1).max(300),
});
const code = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/);
const optionalCode = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => v || null);

/** A staff account as administrators see it. */
export const adminUserSchema = z.object({
  id: z.number(),
  login: z.string(),
  fullName: z.string(),
  role: z.enum(roles),
  unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  scopeSubtree: z.boolean(),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Until when sign-ins as this login from browsers it never signed in on are held back for guessing. */
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

/** Creating an account (POST /api/v1/users); the answer carries a one-time password. */
export const userCreateInputSchema = z.object({
  login: z
    .string()
    .trim()
    .min(3)
    .max(60)
    .regex(/^[A-Za-z0-9._-]+$/),
  role: z.enum(roles),
  unit: z.string().trim().min(2).max(40),
  fullName: z.string().trim().max(200).optional(),
  scopeSubtree: z.boolean().optional(),
});

/** A one-time password to hand to the person, shown once. */
export const oneTimePasswordSchema = z.object({ login: z.string(), oneTimePassword: z.string() });

/** Changing an account: any subset of its fields. Deactivation ends every session at once. */
export const userUpdateInputSchema = z.object({
  fullName: z.string().trim().max(200).optional(),
  role: z.enum(roles).optional(),
  unit: z.string().trim().min(2).max(40).optional(),
  scopeSubtree: z.boolean().optional(),
  active: z.boolean().optional(),
});

const requisites = z.object({
  address: z.string().trim().max(300).default(''),
  phone: z.string().trim().max(100).default(''),
  email: z.string().trim().max(200).default(''),
  website: z.string().trim().max(200).default(''),
});

/** A person the ministry's OpenID Connect provider vouched for, and the staff account they sign in as. */
export const staffIdentitySchema = z.object({
  id: z.number().int(),
  issuer: z.string(),
  subject: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** The matched account's login; null while the identity waits for an administrator. */
  login: z.string().nullable(),
  linkedAt: z.string().nullable(),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
});
export type StaffIdentity = z.infer<typeof staffIdentitySchema>;

/** Matches an identity to an existing staff account, by its login. */
export const identityLinkInputSchema = z.object({ login: z.string().trim().min(1).max(60) });

/** A unit with its letterhead requisites. */
export const adminUnitSchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  level: z.enum(['ministry', 'directorate', 'department', 'service']),
  service: z.string().nullable(),
  territoryCode: z.string().nullable(),
  names,
  active: z.boolean(),
  requisites: requisites.nullable(),
});
export type AdminUnit = z.infer<typeof adminUnitSchema>;

/** A new unit under an existing one. */
export const unitCreateInputSchema = z.object({
  code: code(40),
  parent: z.string().trim().min(2).max(40),
  level: z.enum(['directorate', 'department', 'service']),
  service: optionalCode(40),
  territory: optionalCode(20),
  names,
});

/** Renaming, (de)activating a unit or setting its requisites. */
export const unitUpdateInputSchema = z.object({
  names: names.optional(),
  active: z.boolean().optional(),
  requisites: requisites.optional(),
});

/** A territory (region, district, city). */
export const adminTerritorySchema = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  kind: z.enum(['country', 'region', 'district', 'city', 'city_district']),
  names,
  population: z.number().nullable(),
  active: z.boolean(),
});

/** A new territory. */
export const territoryCreateInputSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{4,10}$/),
  parent: optionalCode(20),
  kind: z.enum(['region', 'district', 'city', 'city_district']),
  names,
  population: z.number().int().min(0).nullable().optional(),
});

/** Renaming or (de)activating a territory. */
export const territoryUpdateInputSchema = z.object({
  names: names.optional(),
  active: z.boolean().optional(),
  population: z.number().int().min(0).nullable().optional(),
});

/** A category of the taxonomy. */
export const adminCategorySchema = z.object({
  code: z.string(),
  service: z.string(),
  officerComplaint: z.boolean(),
  names,
  descriptions: z.object({ uz: z.string(), oz: z.string(), ru: z.string(), en: z.string() }),
  sort: z.number(),
  active: z.boolean(),
});

const descriptions = z.object({
  uz: z.string().trim().max(1000),
  oz: z.string().trim().max(1000),
  ru: z.string().trim().max(1000),
  en: z.string().trim().max(1000),
});

/** A new category. */
export const categoryCreateInputSchema = z.object({
  code: code(60),
  service: code(40),
  officerComplaint: z.boolean().default(false),
  names,
  descriptions: descriptions.optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
});

/** Changing a category. */
export const categoryUpdateInputSchema = z.object({
  service: code(40).optional(),
  officerComplaint: z.boolean().optional(),
  names: names.optional(),
  descriptions: descriptions.optional(),
  sort: z.number().int().min(0).max(10_000).optional(),
  active: z.boolean().optional(),
});

/** A routing rule: category × territory → a unit, or a service of the territory's body. */
export const routingRuleSchema = z.object({
  id: z.number(),
  category: z.string().nullable(),
  territory: z.string().nullable(),
  unit: z.string().nullable(),
  service: z.string().nullable(),
  priority: z.number(),
  active: z.boolean(),
  note: z.string(),
});
export type RoutingRuleView = z.infer<typeof routingRuleSchema>;

/** Creating or replacing a routing rule; it needs a unit or a service. */
export const routingRuleInputSchema = z
  .object({
    category: optionalCode(60),
    territory: optionalCode(20),
    unit: optionalCode(40),
    service: optionalCode(40),
    priority: z.number().int().min(-1000).max(1000).default(0),
    active: z.boolean().default(true),
    note: z.string().trim().max(500).default(''),
  })
  .refine((rule) => rule.unit !== null || rule.service !== null, {
    path: ['unit'],
    params: { message: 'required' },
  });
export type RoutingRuleInput = z.infer<typeof routingRuleInputSchema>;

/** "Test this rule": the facts of an imagined appeal, and optionally a rule not saved yet. */
export const routingTestInputSchema = z.object({
  category: optionalCode(60),
  territory: optionalCode(20),
  rule: routingRuleInputSchema.optional(),
  /** The saved rule the one under test would replace. */
  replaces: z.number().int().positive().optional(),
});

/** Where such an appeal would go, and why. */
export const routingTestResultSchema = z.object({
  unit: z.object({ code: z.string(), name: z.string() }),
  basis: z.enum(['rule', 'category_default', 'territory_default', 'officer_complaint']),
  ruleId: z.number().nullable(),
  /** True when the rule under test is the one that decided. */
  decidedByTestedRule: z.boolean(),
});

export const calendarDayKinds = [
  'public_holiday',
  'observed_day_off',
  'additional_day_off',
  'transferred_day_off',
  'working_day',
] as const;

/** A day of the holiday calendar. */
export const calendarDaySchema = z.object({
  day: z.string(),
  kind: z.enum(calendarDayKinds),
  names: z.object({ uz: z.string(), oz: z.string(), ru: z.string(), en: z.string() }),
  estimated: z.boolean(),
  source: z.string(),
});

/** Adding or changing a day of the calendar. */
export const calendarDayInputSchema = z.object({
  kind: z.enum(calendarDayKinds),
  names: z
    .object({
      uz: z.string().trim().max(200),
      oz: z.string().trim().max(200),
      ru: z.string().trim().max(200),
      en: z.string().trim().max(200),
    })
    .default({ uz: '', oz: '', ru: '', en: '' }),
  estimated: z.boolean().default(false),
  source: z.string().trim().max(300).default(''),
});

/** Which weekdays are off (ISO: 1 Monday … 7 Sunday). */
export const weekendSchema = z.array(z.number().int().min(1).max(7)).max(6);

/** A language-model version the language layer trained, with its held-out evaluation (GET /api/v1/nlp/models). */
export const languageModelSchema = z.object({
  version: z.string(),
  labelSet: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  examples: z.number(),
  evaluation: z
    .object({ n: z.number().optional(), accuracy: z.number().optional(), macroF1: z.number().optional() })
    .nullable(),
  active: z.boolean(),
});

/** The triage setting administrators tune: the confidence above which appeals route themselves. */
export const nlpSettingsSchema = z.object({ autoRouteThreshold: z.number() });

/** One entry of the audit trail. */
export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  /** The login, or `system`, `applicant`, `anonymous`, `seed` for entries no staff member made. */
  actor: z.string(),
  /** The full name of the staff member who acted, when one did. */
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  /** A staff account the entry is about, as "Full Name (login)". */
  targetName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

/** The result of walking the audit chain. */
export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  problems: z.array(z.object({ id: z.number(), problem: z.string() })),
});
