// Reading one row of another register's spreadsheet as an appeal to bring in: the mapping file says which
// column holds what and how their words translate into ours; every row is checked before anything is
// written. Pure: no I/O, no database.
import { z } from 'zod';
import {
  type ApplicantInput,
  anonymousApplicantSchema,
  individualApplicantSchema,
  legalEntityApplicantSchema,
} from '../../contracts/appeal.schema.ts';
import { APPEAL_NUMBER_PATTERN } from '../../contracts/appeal-number.ts';
import { FIRST_DAY, LAST_DAY } from '../../contracts/days.ts';
import {
  type AppealForm,
  type AppealType,
  appealTypes,
  type Channel,
  channels,
  type Outcome,
  outcomes,
} from '../../contracts/enums.ts';
import { limits } from '../../contracts/limits.ts';
import { atLocalTime, isLocalDate, localDateOf } from '../deadlines/calendar.ts';

/** The fields of ours a source column can fill. */
export const importFields = [
  'number',
  'externalId',
  'receivedAt',
  'type',
  'channel',
  'lastName',
  'firstName',
  'patronymic',
  'fullName',
  'organization',
  'address',
  'phone',
  'email',
  'pinfl',
  'territory',
  'category',
  'text',
  'unit',
  'status',
  'answer',
  'answeredAt',
  'outcome',
  'forwardedTo',
] as const;
export type ImportField = (typeof importFields)[number];

/** The statuses an imported appeal may have: closed ones, or open ones not yet drafted. */
export const importStatuses = [
  'registered',
  'assigned',
  'in_progress',
  'answered',
  'not_considered',
  'forwarded',
  'withdrawn',
] as const;
export type ImportStatus = (typeof importStatuses)[number];
const closedStatuses: readonly ImportStatus[] = ['answered', 'not_considered', 'forwarded', 'withdrawn'];

