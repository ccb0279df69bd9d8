import { z } from 'zod';
import { queueNames } from './appeal.schema.ts';
import {
  appealActions,
  appealForms,
  appealStatuses,
  appealTypes,
  applicantKinds,
  outcomes,
  roles,
  uiLanguages,
} from './enums.ts';
import { exportFormats } from './export-words.ts';
import { appealRetentionSchema } from './retention.schema.ts';

// The shapes the staff console reads: the session, the queues and their counts, the appeal card and
// what hangs off it (attachments, similar answers, assignees), live notices and the head's dashboard.

const names = z.object({ uz: z.string(), oz: z.string(), ru: z.string(), en: z.string() });
/** A unit, territory or category named in the reader's language. */
export const namedRefSchema = z.object({ code: z.string(), name: z.string() });

/** The signed-in staff member, as /api/v1/auth/login and /api/v1/auth/me answer. */
export const sessionSchema = z.object({
  user: z.object({
    id: z.number(),
    login: z.string(),
    fullName: z.string(),
    role: z.enum(roles),
    unit: z.object({ code: z.string(), names }).nullable(),
    scopeSubtree: z.boolean(),
    language: z.string(),
  }),
  csrfToken: z.string(),
  mustChangePassword: z.boolean(),
  totpSetupRequired: z.boolean(),
});
export type SessionView = z.infer<typeof sessionSchema>;

/** TOTP enrolment: the secret to type and the otpauth:// URL the QR code carries. */
export const totpSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });

/** Public reference data (territories, categories) for forms and filters. */
export const referenceSchema = z.object({
  territories: z.array(
    z.object({ code: z.string(), parentCode: z.string().nullable(), kind: z.string(), names }),
  ),
  categories: z.array(z.object({ code: z.string(), names, officerComplaint: z.boolean() })),
});
export type ReferenceView = z.infer<typeof referenceSchema>;

/** The active unit tree, for pickers. */
export const unitListSchema = z.array(
  z.object({
    code: z.string(),
    parentCode: z.string().nullable(),
    level: z.string(),
    service: z.string().nullable(),
    territoryCode: z.string().nullable(),
    names,
  }),
);
export type UnitListView = z.infer<typeof unitListSchema>;

/** One row of a queue. */
export const appealListItemSchema = z.object({
  number: z.string(),
  type: z.enum(appealTypes),
  status: z.enum(appealStatuses),
  channel: z.string(),
  category: z.string().nullable(),
  territory: z.string().nullable(),
  receivedAt: z.string(),
  dueOn: z.string(),
  dueAt: z.string(),
  daysLeft: z.number().nullable(),
  overdue: z.boolean(),
  urgent: z.boolean(),
  aboutOfficer: z.boolean(),
  unit: namedRefSchema.nullable(),
  executorId: z.number().nullable(),
  linkKind: z.string().nullable(),
  /** How many appeals the reader sees in this one's duplicate group, itself included; null outside one. */
  duplicateGroup: z.number().int().nullable(),
  /** A repeat: marked so by the applicant or found by triage, and not a duplicate (shown as one). */
  repeat: z.boolean(),
  /** How many open appeals this one's answer will answer, itself included, when it leads a group. */
  groupSize: z.number().int().nullable(),
  /** It waits for the answer of the group it was added to. */
  inGroup: z.boolean(),
  applicantKind: z.enum(applicantKinds),
  excerpt: z.string(),
});
export type AppealListItem = z.infer<typeof appealListItemSchema>;

/** A page of a queue. */
export const appealListSchema = z.object({
  items: z.array(appealListItemSchema),
  total: z.number(),
  /** The count stopped at `total`: there are more ("1,000+"). */
  totalCapped: z.boolean().optional(),
  page: z.number(),
  pageSize: z.number(),
});
export type AppealListView = z.infer<typeof appealListSchema>;

/** How many appeals wait in each queue of the user's scope. */
export const queueCountsSchema = z.object({ counts: z.record(z.enum(queueNames), z.number()) });
export type QueueCounts = z.infer<typeof queueCountsSchema>;

