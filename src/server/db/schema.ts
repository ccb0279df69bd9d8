import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Table types for Kysely, mirroring the migrations in ./migrations. Dates of the legal calendar
// (`date` columns) stay 'YYYY-MM-DD' strings: the driver is told not to turn them into instants.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface TerritoriesTable {
  code: string;
  parent_code: string | null;
  kind: 'country' | 'region' | 'district' | 'city' | 'city_district';
  name_uz: string;
  name_oz: string;
  name_ru: string;
  name_en: string;
  population: number | null;
  population_year: number | null;
  active: Generated<boolean>;
  sort: Generated<number>;
}

export interface UnitsTable {
  id: Generated<number>;
  code: string;
  parent_id: number | null;
  level: 'ministry' | 'directorate' | 'department' | 'service';
  service: string | null;
  territory_code: string | null;
  path: string;
  name_uz: string;
  name_oz: string;
  name_ru: string;
  name_en: string;
  active: Generated<boolean>;
}

export interface CategoriesTable {
  code: string;
  service: string;
  officer_complaint: Generated<boolean>;
  name_uz: string;
  name_oz: string;
  name_ru: string;
  name_en: string;
  description_uz: Generated<string>;
  description_oz: Generated<string>;
  description_ru: Generated<string>;
  description_en: Generated<string>;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface RoutingRulesTable {
  id: Generated<number>;
  category_code: string | null;
  territory_code: string | null;
  unit_id: number | null;
  service: string | null;
  priority: Generated<number>;
  active: Generated<boolean>;
  note: Generated<string>;
  created_at: DefaultTimestamp;
}

export interface CalendarDaysTable {
  day: string;
  kind: 'public_holiday' | 'observed_day_off' | 'additional_day_off' | 'transferred_day_off' | 'working_day';
  name_uz: Generated<string>;
  name_oz: Generated<string>;
  name_ru: Generated<string>;
  name_en: Generated<string>;
  estimated: Generated<boolean>;
  source: Generated<string>;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: DefaultTimestamp;
  updated_by: number | null;
}

export type Role =
  | 'operator'
  | 'clerk'
  | 'executor'
  | 'head'
  | 'internal_security'
  | 'analyst'
  | 'admin'
  | 'auditor';

export interface UsersTable {
  id: Generated<number>;
  login: string;
  full_name: Generated<string>;
  role: Role;
  unit_id: number;
  scope_subtree: Generated<boolean>;
  password_hash: string;
  must_change_password: Generated<boolean>;
  totp_secret_enc: Buffer | null;
  totp_enabled: Generated<boolean>;
  /** The last TOTP time step accepted: each code works once. */
  totp_last_step: number | null;
  active: Generated<boolean>;
  language: Generated<string>;
  created_at: DefaultTimestamp;
  password_changed_at: Timestamp | null;
  /** The last successful sign-in (null before the first). */
  signed_in_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** A person the ministry's OpenID Connect provider vouches for, matched to a staff account by an administrator. */
export interface StaffIdentitiesTable {
  id: Generated<number>;
  issuer: string;
  subject: string;
  name: string | null;
  email: string | null;
  /** The staff account this identity signs in as; null while it waits for an administrator. */
  user_id: number | null;
  linked_by: number | null;
  linked_at: Timestamp | null;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface GuessCountersTable {
  /** A keyed hash of the source (login name, known browser, client address): never the source itself. */
  key: Buffer;
  failures: number;
  held_until: Timestamp | null;
  forget_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  second_factor_done: Generated<boolean>;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
  signed_in_with: Generated<SignInMethod>;
  /** The session's public id, for the owner's list of sessions (the token's hash never leaves). */
  handle: Generated<string>;
  /** Browser and system, as "Chrome 131 · Linux": never the raw user agent. */
  device_summary: Generated<string>;
  /** The client's network prefix (IPv4 /24, IPv6 /48): never the full address. */
  network: Generated<string>;
  /** The known-device cookie's id of the browser that signed in. */
  device_id: string | null;
}

/** A staff member's passkey (WebAuthn credential). */
export interface WebauthnCredentialsTable {
  id: Generated<number>;
  user_id: number;
  credential_id: string;
  public_key: Buffer;
  sign_count: ColumnType<number, number | undefined, number>;
  transports: Generated<string[]>;
  device_type: 'singleDevice' | 'multiDevice';
  backed_up: boolean;
  name: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

/** A pending WebAuthn ceremony: single-use, expiring, keyed by the hash of what binds it. */
export interface WebauthnChallengesTable {
  id: string;
  purpose: 'register' | 'authenticate';
  challenge: string;
  user_id: number | null;
  expires_at: Timestamp;
}

/** How a session was opened. */
export type SignInMethod = 'password' | 'oidc' | 'passkey';

export interface AppealCountersTable {
  year: number;
  last_seq: number;
}

export interface AppealsTable {
  id: Generated<number>;
  number: string;
  year: number;
  seq: number;
  access_code_hash: Buffer;
  type: 'ariza' | 'taklif' | 'shikoyat';
  form: 'oral' | 'written' | 'electronic';
  channel: string;
  status: string;
  applicant_kind: 'individual' | 'legal_entity' | 'anonymous';
  applicant_enc: Buffer | null;
  phone_hash: Buffer | null;
  pinfl_hash: Buffer | null;
  email_hash: Buffer | null;
  name_hash: Buffer | null;
  text: string;
  text_latin: string;
  language: string | null;
  answer_language: string;
  answer_channel: string;
  territory_code: string | null;
  category_code: string | null;
  lat: number | null;
  lon: number | null;
  /** Where it happened in words (street, house, mahalla, landmark). */
  place: Generated<string | null>;
  signatories: number | null;
  urgent: Generated<boolean>;
  urgency_reason: string | null;
  about_officer: Generated<boolean>;
  subject_unit_id: number | null;
  subject_officer_id: number | null;
  owner_unit_id: number;
  scope_units: number[];
  /** The scope units and every unit above them; kept by a trigger (see the reach-and-terms migration). */
  scope_reach: Generated<number[]>;
  // text_terms (tsvector, generated from text_latin) is read only in raw SQL and never selected.
  executor_id: number | null;
  parent_id: number | null;
  link_kind: 'repeat' | 'complaint' | null;
  merged_into_id: number | null;
  /** The lead of the group of duplicates this appeal is answered with (see the appeal-groups migration). */
  group_lead_id: Generated<number | null>;
  received_at: Timestamp;
  received_on: string;
  registration_due_on: string;
  due_on: string;
  base_due_on: string;
  handover_due_on: string;
  forward_due_on: string;
  proposal_notice_due_on: string | null;
  /** The day another body must answer the executor's information request; null when none is pending. */
  info_due_on: string | null;
  /** What intake read from the text (urgency and its reasons, officer-complaint evidence); see text-reader. */
  intake_reading: Json<unknown> | null;
  extra_study: Generated<boolean>;
  head_extension_used: Generated<boolean>;
  routed_at: Timestamp | null;
  routing_confidence: number | null;
  outcome: 'satisfied' | 'explained' | 'rejected' | null;
  closed_at: Timestamp | null;
  forwarded_to: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: Timestamp | null;
  created_by: number | null;
  sandbox: Generated<boolean>;
  updated_at: DefaultTimestamp;
  version: Generated<number>;
  /** When retention replaced its personal data with a marker; null while it still holds them. */
  anonymised_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A legal hold: the appeal is never anonymised while this row exists (see the retention migration). */
export interface AppealHoldsTable {
  appeal_id: number;
  reason: string;
  held_by: number | null;
  held_at: Timestamp;
}

export interface AppealUnitsTable {
  appeal_id: number;
  unit_id: number;
  role: 'lead' | 'co';
  position: number;
  assigned_at: Timestamp;
  assigned_by: number | null;
}

export interface AppealEventsTable {
  id: Generated<number>;
  appeal_id: number;
  at: Timestamp;
  event: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: number | null;
  actor_kind: 'applicant' | 'staff' | 'system';
  public: Generated<boolean>;
  unit_id: number | null;
  data: Json<Record<string, unknown>>;
}

export interface AnswersTable {
  id: Generated<number>;
  appeal_id: number;
  kind: 'answer' | 'conclusion';
  body: string;
  outcome: 'satisfied' | 'explained' | 'rejected' | null;
  status: 'draft' | 'returned' | 'approved';
  author_id: number | null;
  created_at: Timestamp;
  reviewer_id: number | null;
  reviewed_at: Timestamp | null;
  review_comment: string | null;
}

export interface AttachmentsTable {
  id: string;
  appeal_id: number;
  answer_id: number | null;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  /** An image the server decoded and wrote anew: the only kind shown inline. */
  reencoded: Generated<boolean>;
  created_at: Timestamp;
  /**
   * The id of the data key the file's object in S3 is sealed under; null when not known (stored before keys were
   * recorded: a key rotation reads the object to learn it) or not sealed (files on the disk).
   */
  sealed_key_id: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string;
  data: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
  /**
   * How `hash` was made: `sha256` (rows from before the keyed chain), `hmac-sha256` (the first data key)
   * or `hmac-sha256:<key id>` (a later one, after a key rotation).
   */
  hash_kind: 'sha256' | 'hmac-sha256' | `hmac-sha256:${string}`;
}

export interface NotificationsTable {
  id: Generated<number>;
  job_id: string | null;
  appeal_id: number | null;
  channel: string;
  template: string;
  language: string;
  status: string;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  /** Why the last attempt failed, in words staff read; never personal data. */
  error: string | null;
  /** Why it failed, as a stable code (`DeliveryFailure`), with a number after a colon when there is one. */
  error_code: Generated<string | null>;
  /** The provider's message id once it accepted the notice. */
  provider_id: string | null;
  attempts: Generated<number>;
  attempted_at: Timestamp | null;
}

export interface AppealAnalysisTable {
  appeal_id: number;
  analysed_at: Timestamp;
  model_version: string | null;
  language: string;
  language_confidence: number;
  segments: Json<unknown[]>;
  category_code: string | null;
  category_confidence: number | null;
  suggestions: Json<unknown[]>;
  explanation: Json<string[]>;
  urgency_score: number;
  urgency: Json<unknown[]>;
  officer: Json<Record<string, unknown>>;
  minhash: Buffer;
  bands: string[];
  decision: string;
}

export interface AppealLinksTable {
  appeal_id: number;
  other_id: number;
  kind: 'duplicate' | 'repeat' | 'campaign';
  score: number | null;
  created_at: Timestamp;
}

export interface NlpModelsTable {
  id: Generated<number>;
  version: string;
  label_set: string;
  created_at: Timestamp;
  created_by: string;
  examples: number;
  evaluation: Json<unknown> | null;
  model: string;
  active: Generated<boolean>;
}

export interface NlpExamplesTable {
  id: Generated<number>;
  label_set: string;
  text: string;
  label: string;
  source: 'correction' | 'import';
  appeal_id: number | null;
  created_at: Timestamp;
  created_by: string;
}

export interface AnswerTemplatesTable {
  id: Generated<number>;
  category_code: string | null;
  language: 'uz' | 'oz' | 'ru' | 'en' | 'kaa';
  outcome: 'satisfied' | 'explained' | 'rejected' | null;
  title: string;
  body: string;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  updated_by: number | null;
}

export interface UnitRequisitesTable {
  unit_id: number;
  address: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  website: Generated<string>;
  updated_at: DefaultTimestamp;
  updated_by: number | null;
}

export interface TrainingLessonRunsTable {
  id: Generated<number>;
  user_id: number;
  lesson_id: string;
  /** The sandbox appeal the lesson set up; null when the trainee registers it themselves. */
  appeal_id: number | null;
  started_at: Timestamp;
}

export interface TrainingLessonCompletionsTable {
  user_id: number;
  lesson_id: string;
  /** The sandbox appeal that passed; null once the sandbox was cleared. */
  appeal_id: number | null;
  completed_at: Timestamp;
}

/** The Telegram bot's one row: the last update taken for handling, and which process polls. */
export interface TelegramBotTable {
  id: ColumnType<number, number | undefined, never>;
  last_update_id: number;
  poller: string | null;
  lease_until: Timestamp | null;
}

/** One Telegram chat: its language, and the conversation so far (sealed: it holds personal data). */
export interface TelegramChatsTable {
  chat_id: number;
  language: 'uz' | 'oz' | 'ru' | 'en' | 'kaa' | null;
  state: Buffer | null;
  updated_at: Timestamp;
}

/** The chat an appeal was filed from, where its notices go. */
export interface TelegramAppealsTable {
  appeal_id: number;
  chat_id: number;
  created_at: Timestamp;
}

/** A staff member's own notice (see the staff-notices migration). */
/** A surge of appeals in one territory × category over one window (docs/analytics.md). */
export interface SurgeAlertsTable {
  id: Generated<number>;
  territory_code: string;
  category_code: string;
  /** The territorial body serving the territory: whose heads are told and whose scope sees the alert. */
  unit_id: number;
  window_from: Timestamp;
  window_to: Timestamp;
  observed: number;
  expected: number;
  appeal_ids: number[];
  shared_words: string[];
  campaign: boolean;
  status: Generated<'open' | 'acknowledged'>;
  acknowledged_by: number | null;
  acknowledged_at: Timestamp | null;
  note: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StaffNoticesTable {
  id: Generated<string>;
  user_id: number;
  /** Null for a notice about an account (a sign-in alert). */
  appeal_id: number | null;
  kind:
    | 'assigned'
    | 'returned'
    | 'awaiting_approval'
    | 'due_soon'
    | 'overdue'
    | 'surge_alert'
    | 'new_device'
    | 'sign_in_failures';
  /** The account a sign-in alert is about. */
  subject_user_id: ColumnType<number | null, number | null | undefined, number | null>;
  key: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

/** A staff member's confirmed e-mail address (sealed) or Telegram chat for their own notices. */
export interface StaffChannelsTable {
  user_id: number;
  channel: 'email' | 'telegram';
  email_enc: Buffer | null;
  chat_id: number | null;
  enabled: Generated<boolean>;
  linked_at: Timestamp;
}

/** A one-time code proving an address is a staff member's (only its keyed hash is kept). */
export interface StaffLinkCodesTable {
  id: Generated<number>;
  user_id: number;
  channel: 'email' | 'telegram';
  code_hash: Buffer;
  /** The e-mail address being confirmed, sealed. */
  email_enc: Buffer | null;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** A staff notice sent out by e-mail or Telegram: what the outbox did with it. */
export interface StaffNoticeDeliveriesTable {
  id: Generated<number>;
  notice_id: number;
  channel: 'email' | 'telegram';
  status: 'queued' | 'retrying' | 'sent' | 'failed' | 'dropped';
  attempts: Generated<number>;
  error_code: string | null;
  provider_id: string | null;
  created_at: Timestamp;
  attempted_at: Timestamp | null;
}

/** An article of the chatbot's knowledge base, in one language. */
export interface KnowledgeArticlesTable {
  id: Generated<number>;
  language: 'uz' | 'oz' | 'ru' | 'en';
  title: string;
  body: string;
  /** Questions and words people use for this topic, which retrieval reads besides title and body. */
  keywords: Generated<string>;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  updated_by: number | null;
}

/** One question put to the chatbot; its text (sealed) only while it is unanswered and recent. */
export interface ChatAsksTable {
  id: string;
  asked_at: Timestamp;
  language: 'uz' | 'oz' | 'ru' | 'en' | 'kaa';
  channel: 'api' | 'portal' | 'telegram';
  article_id: number | null;
  score: Generated<number>;
  emergency: Generated<boolean>;
  question: Buffer | null;
  helpful: boolean | null;
  feedback_at: Timestamp | null;
  handed_off_at: Timestamp | null;
}

/** A person asked the chatbot to talk to a human: an operator's task. */
export interface ChatHandoffsTable {
  id: Generated<number>;
  ask_id: string;
  language: 'uz' | 'oz' | 'ru' | 'en' | 'kaa';
  request: Buffer;
  created_at: Timestamp;
  done_at: Timestamp | null;
  done_by: number | null;
}

/** One source row brought in by `murojaat import`, and the appeal it became. */
export interface AppealImportsTable {
  /** `ext:<external id>` or `num:<source number>`: what makes a second run skip the row. */
  import_key: string;
  appeal_id: number;
  /** The number the source register gave it, kept when ours differs. */
  source_number: string | null;
  file_sha256: string;
  source_row: number;
  imported_at: Timestamp;
}

/** An API key issued to another system; only its hash is kept. */
export interface IntegrationKeysTable {
  id: Generated<number>;
  name: string;
  key_hash: Buffer;
  key_start: string;
  scopes: string[];
  created_at: Timestamp;
  created_by: number | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
}

/** An integration's URL subscribed to public events of appeals; its signing secret is sealed. */
export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  integration_id: number;
  url: string;
  secret_enc: Buffer;
  events: string[];
  active: Generated<boolean>;
  created_at: Timestamp;
  created_by: number | null;
  updated_at: Timestamp;
}

/** One event sent (or being sent) to one subscription, with the receiver's last answer. */
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  subscription_id: number;
  event_id: number;
  appeal_id: number;
  event: string;
  status: 'queued' | 'retrying' | 'delivered' | 'failed';
  attempts: Generated<number>;
  response_code: number | null;
  response_excerpt: string | null;
  error: string | null;
  created_at: Timestamp;
  last_attempt_at: Timestamp | null;
  delivered_at: Timestamp | null;
}

/** A key rotation: re-encryption of the sealed columns under a new data key, in batches (counts only). */
export interface KeyRotationsTable {
  id: Generated<number>;
  key_id: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  step: Generated<number>;
  position: Generated<number>;
  after_key: string | null;
  batch_size: number;
  pause_ms: number;
  total: Generated<number>;
  done: Generated<number>;
  hashes_kept: Generated<number>;
  failed: Generated<number>;
  /** Since when the rotation waits for the object store, which did not answer its walk; null while it answers. */
  waiting_since: Timestamp | null;
}

/** An appeal another system forwarded in, by the ids it has there. */
export interface ForwardedAppealsTable {
  source: string;
  external_id: string;
  appeal_id: number;
  integration_id: number;
  body_hash: Buffer;
  access_code_enc: Buffer | null;
  external_received_at: Timestamp;
  created_at: Timestamp;
}

/** One month × region × category × type of appeals (officer complaints: national, no category); see open-stats. */
/** A monthly report an administrator scheduled for a unit (docs/analytics.md, "Scheduled reports"). */
export interface ReportSchedulesTable {
  id: Generated<number>;
  unit_id: number;
  name: string;
  language: 'uz' | 'oz' | 'ru' | 'en';
  created_by: number | null;
  created_at: Timestamp;
  active: Generated<boolean>;
  deleted_at: Timestamp | null;
  /** The first day of the month last written, and when. */
  last_run_month: string | null;
  last_run_at: Timestamp | null;
}

/** A staff member who receives a scheduled report. */
export interface ReportScheduleRecipientsTable {
  schedule_id: number;
  user_id: number;
}

/** What became of a report's e-mail ('none': nobody to send it to). */
export type ReportEmailStatus = 'none' | 'queued' | 'retrying' | 'sent' | 'failed' | 'dropped';

/** One recipient's report of one month: its files, or why it was skipped, and its e-mail's progress. */
export interface ReportsTable {
  id: Generated<number>;
  schedule_id: number;
  user_id: number;
  unit_id: number;
  /** The month's first day (a Tashkent date). */
  month: string;
  status: 'generated' | 'skipped';
  skip_reason: 'out_of_scope' | 'role' | 'inactive' | null;
  generated_at: Timestamp;
  pdf: Buffer | null;
  xlsx: Buffer | null;
  email_status: Generated<ReportEmailStatus>;
  email_error: string | null;
}

export interface OpenStatsMonthlyTable {
  month: string;
  region_code: string | null;
  category_code: string | null;
  type: 'ariza' | 'taklif' | 'shikoyat';
  officer: boolean;
  received: number;
  answered_on_time: number;
  answered_late: number;
  satisfied: number;
  explained: number;
  rejected: number;
  /** Forwarded to another body, and not considered: the appeals redirected rather than answered. */
  forwarded: number;
  not_considered: number;
}

/** When the open-statistics rollup was last rebuilt (one row). */
export interface OpenStatsStateTable {
  id: Generated<boolean>;
  refreshed_at: Timestamp;
}

/** The daily roll-up of the leader views (docs/analytics.md, "The daily roll-up"): per day of receipt × owner unit × filter. */
export interface AnalyticsDailyTable {
  /** '' (every appeal of the day), 'category', 'channel' or 'type'. */
  dim: string;
  /** The filter's value ('' when `dim` is '', or for appeals without a category). */
  value: string;
  day: string;
  owner_unit_id: number;
  received: number;
  satisfied: number;
  explained: number;
  rejected: number;
  forwarded: number;
  not_considered: number;
  closed: number;
  on_time: number;
  repeats: number;
  rated: number;
  rating_sum: number;
  extensions: number;
}

/** How many of a roll-up row's appeals were answered after `days` whole days. */
export interface AnalyticsDailyAnswerDaysTable {
  dim: string;
  value: string;
  day: string;
  owner_unit_id: number;
  days: number;
  answered: number;
}

/** `analytics_daily` summed per calendar month (`month`: its first day). */
export type AnalyticsMonthlyTable = Omit<AnalyticsDailyTable, 'day'> & { month: string };
/** A month's histogram per owner unit: `answered[i]` appeals took `days[i]` whole days. */
export interface AnalyticsMonthlyAnswerDaysTable {
  dim: string;
  value: string;
  month: string;
  owner_unit_id: number;
  days: number[];
  answered: number[];
}

/** Appeals received per day × territory (`territory_code` '' for none), unfiltered or per one filter. */
export interface AnalyticsTerritoryDailyTable {
  dim: string;
  value: string;
  day: string;
  territory_code: string;
  received: number;
}

/** `analytics_territory_daily` summed per calendar month (`month`: its first day). */
export type AnalyticsTerritoryMonthlyTable = Omit<AnalyticsTerritoryDailyTable, 'day'> & { month: string };

/** Answers given per Tashkent day × owner unit: how many, how many on time, and `counts[i]` took `days[i]` whole days. */
export interface AnalyticsAnsweredDailyTable {
  day: string;
  owner_unit_id: number;
  answered: number;
  on_time: number;
  days: number[];
  counts: number[];
}

/** `analytics_answered_daily` per calendar month of the answer (`month`: its first day). */
export type AnalyticsAnsweredMonthlyTable = Omit<AnalyticsAnsweredDailyTable, 'day'> & { month: string };

/** Days of answers whose `analytics_answered_*` rows are to be re-rolled (triggers write them). */
export interface AnalyticsDirtyAnswerDaysTable {
  day: string;
}

/**
 * The real appeals that name a subject (unit or officer) as of the last re-roll, with what the leader views
 * count: the part of the roll-ups hidden from a viewer is read here, of the same moment as the roll-ups.
 */
export interface AnalyticsSubjectAppealsTable {
  id: number;
  owner_unit_id: number;
  subject_unit_id: number | null;
  subject_officer_id: number | null;
  received_on: string;
  received_at: Timestamp;
  status: string;
  outcome: 'satisfied' | 'explained' | 'rejected' | null;
  due_on: string;
  closed_at: Timestamp | null;
  rating: number | null;
  head_extension_used: boolean;
  is_repeat: boolean;
  category_code: string | null;
  channel: string;
  type: 'ariza' | 'taklif' | 'shikoyat';
  territory_code: string | null;
}

/** Days of receipt whose roll-up rows are to be re-rolled (one row per change; triggers write them). */
export interface AnalyticsDirtyDaysTable {
  day: string;
}

export interface Database {
  analytics_answered_daily: AnalyticsAnsweredDailyTable;
  analytics_answered_monthly: AnalyticsAnsweredMonthlyTable;
  analytics_dirty_answer_days: AnalyticsDirtyAnswerDaysTable;
  analytics_daily: AnalyticsDailyTable;
  analytics_daily_answer_days: AnalyticsDailyAnswerDaysTable;
  analytics_dirty_days: AnalyticsDirtyDaysTable;
  analytics_monthly: AnalyticsMonthlyTable;
  analytics_monthly_answer_days: AnalyticsMonthlyAnswerDaysTable;
  analytics_subject_appeals: AnalyticsSubjectAppealsTable;
  analytics_territory_daily: AnalyticsTerritoryDailyTable;
  analytics_territory_monthly: AnalyticsTerritoryMonthlyTable;
  integration_keys: IntegrationKeysTable;
  forwarded_appeals: ForwardedAppealsTable;
  key_rotations: KeyRotationsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  knowledge_articles: KnowledgeArticlesTable;
  chat_asks: ChatAsksTable;
  chat_handoffs: ChatHandoffsTable;
  answer_templates: AnswerTemplatesTable;
  unit_requisites: UnitRequisitesTable;
  appeal_analysis: AppealAnalysisTable;
  appeal_links: AppealLinksTable;
  nlp_models: NlpModelsTable;
  nlp_examples: NlpExamplesTable;
  territories: TerritoriesTable;
  units: UnitsTable;
  categories: CategoriesTable;
  routing_rules: RoutingRulesTable;
  calendar_days: CalendarDaysTable;
  settings: SettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  staff_identities: StaffIdentitiesTable;
  webauthn_credentials: WebauthnCredentialsTable;
  webauthn_challenges: WebauthnChallengesTable;
  guess_counters: GuessCountersTable;
  staff_notices: StaffNoticesTable;
  surge_alerts: SurgeAlertsTable;
  staff_channels: StaffChannelsTable;
  staff_link_codes: StaffLinkCodesTable;
  staff_notice_deliveries: StaffNoticeDeliveriesTable;
  telegram_bot: TelegramBotTable;
  telegram_chats: TelegramChatsTable;
  telegram_appeals: TelegramAppealsTable;
  appeal_counters: AppealCountersTable;
  appeals: AppealsTable;
  appeal_imports: AppealImportsTable;
  appeal_holds: AppealHoldsTable;
  appeal_units: AppealUnitsTable;
  appeal_events: AppealEventsTable;
  answers: AnswersTable;
  attachments: AttachmentsTable;
  audit_log: AuditLogTable;
  notifications: NotificationsTable;
  training_lesson_runs: TrainingLessonRunsTable;
  training_lesson_completions: TrainingLessonCompletionsTable;
  open_stats_monthly: OpenStatsMonthlyTable;
  open_stats_state: OpenStatsStateTable;
  report_schedules: ReportSchedulesTable;
  report_schedule_recipients: ReportScheduleRecipientsTable;
  reports: ReportsTable;
}

export type AppealRow = Selectable<AppealsTable>;
export type NewAppealRow = Insertable<AppealsTable>;
export type AppealPatch = Updateable<AppealsTable>;
export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type TerritoryRow = Selectable<TerritoriesTable>;
export type AppealEventRow = Selectable<AppealEventsTable>;
export type AnswerRow = Selectable<AnswersTable>;
