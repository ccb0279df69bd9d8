// The vocabularies shared by the server, the portal, the console and every channel.

export const appealTypes = ['ariza', 'taklif', 'shikoyat'] as const;
export type AppealType = (typeof appealTypes)[number];

export const appealForms = ['oral', 'written', 'electronic'] as const;
export type AppealForm = (typeof appealForms)[number];

export const channels = [
  'web',
  'telegram',
  'email',
  'sms',
  'hotline',
  'reception',
  'post',
  'open311',
  'virtual_reception',
] as const;
export type Channel = (typeof channels)[number];

/** Channels an operator registers on the applicant's behalf; the public API only takes `web`. */
export const staffChannels = ['hotline', 'reception', 'post', 'virtual_reception', 'email', 'sms'] as const;

export const applicantKinds = ['individual', 'legal_entity', 'anonymous'] as const;
export type ApplicantKind = (typeof applicantKinds)[number];

/** Languages of the interface: Uzbek Latin, Uzbek Cyrillic (`oz`, as Uzbek state sites say), Russian, English. */
export const uiLanguages = ['uz', 'oz', 'ru', 'en'] as const;
export type UiLanguage = (typeof uiLanguages)[number];

/**
 * Languages citizens are served in: the interface languages and Karakalpak (`kaa`, Latin script of 2016) on the
 * portal, in the Telegram bot, the chatbot and notices. The staff console stays in the four interface languages.
 */
export const citizenLanguages = ['uz', 'oz', 'ru', 'en', 'kaa'] as const;
export type CitizenLanguage = (typeof citizenLanguages)[number];

/** True for a value that names a citizen language. */
export function isCitizenLanguage(value: unknown): value is CitizenLanguage {
  return citizenLanguages.some((l) => l === value);
}

/**
 * The language reference data (territories, units, categories, which are named in the four interface languages)
 * is shown in to a citizen: Karakalpak readers get the Uzbek Latin names, the nearest written form of the same
 * place names, until administrators can give Karakalpak names.
 */
export function referenceLanguage(language: CitizenLanguage): UiLanguage {
  return language === 'kaa' ? 'uz' : language;
}

/** Languages an answer can be written in; Karakalpak answers are allowed by law. */
export const answerLanguages = ['uz', 'oz', 'ru', 'en', 'kaa'] as const;
export type AnswerLanguage = (typeof answerLanguages)[number];

export const answerChannels = ['web', 'email', 'sms', 'telegram', 'post'] as const;
export type AnswerChannel = (typeof answerChannels)[number];

export const appealStatuses = [
  'registered',
  'assigned',
  'in_progress',
  'awaiting_info',
  'answer_drafted',
  'returned',
  'answered',
  'conclusion_drafted',
  'not_considered',
  'forwarded',
  'withdrawn',
  'merged',
] as const;
export type AppealStatus = (typeof appealStatuses)[number];

export const finalStatuses: readonly AppealStatus[] = [
  'answered',
  'not_considered',
  'forwarded',
  'withdrawn',
  'merged',
];

/**
 * How one appeal relates to another the language layer linked, strongest first: the same appeal received
 * again (duplicate), the same applicant writing again (repeat), a text many applicants sent (campaign).
 */
export const relationKinds = ['duplicate', 'repeat', 'campaign'] as const;
export type RelationKind = (typeof relationKinds)[number];

export const outcomes = ['satisfied', 'explained', 'rejected'] as const;
export type Outcome = (typeof outcomes)[number];

export const roles = [
  'operator',
  'clerk',
  'executor',
  'head',
  'internal_security',
  'analyst',
  'admin',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

/** Roles whose work needs the applicant's name and contacts; analysts and auditors never see them. */
export const personalDataRoles: readonly Role[] = [
  'operator',
  'clerk',
  'executor',
  'head',
  'internal_security',
  'admin',
];

export const appealActions = [
  'route',
  'assign_executor',
  'accept',
  'request_info',
  'info_received',
  'record_extra_study',
  'request_extension',
  'extend',
  'draft_answer',
  'return_answer',
  'approve_answer',
  'forward',
  'draft_conclusion',
  'return_conclusion',
  'approve_conclusion',
  'withdraw',
  'merge',
  'join_group',
  'leave_group',
  'set_category',
  'mark_officer_complaint',
  'clear_officer_complaint',
  'mark_urgent',
] as const;
export type AppealAction = (typeof appealActions)[number];

export const conclusionReasons = ['anonymous', 'false_data', 'no_authority', 'other_breach'] as const;
export type ConclusionReason = (typeof conclusionReasons)[number];
