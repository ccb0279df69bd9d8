import { randomBytes } from 'node:crypto';
import { normalizeUzPhone } from '../../contracts/appeal.schema.ts';
import { type AppealStatus, type AppealType, finalStatuses, type UiLanguage } from '../../contracts/enums.ts';
import { errorMessage } from '../../contracts/errors.ts';
import { limits } from '../../contracts/limits.ts';
import { publicHistoryWords } from '../../contracts/public-history-words.ts';
import { registerAppeal } from '../appeals/register-appeal.ts';
import type { AppContext } from '../context.ts';
import { endOfDay, localDateOf } from '../deadlines/calendar.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import { authenticateIntegration } from '../integrations/integration-keys.ts';
import type { GeoError, GeoValue } from './georeport.ts';
import { findServiceRequests, type ServiceRequestRow } from './open311.repository.ts';

// The service requests of GeoReport v2: an Open311 client posts one (it becomes an appeal through the
// ordinary registration), and anyone may read the ones that came in this way, without personal data and
// without the words of a confidential one.

/** A request GeoReport refuses: the HTTP status and the specification's list of errors. */
export class GeoReportError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429,
    readonly errors: GeoError[],
  ) {
    super(errors.map((e) => e.description).join('; '));
  }
}

const bad = (description: string) => new GeoReportError(400, [{ code: 400, description }]);

/** The most requests one answer holds, and the widest date range one query may ask for (both per the spec). */
export const MAX_REQUESTS = 1000;
const MAX_RANGE_MS = 90 * 86_400_000;
const MAX_IDS = 200;

/** Which endpoint answers: the production one, or the sandbox that checks requests and keeps nothing. */
export type Endpoint = 'production' | 'sandbox';

// ---------------------------------------------------------------------------------------------------------
// Reading

/** A query or form value as a list: repeated parameters and comma-separated ones alike. */
function listParam(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const parts = (Array.isArray(value) ? value : [value])
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  // "Optional" means an empty parameter is the same as none.
  return parts.length > 0 ? parts : undefined;
}