export const dateFormats = ['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;

const valueMap = z.record(z.string(), z.string());

/** mapping.json: see docs/import.md. */
export const importMappingSchema = z
  .object({
    sheet: z.string().min(1).optional(),
    dateFormat: z.enum(dateFormats).default('YYYY-MM-DD'),
    columns: z.partialRecord(z.enum(importFields), z.string().min(1)),
    values: z
      .object({
        status: valueMap,
        type: valueMap,
        channel: valueMap,
        outcome: valueMap,
        unit: valueMap,
        category: valueMap,
        territory: valueMap,
      })
      .partial()
      .strict()
      .default({}),
    defaults: z
      .object({
        type: z.enum(appealTypes),
        channel: z.enum(channels),
        status: z.enum(importStatuses),
        unit: z.string().min(1),
        outcome: z.enum(outcomes),
      })
      .partial()
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((m, ctx) => {
    for (const field of ['text', 'receivedAt'] as const) {
      if (!m.columns[field]) ctx.addIssue({ code: 'custom', path: ['columns', field], message: 'required' });
    }
    if (!m.columns.number && !m.columns.externalId)
      ctx.addIssue({ code: 'custom', path: ['columns'], message: 'map "number" or "externalId" (or both)' });
    if (!m.columns.unit && !m.defaults.unit)
      ctx.addIssue({
        code: 'custom',
        path: ['columns', 'unit'],
        message: 'map "unit" or give defaults.unit',
      });
  });
export type ImportMapping = z.infer<typeof importMappingSchema>;

/** What the rows are checked against: the reference data, as look-ups. */
export interface ImportReference {
  unitByCode(code: string): { id: number; code: string; territoryCode: string | null } | undefined;
  hasCategory(code: string): boolean;
  hasTerritory(code: string): boolean;
  now: Date;
}

/** One source row, checked and in our words. */
export interface ImportRow {
  /** The row number people see in the spreadsheet (the header is row 1). */
  row: number;
  /** What makes a second run skip it: `ext:<external id>` when mapped, else `num:<source number>`. */
  key: string;
  sourceNumber: string | null;
  /** The source number when it is already one of ours for the year of receipt (kept unless it clashes). */
  keep: { number: string; year: number; seq: number } | null;
  receivedAt: Date;
  type: AppealType;
  channel: Channel;
  form: AppealForm;
  applicant: ApplicantInput;
  text: string;
  unitCode: string;
  territoryCode: string | null;
  categoryCode: string | null;
  status: ImportStatus;
  answer: string | null;
  answeredAt: Date | null;
  outcome: Outcome | null;
  forwardedTo: string | null;
}

/** Why a row is refused: the field of ours, the column of theirs and a reason with no personal data. */
export interface RowProblem {
  field: ImportField | 'row';
  column: string;
  reason: string;
}

const formOfChannel: Record<Channel, AppealForm> = {
  web: 'electronic',
  telegram: 'electronic',
  email: 'electronic',
  sms: 'electronic',
  open311: 'electronic',
  virtual_reception: 'electronic',
  hotline: 'oral',
  reception: 'oral',
  post: 'written',
};

/** A cell as text: numbers as written (phones, numbers), empty as undefined. */
export function cellText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

// Excel counts days from 1899-12-30 (its 1900 leap-year bug included); the wall clock is Tashkent's.
const EXCEL_EPOCH_DAY = Date.UTC(1899, 11, 30) / 86_400_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A date or date-time cell as an instant, read as Tashkent time: an Excel serial number, an ISO instant
 * with its offset, or text in the mapping's date format with an optional " HH:MM[:SS]". A day alone is
 * its start. Undefined when it is not one.
 */
export function parseImportDate(value: unknown, format: ImportMapping['dateFormat']): Date | undefined {
  // Outside FIRST_DAY…LAST_DAY (or beyond what a Date holds: an Excel serial of 3,000,000) it is no date for
  // a row: the calendar code works in the years 1000–9999 and threw, ending the whole import (review).
  let parsed: Date | undefined;
  try {
    parsed = parseAnyDate(value, format);
  } catch {
    return undefined;
  }
  if (!parsed || Number.isNaN(parsed.getTime())) return undefined;
  // The Tashkent day (UTC+5 all year), computed here: the calendar's own function throws outside its years.
  const day = new Date(parsed.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
  return day >= FIRST_DAY && day <= LAST_DAY ? parsed : undefined;
}

function parseAnyDate(value: unknown, format: ImportMapping['dateFormat']): Date | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    const total = Math.round(value * 1440);
    const minutes = total % 1440;
    const day = new Date((EXCEL_EPOCH_DAY + (total - minutes) / 1440) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    return atLocalTime(day, `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`);
  }
  const text = cellText(value);
  if (!text) return undefined;
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const instant = new Date(text);
    return Number.isNaN(instant.getTime()) ? undefined : instant;
  }
  const match = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) return undefined;
  const [, a = '', b = '', c = '', hh = '0', mm = '0'] = match;
  const [year, month, day] =
    format === 'YYYY-MM-DD' ? [a, b, c] : format === 'MM/DD/YYYY' ? [c, a, b] : [c, b, a];
  if (year.length !== 4) return undefined;
  const date = `${year}-${pad(Number(month))}-${pad(Number(day))}`;
  if (!isLocalDate(date) || Number(hh) > 23 || Number(mm) > 59) return undefined;
  return atLocalTime(date, `${pad(Number(hh))}:${pad(Number(mm))}`);
}

function lookup(map: Record<string, string> | undefined, word: string): string {
  if (!map) return word;
  if (word in map) return map[word] ?? word;
  const folded = word.toLocaleLowerCase();
  for (const [key, value] of Object.entries(map)) if (key.trim().toLocaleLowerCase() === folded) return value;
  return word;
}

function oneOf<T extends string>(list: readonly T[], value: string): T | undefined {
  return list.find((item) => item === value);
}

/** The applicant the named columns describe: an organisation, a person, or nobody (anonymous). */
function readApplicant(
  cell: (field: ImportField) => string | undefined,
): { ok: true; applicant: ApplicantInput } | { ok: false; field: ImportField; reason: string } {
  const contact = { address: cell('address') ?? '', phone: cell('phone'), email: cell('email') };
  const fullName = cell('fullName');
  const organization = cell('organization');
  let candidate: unknown;
  let schema: z.ZodType<ApplicantInput>;
  if (organization) {
    candidate = { kind: 'legal_entity', organization, representative: fullName, ...contact };
    schema = legalEntityApplicantSchema;
  } else if (fullName || cell('lastName') || cell('firstName')) {
    const [last, first, ...rest] = (fullName ?? '').split(/\s+/);
    candidate = {
      kind: 'individual',
      lastName: cell('lastName') ?? last ?? '',
      firstName: cell('firstName') ?? first ?? '',
      patronymic: cell('patronymic') ?? (rest.length > 0 ? rest.join(' ') : undefined),
      pinfl: cell('pinfl'),
      ...contact,
    };
    schema = individualApplicantSchema;
  } else {
    candidate = { kind: 'anonymous' };
    schema = anonymousApplicantSchema;
  }
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return { ok: true, applicant: parsed.data };
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? 'lastName');
  const field: ImportField =
    key === 'organization'
      ? 'organization'
      : key === 'lastName' || key === 'firstName'
        ? fullName
          ? 'fullName'
          : key
        : (oneOf(importFields, key) ?? 'fullName');
  const what: Record<string, string> = {
    phone: 'not an Uzbek phone number',
    email: 'not an e-mail address',
    pinfl: 'a personal number (PINFL) has 14 digits',
    address: 'a named applicant needs an address of 3 to 300 characters',
    lastName: 'surname missing or longer than 100 characters',
    firstName: 'first name missing or longer than 100 characters',
    organization: 'organisation name of 2 to 300 characters needed',
  };
  return { ok: false, field, reason: what[key] ?? 'invalid applicant details' };
}