/** Training mode reads the sandbox instead of the real register. */
export const sandboxQuerySchema = z.object({
  sandbox: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

/** A live notice: an appeal in (or just out of) the user's scope changed; `number` is null when it left it. */
export const liveAppealEventSchema = z.object({
  number: z.string().nullable(),
  status: z.enum(appealStatuses).nullable(),
});
export type LiveAppealEvent = z.infer<typeof liveAppealEventSchema>;

const historyActor = z.union([
  z.object({ login: z.string().nullable(), name: z.string().nullable() }),
  z.object({ kind: z.string() }),
]);

/** The appeal card (GET /api/v1/appeals/{number}). */
export const appealCardSchema = z.object({
  number: z.string(),
  version: z.number(),
  type: z.enum(appealTypes),
  form: z.enum(appealForms),
  channel: z.string(),
  /** The system that forwarded it in and its id there, for an appeal another system forwarded. */
  origin: z.object({ source: z.string(), externalId: z.string() }).nullable(),
  status: z.enum(appealStatuses),
  language: z.string().nullable(),
  answerLanguage: z.string(),
  answerChannel: z.string(),
  text: z.string(),
  textLatin: z.string(),
  category: namedRefSchema.nullable(),
  territory: namedRefSchema.nullable(),
  location: z
    .object({ place: z.string().nullable(), lat: z.number().nullable(), lon: z.number().nullable() })
    .nullable(),
  signatories: z.number().nullable(),
  urgent: z.boolean(),
  urgencyReason: z.string().nullable(),
  aboutOfficer: z.boolean(),
  subjectUnit: namedRefSchema.nullable(),
  applicant: z.object({ kind: z.enum(applicantKinds), canReveal: z.boolean() }),
  receivedAt: z.string(),
  clock: z.object({
    receivedOn: z.string(),
    registrationDueOn: z.string(),
    dueOn: z.string(),
    dueAt: z.string(),
    baseDueOn: z.string(),
    handoverDueOn: z.string(),
    forwardDueOn: z.string(),
    proposalNoticeDueOn: z.string().nullable(),
    infoDueOn: z.string().nullable(),
    extraStudy: z.boolean(),
    headExtensionUsed: z.boolean(),
    daysLeft: z.number().nullable(),
    overdue: z.boolean(),
    dueSoon: z.boolean(),
    today: z.string(),
  }),
  unit: namedRefSchema.nullable(),
  units: z.array(namedRefSchema.extend({ role: z.enum(['lead', 'co']) })),
  executor: z.object({ login: z.string(), name: z.string() }).nullable(),
  outcome: z.enum(outcomes).nullable(),
  forwardedTo: z.string().nullable(),
  rating: z.object({ value: z.number(), comment: z.string().nullable() }).nullable(),
  history: z.array(
    z.object({
      at: z.string(),
      event: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      actor: historyActor,
      unit: namedRefSchema.nullable(),
      public: z.boolean(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  answers: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['answer', 'conclusion']),
      body: z.string(),
      outcome: z.enum(outcomes).nullable(),
      status: z.enum(['draft', 'returned', 'approved']),
      createdAt: z.string(),
      reviewedAt: z.string().nullable(),
      reviewComment: z.string().nullable(),
    }),
  ),
  links: z.object({
    parent: z.object({ number: z.string(), status: z.string(), kind: z.string().nullable() }).nullable(),
    children: z.array(z.object({ number: z.string(), status: z.string(), kind: z.string().nullable() })),
    merged: z.array(z.object({ number: z.string(), status: z.string() })),
  }),
  /**
   * Duplicates worked as one: the lead this appeal is answered with (its number null when the reader may not
   * see it), or the members this appeal's answer will answer, and the group's term (the earliest open one).
   */
  group: z.object({
    memberOf: z.object({ number: z.string().nullable(), status: z.string().nullable() }).nullable(),
    members: z.array(z.object({ number: z.string(), status: z.string(), dueOn: z.string() })),
    dueOn: z.string().nullable(),
  }),
  routingSuggestion: z.object({
    unit: namedRefSchema,
    basis: z.string(),
    ruleId: z.number().nullable(),
  }),
  /** What the language layer read (absent until triage has run). */
  analysis: z
    .object({
      modelVersion: z.string().nullable(),
      language: z.string(),
      category: z.string().nullable(),
      confidence: z.number().nullable(),
      suggestions: z.array(z.object({ category: z.string(), confidence: z.number(), unit: z.string() })),
      explanation: z.array(z.string()),
      urgency: z.object({ score: z.number() }),
      decision: z.string(),
    })
    .nullable()
    .optional(),
  /** Duplicates, repeats and campaign members the language layer linked. */
  related: z
    .array(
      z.object({ number: z.string(), status: z.string(), kind: z.string(), score: z.number().nullable() }),
    )
    .optional(),
  allowedActions: z.array(z.enum(appealActions)),
  /** The user may add files to the answer draft or take them off. */
  answerFilesEditable: z.boolean(),
  /** Legal hold and anonymisation (docs/operations.md, "Retention"). */
  retention: appealRetentionSchema,
});
export type AppealCard = z.infer<typeof appealCardSchema>;

/** The applicant's personal data, revealed on request (audited). */
export const revealedApplicantSchema = z.object({
  kind: z.enum(applicantKinds),
  applicant: z
    .object({
      lastName: z.string().optional(),
      firstName: z.string().optional(),
      patronymic: z.string().optional(),
      organization: z.string().optional(),
      representative: z.string().optional(),
      address: z.string().optional(),
      phone: z.string().optional(),
      email: z.string().optional(),
      pinfl: z.string().optional(),
      taxId: z.string().optional(),
    })
    .nullable(),
});
export type RevealedApplicant = z.infer<typeof revealedApplicantSchema>;

/** Files attached to an appeal; `preview` says how the console may show one inline. */
export const attachmentListSchema = z.array(
  z.object({
    id: z.string(),
    /** The answer the file goes out with; `null` for the applicant's own files. */
    answerId: z.number().nullable(),
    filename: z.string(),
    mime: z.string(),
    size: z.number(),
    preview: z.enum(['image', 'none']),
  }),
);
export type AttachmentView = z.infer<typeof attachmentListSchema>[number];

/** Answered appeals that read like this one, with their answers (the language layer's /similar). */
export const similarAppealsSchema = z.array(
  z.object({
    number: z.string(),
    category: z.string().nullable(),
    outcome: z.enum(outcomes).nullable(),
    answeredAt: z.string().nullable(),
    excerpt: z.string(),
    answer: z.string(),
    score: z.number(),
  }),
);
export type SimilarAppeals = z.infer<typeof similarAppealsSchema>;

/** Staff of the appeal's units who can be assigned as its executor. */
export const assigneesSchema = z.array(
  z.object({ login: z.string(), name: z.string(), role: z.enum(roles), unit: namedRefSchema }),
);

/** Query of the head's dashboard: a unit in the caller's scope (default: their own) and a period. */
export const dashboardQuerySchema = z.object({
  unit: z.string().trim().max(40).optional(),
  days: z.coerce.number().int().min(1).max(366).default(30),
  /** A download of what the dashboard shows instead of its JSON. */
  format: z.enum(exportFormats).optional(),
  /** The file's words in this language (a download link cannot set Accept-Language). */
  lang: z.enum(uiLanguages).optional(),
});

/** The head's dashboard for a unit (with everything below it when the head's scope includes it). */
export const dashboardSchema = z.object({
  unit: namedRefSchema,
  today: z.string(),
  from: z.string(),
  load: z.object({
    open: z.number(),
    overdue: z.number(),
    dueSoon: z.number(),
    unassigned: z.number(),
    receivedInPeriod: z.number(),
    closedInPeriod: z.number(),
    byStatus: z.array(z.object({ status: z.enum(appealStatuses), count: z.number() })),
    receivedPerDay: z.array(z.object({ day: z.string(), count: z.number() })),
  }),
  executors: z.array(
    z.object({
      login: z.string(),
      name: z.string(),
      open: z.number(),
      dueSoon: z.number(),
      overdue: z.number(),
      answeredInPeriod: z.number(),
    }),
  ),
  awaitingApproval: z.object({
    count: z.number(),
    items: z.array(
      z.object({
        number: z.string(),
        status: z.enum(appealStatuses),
        dueOn: z.string(),
        executor: z.string().nullable(),
      }),
    ),
  }),
  extensions: z.object({
    extendedInPeriod: z.number(),
    openExtended: z.number(),
    openExtraStudy: z.number(),
    /** Open appeals whose executor asked for the head's extension, not yet granted. */
    requested: z.number(),
  }),
  /** Appeals received in the period and the repeats and duplicates among them, each counted once. */
  repeats: z.object({
    received: z.number(),
    repeats: z.number(),
    rate: z.number().nullable(),
    duplicates: z.number(),
    duplicateRate: z.number().nullable(),
  }),
  ratings: z.object({
    count: z.number(),
    average: z.number().nullable(),
    distribution: z.array(z.number()),
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