function singleParam(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

const w3cDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function dateParam(name: string, value: unknown): Date | undefined {
  const text = singleParam(value);
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (!w3cDateTime.test(text) || Number.isNaN(date.getTime()))
    throw bad(`${name} must be a W3C date and time with a time zone, e.g. 2026-01-01T00:00:00Z`);
  return date;
}

/**
 * Complaints about officers (read so at intake or marked so by staff), anonymous appeals, and urgent ones (a
 * crime or a threat to life): listed by status only, never their words, their place or the unit examining them.
 */
function isConfidential(row: ServiceRequestRow): boolean {
  return row.about_officer || row.urgent || row.applicant_kind === 'anonymous';
}

const emails = /[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+/g;
const longNumbers = /\+?\d[\d\s().-]{7,}\d/g;

/**
 * A description as the public reads it: e-mail addresses and phone-like or PINFL-like digit runs are
 * blanked, in case the person wrote their contact into the text.
 */
export function publicDescription(text: string): string {
  return text
    .replace(emails, '[…]')
    .replace(longNumbers, (run) => (run.replace(/\D/g, '').length >= 9 ? '[…]' : run));
}

function present(ctx: AppContext, row: ServiceRequestRow, locale: UiLanguage): GeoValue {
  const ref = ctx.reference();
  const status: AppealStatus = isAppealStatus(row.public_status) ? row.public_status : 'registered';
  const hidden = isConfidential(row);
  const category = row.category_code ? ref.categories.get(row.category_code) : undefined;
  const unit = ref.units.byId(row.owner_unit_id);
  return {
    service_request_id: row.number,
    status: finalStatuses.includes(status) ? 'closed' : 'open',
    status_notes: publicHistoryWords[locale].statuses[status],
    service_name: category?.names[locale] ?? null,
    service_code: row.category_code,
    description: hidden ? null : publicDescription(row.text),
    agency_responsible: hidden ? null : (unit?.names[locale] ?? null),
    service_notice: null,
    requested_datetime: row.received_at.toISOString(),
    updated_datetime: new Date(row.public_status_at ?? row.received_at).toISOString(),
    expected_datetime: endOfDay(row.due_on).toISOString(),
    address: hidden ? null : row.place,
    address_id: null,
    zipcode: null,
    lat: hidden ? null : row.lat,
    long: hidden ? null : row.lon,
    media_url: null,
  };
}

function isAppealStatus(value: string | null): value is AppealStatus {
  return value !== null && value in publicHistoryWords.uz.statuses;
}

/** GET requests: the standard filters, at most 90 days and 1000 requests. */
export async function listServiceRequests(
  ctx: AppContext,
  endpoint: Endpoint,
  query: Record<string, unknown>,
  locale: UiLanguage,
): Promise<GeoValue[]> {
  const numbers = listParam(query.service_request_id);
  const serviceCodes = listParam(query.service_code);
  const statuses = listParam(query.status);
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw bad('status must be open or closed');
  let from = dateParam('start_date', query.start_date);
  let to = dateParam('end_date', query.end_date);
  if (numbers && numbers.length > MAX_IDS) throw bad(`at most ${MAX_IDS} service_request_id at once`);
  if (from && to && to.getTime() < from.getTime()) throw bad('end_date is before start_date');
  if (from && to && to.getTime() - from.getTime() > MAX_RANGE_MS)
    throw bad('start_date and end_date may not span more than 90 days');
  if (!from && !to) to = ctx.clock.now();
  if (to && !from) from = new Date(to.getTime() - MAX_RANGE_MS);
  if (from && !to) to = new Date(from.getTime() + MAX_RANGE_MS);
  // The sandbox keeps nothing, so it has nothing to list.
  if (endpoint === 'sandbox' || !from || !to) return [];
  const status = statuses && statuses.length === 1 ? (statuses[0] as 'open' | 'closed') : undefined;
  const rows = await findServiceRequests(ctx.db, {
    numbers,
    serviceCodes,
    from,
    to,
    status,
    limit: MAX_REQUESTS,
  });
  return rows.map((row) => present(ctx, row, locale));
}

/** GET a request by its id (the appeal's number); 404 for any number Open311 did not receive. */
export async function getServiceRequest(
  ctx: AppContext,
  endpoint: Endpoint,
  id: string,
  locale: UiLanguage,
): Promise<GeoValue[]> {
  const notFound = new GeoReportError(404, [
    { code: 404, description: `service_request_id ${id} not found` },
  ]);
  if (endpoint === 'sandbox' || id.length > 40) throw notFound;
  const rows = await findServiceRequests(ctx.db, {
    numbers: [id],
    from: new Date(0),
    to: new Date(0),
    limit: 1,
  });
  const row = rows[0];
  if (!row) throw notFound;
  return [present(ctx, row, locale)];
}

// ---------------------------------------------------------------------------------------------------------
// Posting

const noticeTexts: Record<UiLanguage, (number: string, due: string) => string> = {
  uz: (n, d) => `Murojaat ${n} raqami bilan roʻyxatga olindi. Koʻrib chiqish muddati: ${d}.`,
  oz: (n, d) => `Мурожаат ${n} рақами билан рўйхатга олинди. Кўриб чиқиш муддати: ${d}.`,
  ru: (n, d) => `Обращение зарегистрировано под номером ${n}. Срок рассмотрения: ${d}.`,
  en: (n, d) => `Registered as appeal ${n}. To be considered by ${d}.`,
};
const accessCodeTexts: Record<UiLanguage, (code: string) => string> = {
  uz: (c) => ` Maxfiy kod: ${c} (javobni oʻqish uchun, faqat arizachiga bering).`,
  oz: (c) => ` Махфий код: ${c} (жавобни ўқиш учун, фақат аризачига беринг).`,
  ru: (c) => ` Секретный код: ${c} (для чтения ответа, сообщите только заявителю).`,
  en: (c) => ` Access code: ${c} (to read the answer; give it to the applicant only).`,
};
const sandboxNotice: Record<UiLanguage, string> = {
  uz: 'Sinov: soʻrov tekshirildi, lekin roʻyxatga olinmadi.',
  oz: 'Синов: сўров текширилди, лекин рўйхатга олинмади.',
  ru: 'Тест: запрос проверен, но не зарегистрирован.',
  en: 'Test: the request was checked but not registered.',
};

const appealTypes: readonly AppealType[] = ['ariza', 'taklif', 'shikoyat'];

/** What a posted service request becomes, checked field by field as GeoReport errors. */
function readPost(ctx: AppContext, body: Record<string, unknown>) {
  const ref = ctx.reference();
  const serviceCode = singleParam(body.service_code);
  if (!serviceCode) throw bad('service_code was not provided');
  const category = ref.categories.get(serviceCode);
  if (!category?.active)
    throw new GeoReportError(404, [{ code: 404, description: `service_code ${serviceCode} not found` }]);

  const errors: string[] = [];
  const latText = singleParam(body.lat);
  const longText = singleParam(body.long);
  const lat = latText === undefined ? undefined : Number(latText);
  const lon = longText === undefined ? undefined : Number(longText);
  if ((lat === undefined) !== (lon === undefined)) errors.push('lat and long must be sent together');
  if (lat !== undefined && !(Number.isFinite(lat) && Math.abs(lat) <= 90))
    errors.push('lat is not a latitude');
  if (lon !== undefined && !(Number.isFinite(lon) && Math.abs(lon) <= 180))
    errors.push('long is not a longitude');
  const address = singleParam(body.address_string) ?? singleParam(body.address_id);
  if (lat === undefined && lon === undefined && address === undefined)
    errors.push('a location is required: lat and long, address_string or address_id');
  if (address && address.length > limits.placeMaxChars)
    errors.push(`address_string is longer than ${limits.placeMaxChars} characters`);

  const description = singleParam(body.description);
  if (!description) errors.push('description was not provided');
  else if (description.length < limits.textMinChars)
    errors.push(`description is shorter than ${limits.textMinChars} characters`);
  else if (description.length > 4000) errors.push('description is longer than 4,000 characters');
  const mediaUrl = singleParam(body.media_url);
  if (mediaUrl && (mediaUrl.length > 500 || !/^https?:\/\/\S+$/i.test(mediaUrl)))
    errors.push('media_url is not an http(s) URL');

  const email = singleParam(body.email)?.toLowerCase();
  if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
    errors.push('email is not an e-mail address');
  const phoneText = singleParam(body.phone);
  const phone = phoneText ? normalizeUzPhone(phoneText) : undefined;
  if (phoneText && !phone) errors.push('phone is not an Uzbek phone number (+998XXXXXXXXX)');
  const firstName = singleParam(body.first_name);
  const lastName = singleParam(body.last_name);
  if ((firstName?.length ?? 0) > limits.nameMaxChars || (lastName?.length ?? 0) > limits.nameMaxChars)
    errors.push(`first_name and last_name are at most ${limits.nameMaxChars} characters`);

  const typeText = singleParam(body['attribute[appeal_type]']);
  const type = appealTypes.find((t) => t === typeText);
  if (typeText && !type) errors.push('attribute[appeal_type] must be ariza, taklif or shikoyat');
  const territory = singleParam(body['attribute[territory]']);
  if (territory && !ref.territories.get(territory)?.active) errors.push('attribute[territory] is not known');

  if (errors.length > 0)
    throw new GeoReportError(
      400,
      errors.map((description) => ({ code: 400, description })),
    );
  return {
    category: category.code,
    type: type ?? 'ariza',
    territory,
    text: mediaUrl ? `${description}\n\n${mediaUrl}` : (description ?? ''),
    location: { place: address, lat, lon },
    applicant: { firstName, lastName, email, phone },
    accountId: singleParam(body.account_id) ?? null,
  };
}

/**
 * POST a request: the key must be live and allowed `open311`; the request is registered as an appeal on the
 * `open311` channel through the ordinary registration (the sandbox checks it the same way and keeps nothing).
 * The applicant's access code is told only to a key also allowed `personal-data`.
 */
export async function postServiceRequest(
  ctx: AppContext,
  endpoint: Endpoint,
  body: Record<string, unknown>,
  locale: UiLanguage,
): Promise<GeoValue[]> {
  let integration: Awaited<ReturnType<typeof authenticateIntegration>>;
  try {
    integration = await authenticateIntegration(ctx, singleParam(body.api_key), 'open311');
  } catch (error) {
    if (error instanceof AppError)
      throw new GeoReportError(403, [{ code: 403, description: errorMessage(error.code, locale) }]);
    throw error;
  }
  const post = readPost(ctx, body);
  if (endpoint === 'sandbox')
    return [
      {
        service_request_id: `TEST-${randomBytes(6).toString('hex')}`,
        service_notice: sandboxNotice[locale],
        account_id: post.accountId,
      },
    ];
  const { firstName, lastName, email, phone } = post.applicant;
  const missing: ('name' | 'address')[] = [];
  if (!firstName || !lastName) missing.push('name');
  // A client sends where the problem is, not where the applicant lives, which the law asks for.
  missing.push('address');
  let registered: Awaited<ReturnType<typeof registerAppeal>>;
  try {
    registered = await registerAppeal({
      ctx,
      channel: 'open311',
      missingDetails: missing,
      integrationId: integration.id,
      input: {
        type: post.type,
        applicant: {
          kind: 'individual',
          lastName: lastName ?? '',
          firstName: firstName ?? '',
          patronymic: undefined,
          address: '',
          phone: phone ?? undefined,
          email,
          pinfl: undefined,
        },
        text: post.text,
        territory: post.territory,
        category: post.category,
        location: post.location,
        answerLanguage: undefined,
        answerChannel: email ? 'email' : phone ? 'sms' : 'web',
        consent: true,
      },
    });
  } catch (error) {
    if (error instanceof FieldValidationError)
      throw new GeoReportError(
        400,
        error.problems.map((p) => ({ code: 400, description: `${p.path} is not valid` })),
      );
    throw error;
  }
  const due = localDateOf(new Date(registered.dueAt));
  const notice =
    noticeTexts[locale](registered.number, due) +
    (integration.scopes.includes('personal-data') ? accessCodeTexts[locale](registered.accessCode) : '');
  return [{ service_request_id: registered.number, service_notice: notice, account_id: post.accountId }];
}