/**
 * Checks one source row against the mapping and the reference data: every problem found, or the row in our
 * words. Reasons never repeat personal data; they may quote a status, type or unit word the mapping lacks.
 */
export function readImportRow(
  cells: (header: string) => unknown,
  row: number,
  mapping: ImportMapping,
  ref: ImportReference,
): { ok: true; value: ImportRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const column = (field: ImportField) => mapping.columns[field] ?? `(${field})`;
  const raw = (field: ImportField) => {
    const header = mapping.columns[field];
    return header ? cells(header) : undefined;
  };
  const cell = (field: ImportField) => cellText(raw(field));
  const refuse = (field: ImportField, reason: string) =>
    problems.push({ field, column: column(field), reason });

  const externalId = cell('externalId');
  const sourceNumber = cell('number') ?? null;
  if (!externalId && !sourceNumber) refuse(mapping.columns.externalId ? 'externalId' : 'number', 'empty');
  if (sourceNumber && sourceNumber.length > 60) refuse('number', 'longer than 60 characters');
  if (externalId && externalId.length > 200) refuse('externalId', 'longer than 200 characters');

  const receivedAt = parseImportDate(raw('receivedAt'), mapping.dateFormat);
  if (!receivedAt) refuse('receivedAt', cell('receivedAt') ? `not a date (${mapping.dateFormat})` : 'empty');
  else if (receivedAt.getTime() > ref.now.getTime()) refuse('receivedAt', 'in the future');

  const word = (field: 'type' | 'channel' | 'status' | 'outcome' | 'unit' | 'category' | 'territory') => {
    const given = cell(field);
    return given === undefined ? undefined : lookup(mapping.values[field], given);
  };
  const typeWord = word('type') ?? mapping.defaults.type;
  const type = typeWord ? oneOf(appealTypes, typeWord) : undefined;
  if (!type) refuse('type', typeWord ? `unknown type "${typeWord}" (add it to values.type)` : 'empty');
  const channelWord = word('channel') ?? mapping.defaults.channel ?? 'post';
  const channel = oneOf(channels, channelWord);
  if (!channel) refuse('channel', `unknown channel "${channelWord}" (add it to values.channel)`);
  const statusWord = word('status') ?? mapping.defaults.status;
  const status = statusWord ? oneOf(importStatuses, statusWord) : undefined;
  if (!status)
    refuse('status', statusWord ? `unknown status "${statusWord}" (add it to values.status)` : 'empty');

  const unitWord = word('unit') ?? mapping.defaults.unit;
  const unit = unitWord ? ref.unitByCode(unitWord) : undefined;
  if (!unit) refuse('unit', unitWord ? `unknown unit "${unitWord}" (add it to values.unit)` : 'empty');
  const territoryWord = word('territory');
  if (territoryWord && !ref.hasTerritory(territoryWord))
    refuse('territory', `unknown territory "${territoryWord}" (add it to values.territory)`);
  const categoryWord = word('category');
  if (categoryWord && !ref.hasCategory(categoryWord))
    refuse('category', `unknown category "${categoryWord}" (add it to values.category)`);

  const text = cell('text') ?? '';
  if (text.length < limits.textMinChars) refuse('text', `shorter than ${limits.textMinChars} characters`);
  else if (text.length > limits.textMaxChars) refuse('text', `longer than ${limits.textMaxChars} characters`);

  const applicant = readApplicant(cell);
  if (!applicant.ok) refuse(applicant.field, applicant.reason);

  const answer = cell('answer') ?? null;
  const answeredAt = parseImportDate(raw('answeredAt'), mapping.dateFormat) ?? null;
  if (cell('answeredAt') && !answeredAt) refuse('answeredAt', `not a date (${mapping.dateFormat})`);
  const outcomeWord = word('outcome') ?? (status === 'answered' ? mapping.defaults.outcome : undefined);
  const outcome = outcomeWord ? oneOf(outcomes, outcomeWord) : undefined;
  if (outcomeWord && !outcome)
    refuse('outcome', `unknown outcome "${outcomeWord}" (add it to values.outcome)`);
  if (status && closedStatuses.includes(status)) {
    if (!answeredAt && !cell('answeredAt')) refuse('answeredAt', `empty, but the appeal is ${status}`);
    if (answeredAt && receivedAt && answeredAt.getTime() < receivedAt.getTime())
      refuse('answeredAt', 'before the appeal was received');
    if (answeredAt && answeredAt.getTime() > ref.now.getTime()) refuse('answeredAt', 'in the future');
  } else if (status && (answeredAt || answer)) {
    refuse(answeredAt ? 'answeredAt' : 'answer', `given, but the appeal is still ${status}`);
  }
  if (status === 'answered') {
    if (!answer) refuse('answer', 'empty, but the appeal is answered');
    if (!outcomeWord) refuse('outcome', 'empty, but the appeal is answered (or give defaults.outcome)');
  }
  if (answer && answer.length > 50_000) refuse('answer', 'longer than 50,000 characters');

  if (problems.length > 0 || !receivedAt || !type || !channel || !status || !unit || !applicant.ok)
    return { ok: false, problems };

  const year = Number(localDateOf(receivedAt).slice(0, 4));
  const candidate = sourceNumber?.toUpperCase() ?? '';
  const keep =
    APPEAL_NUMBER_PATTERN.test(candidate) && candidate.slice(4, 8) === String(year)
      ? { number: candidate, year, seq: Number(candidate.slice(9)) }
      : null;
  return {
    ok: true,
    value: {
      row,
      key: externalId ? `ext:${externalId}` : `num:${sourceNumber}`,
      sourceNumber,
      keep: keep && keep.seq > 0 ? keep : null,
      receivedAt,
      type,
      channel,
      form: formOfChannel[channel],
      applicant: applicant.applicant,
      text,
      unitCode: unit.code,
      territoryCode: territoryWord ?? unit.territoryCode,
      categoryCode: categoryWord ?? null,
      status,
      answer: status === 'answered' || status === 'not_considered' ? answer : null,
      answeredAt: status && closedStatuses.includes(status) ? answeredAt : null,
      outcome: status === 'answered' ? (outcome ?? null) : null,
      forwardedTo: status === 'forwarded' ? (cell('forwardedTo') ?? null) : null,
    },
  };
}
