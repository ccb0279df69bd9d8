// Realistic appeals for development and benchmarks, generated without any I/O: the same seed, size,
// span and end instant always give the same appeals in the same order. The COPY writer
// (./copy-seed.ts) adds what needs the data key (hashes, encrypted applicant blobs).
import {
  type AnswerLanguage,
  type AppealStatus,
  type AppealType,
  appealStatuses,
  type Channel,
} from '../../contracts/enums.ts';
import { canonicalLatin, looseKey } from '../../nlp/normalize.ts';
import { mulberry32 } from '../../nlp/random.ts';
import { toCyrillic } from '../../nlp/transliterate.ts';
import { addDays, daysBetween, isoWeekday, type LocalDate, localDateOf } from '../deadlines/calendar.ts';
import { type AppealClock, startClock } from '../deadlines/legal-clock.ts';
import type { ReferenceSnapshot } from '../routing/reference-snapshot.ts';
import { decideRoute } from '../routing/route-appeal.ts';
import { decideStartingRoute, type StartingRoute } from '../routing/starting-route.ts';
import type { Unit } from '../routing/unit-directory.ts';
import { at, hash32, pick, type Random, sample, Weighted, weighted } from './seed-random.ts';
import { planExecutors, type SeedExecutor } from './seed-staff.ts';
import {
  campaigns,
  english,
  type LanguageTexts,
  names,
  russian,
  type Topic,
  topicOfCategory,
  uzLatin,
} from './seed-texts.ts';
import { simulateLife } from './simulate-life.ts';

/** What the generator reads from the reference data. */
export type SeedReference = Pick<
  ReferenceSnapshot,
  'territories' | 'categories' | 'units' | 'rules' | 'calendar' | 'clockSettings'
>;

export interface SeedOptions {
  appeals: number;
  seed: number;
  years: number;
  /** The instant the generated history ends at (the newest appeal is received before it). */
  until: Date;
  /** The id of the first generated appeal; ids are consecutive. */
  firstId: number;
  /** The last sequence number already used per year (from appeal_counters); numbering continues after it. */
  lastSeq: ReadonlyMap<number, number>;
}

/** A generated applicant, in the shape the intake API stores (encrypted) for an appeal. */
export type SeedApplicant =
  | {
      kind: 'individual';
      lastName: string;
      firstName: string;
      patronymic?: string;
      address: string;
      phone?: string;
      email?: string;
      pinfl?: string;
    }
  | {
      kind: 'legal_entity';
      organization: string;
      address: string;
      representative?: string;
      phone?: string;
      email?: string;
      taxId?: string;
    };

export interface SeedEvent {
  at: Date;
  event: string;
  fromStatus: AppealStatus | null;
  toStatus: AppealStatus | null;
  actorKind: 'applicant' | 'staff' | 'system';
  public: boolean;
  unitId: number | null;
  data: Record<string, unknown>;
}

export interface SeedAnswer {
  kind: 'answer' | 'conclusion';
  body: string;
  outcome: 'satisfied' | 'explained' | 'rejected' | null;
  status: 'draft' | 'returned' | 'approved';
  createdAt: Date;
  reviewedAt: Date | null;
  reviewComment: string | null;
}

/** One generated appeal with its history, units and answers; columns named as in the database. */
export interface SeedAppeal {
  id: number;
  number: string;
  year: number;
  seq: number;
  accessCode: string;
  applicant: SeedApplicant | null;
  /** Values to hash for look-ups, as intake hashes them. */
  lookup: { phone: string | null; pinfl: string | null; email: string | null; name: string | null };
  type: AppealType;
  form: 'oral' | 'written' | 'electronic';
  channel: Channel;
  status: AppealStatus;
  applicantKind: 'individual' | 'legal_entity' | 'anonymous';
  text: string;
  textLatin: string;
  language: 'uz' | 'oz' | 'ru' | 'en' | null;
  answerLanguage: AnswerLanguage;
  answerChannel: 'web' | 'email' | 'sms' | 'telegram' | 'post';
  territoryCode: string | null;
  categoryCode: string | null;
  signatories: number | null;
  urgent: boolean;
  urgencyReason: string | null;
  aboutOfficer: boolean;
  subjectUnitId: number | null;
  ownerUnitId: number;
  scopeUnits: number[];
  parentId: number | null;
  linkKind: 'repeat' | 'complaint' | null;
  mergedIntoId: number | null;
  receivedAt: Date;
  clock: AppealClock;
  infoDueOn: LocalDate | null;
  routedAt: Date | null;
  routingConfidence: number | null;
  outcome: 'satisfied' | 'explained' | 'rejected' | null;
  closedAt: Date | null;
  forwardedTo: string | null;
  /** The login of its executor at `until` (a seeded account of the owner unit); the writer maps it to an id. */
  executor: string | null;
  rating: number | null;
  ratedAt: Date | null;
  updatedAt: Date;
  units: { unitId: number; role: 'lead' | 'co'; position: number; assignedAt: Date }[];
  events: SeedEvent[];
  answers: SeedAnswer[];
  /**
   * For a complaint about an earlier answer: the earlier appeal's history line and the units added to
   * its scope, as intake's share with the examiners writes them (the writer applies them to that appeal).
   */
  shareWithExaminers: { appealId: number; units: number[]; event: SeedEvent } | null;
}

const DAY_MS = 86_400_000;
const TASHKENT_MS = 5 * 3_600_000;
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * The access code of a seeded appeal, derived from the seed and its number so that benchmarks can
 * track seeded appeals. Seeded data is for development and benchmarks only: anyone with the seed
 * knows the codes.
 */
export function seededAccessCode(seed: number, number: string): string {
  const random = mulberry32(hash32(`${seed}:code:${number}`));
  let code = '';
  for (let i = 0; i < 8; i++) code += CODE_ALPHABET[Math.floor(random() * 32)];
  return code;
}

/** The public number, as intake formats it. */
export function seedNumber(year: number, seq: number): string {
  return `IIV-${year}-${String(seq).padStart(7, '0')}`;
}

// Shares from the public figures in docs/domain.md (top grievances: rude officers, poor investigations)
// and common sense for a police appeals desk; documented in docs/performance.md.
const categoryWeights: Readonly<Record<string, number>> = {
  officer_conduct: 8,
  officer_corruption: 2,
  unlawful_detention: 1.5,
  investigation_complaint: 7,
  crime_report: 6,
  threat_to_life: 1,
  domestic_violence: 3,
  missing_person: 0.8,
  theft: 7,
  fraud: 8,
  cybercrime: 3,
  drugs: 0.8,
  road_traffic: 6,
  traffic_fines: 6,
  driving_licence: 4,
  passport_id: 6,
  residence_registration: 5,
  citizenship: 1.5,
  foreigners: 1.5,
  exit_abroad: 2,
  weapons_licence: 0.5,
  security_licence: 0.3,
  neighbour_dispute: 6,
  property_money_dispute: 7,
  public_order: 3,
  juvenile: 1.5,
  mahalla_inspector: 2,
  certificates: 3,
  police_employment: 1.5,
  police_work_proposal: 1,
  gratitude: 1,
  other: 3,
};

const channelWeights: readonly (readonly [Channel, number])[] = [
  ['web', 34],
  ['telegram', 20],
  ['hotline', 15],
  ['reception', 10],
  ['virtual_reception', 11],
  ['post', 4],
  ['email', 4],
  ['sms', 2],
];

const formOfChannel: Record<Channel, 'oral' | 'written' | 'electronic'> = {
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

// Appeals by hour of the day (Tashkent): a working-day hump with an evening tail from the web.
const hourWeights = [
  0.3, 0.2, 0.15, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 4.5, 5.5, 5.5, 4.5, 4.5, 5, 5, 4.5, 3.5, 2.8, 2.5, 2.2, 1.8,
  1.2, 0.6,
];

/** The language and script an appeal is written in. */
export type Script = 'uz' | 'oz' | 'ru' | 'en';

interface Campaign {
  category: string;
  region: string;
  districts: string[];
  startDay: number;
  days: number;
  total: number;
  uz: string;
  ru: string;
}

interface RegionInfo {
  code: string;
  districts: string[];
}

/** How often an appeal of a category is urgent (a threat, violence at home, a crime just reported). */
function urgentChanceOf(categoryCode: string): number {
  return categoryCode === 'threat_to_life'
    ? 0.8
    : categoryCode === 'domestic_violence'
      ? 0.3
      : categoryCode === 'crime_report'
        ? 0.15
        : 0;
}

/** Where routing by category sends an appeal once it waits in its territory's appeals unit. */
function routedLead(ref: SeedReference, categoryCode: string, territoryCode: string): Unit {
  return decideRoute(ref.units, ref.rules, {
    categoryCode,
    territoryCode,
    categoryService: ref.categories.get(categoryCode)?.service ?? null,
    officerComplaint: false,
  }).unit;
}

// About one appeal in a hundred complains about an answer (6 % link to an earlier one, 15 % of those as a
// complaint) and goes to the appeals unit above the one that answered.
const COMPLAINT_SHARE = 0.01;

/**
 * Each unit's expected share of the appeals it would work once routed, from the same weights and routing
 * decisions the generator samples (region by population, district evenly, category, urgency, complaints
 * about an officer), and the appeals units above them that complaints about their answers go to. It sizes
 * each unit's executors before the first appeal exists; every unit an appeal can be worked in is here.
 */
function ownerShares(
  ref: SeedReference,
  regions: readonly (readonly [RegionInfo, number])[],
  categories: readonly (readonly [string, number])[],
): Map<number, number> {
  const shares = new Map<number, number>();
  const add = (unit: Unit, share: number) => shares.set(unit.id, (shares.get(unit.id) ?? 0) + share);
  const regionTotal = regions.reduce((sum, [, w]) => sum + w, 0);
  const categoryTotal = categories.reduce((sum, [, w]) => sum + w, 0);
  // Complaints about an answer may name any unit that answered or forwarded: the owners, and the appeals
  // units that forward what they registered.
  const answering = new Map<number, Unit>();
  for (const [region, regionWeight] of regions) {
    for (const territoryCode of region.districts) {
      const district = regionWeight / regionTotal / region.districts.length;
      const intake = decideStartingRoute(ref.units, {
        territoryCode,
        urgent: false,
        officerComplaint: 'none',
        anonymous: false,
      }).holder;
      answering.set(intake.id, intake);
      for (const [categoryCode, categoryWeight] of categories) {
        const officerComplaint = ref.categories.get(categoryCode)?.officerComplaint ? 'confirmed' : 'none';
        const urgentChance = urgentChanceOf(categoryCode);
        for (const urgent of [false, true]) {
          const chance = urgent ? urgentChance : 1 - urgentChance;
          if (chance === 0) continue;
          const start = decideStartingRoute(ref.units, {
            territoryCode,
            urgent,
            officerComplaint,
            anonymous: false,
          });
          const owner = start.routedEvent ? start.holder : routedLead(ref, categoryCode, territoryCode);
          add(owner, district * (categoryWeight / categoryTotal) * chance);
          answering.set(owner.id, owner);
        }
      }
    }
  }
  // Up the tree: a complaint about the higher unit's answer goes higher again, up to the ministry.
  let level = [...answering.values()];
  while (level.length > 0) {
    const above = new Map<number, Unit>();
    for (const unit of level) {
      const higher = decideStartingRoute(ref.units, {
        territoryCode: unit.territoryCode,
        urgent: false,
        officerComplaint: 'none',
        anonymous: false,
        complaintAgainstUnit: unit,
      }).holder;
      const known = shares.has(higher.id);
      add(higher, (shares.get(unit.id) ?? 0) * COMPLAINT_SHARE);
      if (!known && higher.id !== unit.id) above.set(higher.id, higher);
    }
    level = [...above.values()];
  }
  return shares;
}

/** Everything fixed for a run before the first appeal: the calendar of counts, caches, pickers. */
class SeedPlan {
  readonly ref: SeedReference;
  readonly options: SeedOptions;
  readonly startDay: LocalDate;
  readonly dayCount: number;
  readonly perDay: Int32Array;
  readonly campaignPerDay: Int32Array[];
  readonly campaigns: Campaign[];
  readonly regions: Weighted<RegionInfo>;
  readonly categories: Weighted<string>;
  readonly channels = new Weighted(channelWeights);
  readonly hours = new Weighted(hourWeights.map((w, h) => [h, w] as const));
  readonly today: LocalDate;
  /** The executor accounts of each unit that works appeals. */
  readonly executors: Map<number, SeedExecutor[]>;

  constructor(ref: SeedReference, options: SeedOptions) {
    this.ref = ref;
    this.options = options;
    this.today = localDateOf(options.until);
    this.startDay = addDays(this.today, -Math.max(1, Math.round(options.years * 365)) + 1);
    this.dayCount = daysBetween(this.startDay, this.today) + 1;

    const regions: [RegionInfo, number][] = [];
    for (const region of ref.territories.values()) {
      if (region.kind !== 'region' || !region.active) continue;
      // District populations are not published: a region's appeals are spread evenly over its districts
      // and cities (documented in docs/performance.md).
      const districts = [...ref.territories.values()]
        .filter((t) => t.parentCode === region.code && t.active)
        .map((t) => t.code);
      regions.push([
        { code: region.code, districts: districts.length ? districts : [region.code] },
        region.population ?? 1_000_000,
      ]);
    }
    this.regions = new Weighted(regions);
    const categories = [...ref.categories.values()]
      .filter((c) => c.active)
      .map((c) => [c.code, categoryWeights[c.code] ?? 1] as const);
    this.categories = new Weighted(categories);
    this.executors = planExecutors(
      ref.units,
      ownerShares(ref, regions, categories),
      options.appeals / options.years,
    );

    const random = mulberry32(hash32(`${options.seed}:plan`));
    const weights = new Float64Array(this.dayCount);
    for (let d = 0; d < this.dayCount; d++) {
      const day = addDays(this.startDay, d);
      const weekday = isoWeekday(day);
      const growth = 1.3 ** (d / 365);
      const week = weekday === 7 ? 0.35 : weekday === 6 ? 0.55 : 1;
      const holiday = weekday < 6 && !ref.calendar.isWorkingDay(day) ? 0.4 : 1;
      const season = 1 + 0.12 * Math.sin((2 * Math.PI * d) / 365);
      weights[d] = growth * week * holiday * season * (0.9 + 0.2 * random());
    }
    // The last day is only partly over at `until`.
    const lastDayStart = Date.parse(`${this.today}T00:00:00Z`) - TASHKENT_MS;
    const lastFraction = Math.min(1, Math.max(0.05, (options.until.getTime() - lastDayStart) / DAY_MS));
    weights[this.dayCount - 1] = (weights[this.dayCount - 1] ?? 0) * lastFraction;

    // One or two mass campaigns: bursts of near-identical appeals from many people in one region.
    this.campaigns = [];
    const regionInfos = regions.map(([r]) => r);
    const campaignShares = options.appeals >= 2_000 ? [0.012, 0.006] : options.appeals >= 200 ? [0.02] : [];
    campaignShares.forEach((share, c) => {
      const spec = at(campaigns, c);
      const days = c === 0 ? 7 : 5;
      const startDay = Math.floor(this.dayCount * (c === 0 ? 0.62 : 0.86));
      const region = pick(random, regionInfos);
      this.campaigns.push({
        category: spec.category,
        region: region.code,
        districts: region.districts,
        startDay: Math.min(startDay, Math.max(0, this.dayCount - days)),
        days,
        total: Math.round(options.appeals * share),
        uz: spec.uz,
        ru: spec.ru,
      });
    });
    const campaignTotal = this.campaigns.reduce((n, c) => n + c.total, 0);
    this.perDay = apportion(weights, options.appeals - campaignTotal);
    this.campaignPerDay = this.campaigns.map((c) => {
      const shape = new Float64Array(this.dayCount);
      for (let k = 0; k < c.days && c.startDay + k < this.dayCount; k++) {
        // A campaign flares up, peaks on its second day and fades.
        shape[c.startDay + k] = k === 0 ? 0.6 : 1 / k;
      }
      return apportion(shape, c.total);
    });
  }
}

/** Splits `total` over days in proportion to `weights` (largest remainder), so counts add up exactly. */
function apportion(weights: Float64Array, total: number): Int32Array {
  let sum = 0;
  for (const w of weights) sum += w;
  const out = new Int32Array(weights.length);
  if (total <= 0 || sum <= 0) return out;
  const remainders: [number, number][] = [];
  let given = 0;
  weights.forEach((w, i) => {
    const exact = (w / sum) * total;
    const whole = Math.floor(exact);
    out[i] = whole;
    given += whole;
    remainders.push([exact - whole, i]);
  });
  remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; k < total - given; k++) {
    const index = at(remainders, k)[1];
    out[index] = (out[index] ?? 0) + 1;
  }
  return out;
}

/** Texts are built from whole sentences, so the canonical Latin form is the sentences' forms joined. */
class TextCache {
  readonly #latin = new Map<string, string>();
  readonly #cyrillic = new Map<string, string>();

  latin(sentence: string): string {
    let out = this.#latin.get(sentence);
    if (out === undefined) {
      out = canonicalLatin(sentence);
      if (this.#latin.size > 300_000) this.#latin.clear();
      this.#latin.set(sentence, out);
    }
    return out;
  }

  cyrillic(sentence: string): string {
    let out = this.#cyrillic.get(sentence);
    if (out === undefined) {
      out = toCyrillic(sentence);
      if (this.#cyrillic.size > 300_000) this.#cyrillic.clear();
      this.#cyrillic.set(sentence, out);
    }
    return out;
  }
}

interface TextSlots {
  district: string;
  number: string;
}

function fill(template: string, texts: LanguageTexts, slots: TextSlots, random: Random): string {
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    switch (slot) {
      case 'district':
        return slots.district;
      case 'place':
        return pick(random, texts.places);
      case 'when':
        return pick(random, texts.when);
      case 'officer':
        return pick(random, texts.officers);
      case 'amount':
        return pick(random, ['200 000', '500 000', '1 200 000', '3 000 000', '5 000 000', '15 000 000']);
      case 'plate':
        return pick(random, ['01 A 123 BC', '10 K 777 AA', '40 S 250 DA', '30 M 901 RA', '01 Z 456 XY']);
      case 'number':
        return slots.number;
      default:
        return slot;
    }
  });
}

// How people type the Uzbek oʻ/gʻ and the tutuq: the proper letters, or whatever the keyboard has.
const apostropheStyles = ['ʻʼ', "''", '``', '‘’', "'ʼ"] as const;

function typedApostrophes(text: string, random: Random): string {
  const style = weighted(random, [
    [0, 40],
    [1, 35],
    [2, 8],
    [3, 12],
    [4, 5],
  ] as const);
  if (style === 0) return text;
  const chosen = at(apostropheStyles, style);
  const [turned = 'ʻ', tutuq = 'ʼ'] = [...chosen];
  return text.replace(/ʻ/g, turned).replace(/ʼ/g, tutuq);
}

interface BuiltText {
  text: string;
  latin: string;
}

/** Writes an appeal's text: greeting, who and where, the substance, details, the request, a closing. */
function buildText(
  cache: TextCache,
  random: Random,
  script: Script,
  topic: Topic,
  slots: TextSlots,
  extra: { repeatOf: boolean; campaign: Campaign | undefined },
): BuiltText {
  const texts = script === 'ru' ? russian : script === 'en' ? english : uzLatin;
  const sentences: string[] = [];
  const add = (template: string) => {
    if (template) sentences.push(fill(template, texts, slots, random));
  };
  add(pick(random, texts.greetings));
  if (random() < 0.7) add(pick(random, texts.intros));
  if (extra.repeatOf) add(pick(random, texts.repeat));
  if (extra.campaign) {
    add(script === 'ru' ? extra.campaign.ru : extra.campaign.uz);
  } else {
    // Lengths: most appeals are a short paragraph, some run to a page (a long right tail).
    const core = 1 + Math.floor(-Math.log(1 - random() * 0.999) * 1.3);
    const pool = texts.topics[topic];
    for (const sentence of sample(random, pool, core)) add(sentence);
    const details = Math.floor(-Math.log(1 - random() * 0.999) * 1.1);
    for (const sentence of sample(random, texts.details, details)) add(sentence);
  }
  add(pick(random, texts.requests));
  add(pick(random, texts.closings));
  const written = script === 'oz' ? sentences.map((s) => cache.cyrillic(s)) : sentences;
  const typed = script === 'uz' ? written.map((s) => typedApostrophes(s, random)) : written;
  return { text: typed.join(' '), latin: typed.map((s) => cache.latin(s)).join(' ') };
}

function phoneFor(random: Random): string {
  const operator = pick(random, ['90', '91', '93', '94', '95', '97', '98', '99', '33', '88', '77']);
  return `+998${operator}${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`;
}

function pinflFor(random: Random): string {
  const century = pick(random, ['3', '4', '5', '6']);
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
  const year = String(Math.floor(random() * 100)).padStart(2, '0');
  return `${century}${day}${month}${year}${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`;
}

interface Person {
  applicant: SeedApplicant | null;
  lookup: SeedAppeal['lookup'];
}

/** The applicant behind an applicant key, the same every time the key is seen. */
function personFor(
  seed: number,
  key: number,
  kind: 'individual' | 'legal_entity' | 'anonymous',
  districtName: string,
  nameKeys: Map<string, string>,
): Person {
  if (kind === 'anonymous')
    return { applicant: null, lookup: { phone: null, pinfl: null, email: null, name: null } };
  const random = mulberry32(hash32(`${seed}:applicant:${key}`));
  const street = pick(random, names.streets);
  const address = `${districtName}, ${street} koʻchasi, ${1 + Math.floor(random() * 120)}-uy`;
  const phone = random() < 0.92 ? phoneFor(random) : undefined;
  if (kind === 'legal_entity') {
    const organization = pick(random, names.organizations);
    const taxId = String(200_000_000 + Math.floor(random() * 99_999_999));
    const email = random() < 0.5 ? `info${key}@example.uz` : undefined;
    const applicant: SeedApplicant = {
      kind,
      organization,
      address,
      representative: `${pick(random, names.last)} ${pick(random, names.firstMale)}`,
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      taxId,
    };
    return {
      applicant,
      lookup: {
        phone: phone ?? null,
        pinfl: null,
        email: email ?? null,
        name: cachedLooseKey(nameKeys, organization),
      },
    };
  }
  const female = random() < 0.45;
  const last = pick(random, names.last);
  const lastName = female ? `${last}a` : last;
  const firstName = pick(random, female ? names.firstFemale : names.firstMale);
  const patronymic =
    random() < 0.85 ? `${pick(random, names.fathers)} ${female ? 'qizi' : 'oʻgʻli'}` : undefined;
  const pinfl = random() < 0.55 ? pinflFor(random) : undefined;
  const email =
    random() < 0.12 ? `${firstName.toLowerCase().replace(/[^a-z]/g, '')}${key}@mail.uz` : undefined;
  const applicant: SeedApplicant = {
    kind,
    lastName,
    firstName,
    ...(patronymic ? { patronymic } : {}),
    address,
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(pinfl ? { pinfl } : {}),
  };
  return {
    applicant,
    lookup: {
      phone: phone ?? null,
      pinfl: pinfl ?? null,
      email: email ?? null,
      name: cachedLooseKey(nameKeys, `${lastName} ${firstName} ${patronymic ?? ''}`),
    },
  };
}

function cachedLooseKey(cache: Map<string, string>, text: string): string {
  let key = cache.get(text);
  if (key === undefined) {
    key = looseKey(text);
    cache.set(text, key);
  }
  return key;
}

const STATUS_CODES: readonly AppealStatus[] = appealStatuses;

/** Facts kept per appeal so later ones can repeat, duplicate or complain about earlier ones. */
class History {
  readonly applicant: Int32Array;
  readonly kind: Uint8Array;
  readonly status: Uint8Array;
  readonly territory: Int16Array;
  readonly category: Int16Array;
  readonly year: Uint16Array;
  readonly seq: Int32Array;
  readonly script: Uint8Array;
  /** The unit holding it at `until` (a complaint about its answer goes to the unit above). */
  readonly owner: Int32Array;
  /** When it was closed (ms), 0 while open: only a closed appeal can be repeated or complained about. */
  readonly closedAt: Float64Array;

  constructor(size: number) {
    this.applicant = new Int32Array(size);
    this.kind = new Uint8Array(size);
    this.status = new Uint8Array(size);
    this.territory = new Int16Array(size);
    this.category = new Int16Array(size);
    this.year = new Uint16Array(size);
    this.seq = new Int32Array(size);
    this.script = new Uint8Array(size);
    this.owner = new Int32Array(size);
    this.closedAt = new Float64Array(size);
  }
}

const SCRIPTS: readonly Script[] = ['uz', 'oz', 'ru', 'en'];
const KINDS = ['individual', 'legal_entity', 'anonymous'] as const;

/** Plans a run: how many appeals fall on each day and in which year, before generating any. */
export function planSeed(ref: SeedReference, options: SeedOptions) {
  const plan = new SeedPlan(ref, options);
  const perYear = new Map<number, number>();
  for (let d = 0; d < plan.dayCount; d++) {
    const year = Number(addDays(plan.startDay, d).slice(0, 4));
    let n = plan.perDay[d] ?? 0;
    for (const c of plan.campaignPerDay) n += c[d] ?? 0;
    perYear.set(year, (perYear.get(year) ?? 0) + n);
  }
  return {
    plan,
    perYear,
    campaigns: plan.campaigns.map((c) => ({ ...c })),
    executors: [...plan.executors.values()].flat(),
  };
}

/**
 * Generates the appeals in order of receipt. Numbers are gap-free per year, continuing after
 * `options.lastSeq`; ids are consecutive from `options.firstId`.
 */
export function* generateAppeals(ref: SeedReference, options: SeedOptions): Generator<SeedAppeal> {
  const { plan } = planSeed(ref, options);
  const random = mulberry32(hash32(`${options.seed}:appeals`));
  const cache = new TextCache();
  const nameKeys = new Map<string, string>();
  const history = new History(options.appeals);
  const territoryCodes = [...ref.territories.keys()];
  const territoryIndex = new Map(territoryCodes.map((c, i) => [c, i]));
  const categoryCodes = [...ref.categories.keys()];
  const categoryIndex = new Map(categoryCodes.map((c, i) => [c, i]));
  const nextSeq = new Map<number, number>();
  const routes = new Map<string, Unit>();
  const starts = new Map<string, StartingRoute>();
  const clocks = new Map<string, AppealClock>();
  let index = 0;

  for (let d = 0; d < plan.dayCount && index < options.appeals; d++) {
    const day = addDays(plan.startDay, d);
    const dayStart = Date.parse(`${day}T00:00:00Z`) - TASHKENT_MS;
    const dayEnd = Math.min(dayStart + DAY_MS, options.until.getTime());
    const campaignCounts = plan.campaignPerDay.map((c) => c[d] ?? 0);
    const total = (plan.perDay[d] ?? 0) + campaignCounts.reduce((a, b) => a + b, 0);
    if (total === 0) continue;
    // The day's arrival instants, then which of them belong to a campaign.
    const instants: number[] = [];
    for (let k = 0; k < total; k++) {
      const hour = plan.hours.pick(random);
      const t = dayStart + hour * 3_600_000 + Math.floor(random() * 3_600_000);
      instants.push(Math.min(t, dayEnd - 1 - k));
    }
    instants.sort((a, b) => a - b);
    const campaignOf: (number | undefined)[] = new Array(total).fill(undefined);
    campaignCounts.forEach((count, c) => {
      let placed = 0;
      while (placed < count) {
        const slot = Math.floor(random() * total);
        if (campaignOf[slot] === undefined) {
          campaignOf[slot] = c;
          placed++;
        }
      }
    });

    for (let k = 0; k < total && index < options.appeals; k++, index++) {
      const receivedAt = new Date(at(instants, k));
      const campaignIndex = campaignOf[k];
      const campaign = campaignIndex === undefined ? undefined : plan.campaigns[campaignIndex];
      yield makeAppeal(index, receivedAt, campaign);
    }
  }

  function makeAppeal(i: number, receivedAt: Date, campaign: Campaign | undefined): SeedAppeal {
    const r = random;
    const year = Number(localDateOf(receivedAt).slice(0, 4));
    const seq = (nextSeq.get(year) ?? options.lastSeq.get(year) ?? 0) + 1;
    nextSeq.set(year, seq);
    const id = options.firstId + i;
    const number = seedNumber(year, seq);

    // Who writes: mostly new people; some write again (repeats, duplicates, regular writers).
    const roll = r();
    let linkKind: 'repeat' | 'complaint' | null = null;
    let parentIndex = -1;
    let duplicateOf = -1;
    let applicantKey = i;
    let kindIndex: number = weighted(r, [
      [0, 93],
      [1, 4],
      [2, 3],
    ] as const);
    if (!campaign && i > 50) {
      // How far back: exponential with a mean of min(i, 30,000) appeals, truncated to the i appeals there are
      // (clamping instead sent every draw beyond the first appeal to appeal #0, whose district and category
      // then recurred ~1,000 times in the first 30,000).
      const earlier = () => {
        const scale = Math.min(i, 30_000);
        const reach = 1 - Math.exp(-(i - 1) / scale);
        return i - 1 - Math.min(i - 1, Math.floor(-Math.log(1 - r() * reach) * scale));
      };
      if (roll < 0.06) {
        const k = earlier();
        const status = at(STATUS_CODES, history.status[k] ?? 0);
        const closed = history.closedAt[k] ?? 0;
        if (
          history.kind[k] !== 2 &&
          (status === 'answered' || status === 'forwarded') &&
          closed > 0 &&
          closed < receivedAt.getTime()
        ) {
          parentIndex = k;
          linkKind = r() < 0.85 ? 'repeat' : 'complaint';
        }
      } else if (roll < 0.09) {
        const k = Math.max(0, i - 1 - Math.floor(r() * Math.min(i, 400)));
        if (history.kind[k] !== 2) duplicateOf = k;
      } else if (roll < 0.14) {
        const k = Math.floor(r() * i);
        if (history.kind[k] === 0) applicantKey = history.applicant[k] ?? i;
        kindIndex = 0;
      }
    }
    const source = parentIndex >= 0 ? parentIndex : duplicateOf;
    if (source >= 0) {
      applicantKey = history.applicant[source] ?? i;
      kindIndex = history.kind[source] ?? 0;
    }
    const applicantKind = at(KINDS, kindIndex);

    // Where and what about.
    let territoryCode: string;
    let categoryCode: string;
    if (source >= 0) {
      territoryCode = at(territoryCodes, history.territory[source] ?? 0);
      categoryCode = at(categoryCodes, history.category[source] ?? 0);
    } else if (campaign) {
      territoryCode = pick(r, campaign.districts);
      categoryCode = campaign.category;
    } else {
      const region = plan.regions.pick(r);
      territoryCode = pick(r, region.districts);
      categoryCode = plan.categories.pick(r);
    }
    const category = ref.categories.get(categoryCode);
    const officerComplaint = category?.officerComplaint ?? false;
    const topic = topicOfCategory[categoryCode] ?? 'neighbours';
    const type: AppealType =
      linkKind === 'complaint' || officerComplaint
        ? 'shikoyat'
        : topic === 'proposal'
          ? 'taklif'
          : linkKind === 'repeat'
            ? 'shikoyat'
            : weighted(r, [
                ['ariza', 78],
                ['shikoyat', 19],
                ['taklif', 3],
              ] as const);

    // Language: Tashkent and Karakalpakstan write more Russian; a few foreigners write English.
    const region = territoryCode.slice(0, 4);
    const ruShare = region === '1726' || region === '1727' ? 40 : region === '1735' ? 35 : 18;
    const script: Script =
      source >= 0
        ? at(SCRIPTS, history.script[source] ?? 0)
        : campaign
          ? r() < 0.75
            ? 'uz'
            : 'ru'
          : weighted(r, [
              ['uz', 62 - ruShare / 2],
              ['oz', 38 - ruShare / 2],
              ['ru', ruShare],
              ['en', categoryCode === 'foreigners' || categoryCode === 'exit_abroad' ? 12 : 1.5],
            ] as const);

    const channel: Channel = campaign ? (r() < 0.6 ? 'web' : 'telegram') : plan.channels.pick(r);
    const territory = ref.territories.get(territoryCode);
    const districtName =
      territory?.names[script === 'oz' ? 'oz' : script === 'ru' ? 'ru' : script === 'en' ? 'en' : 'uz'] ?? '';
    const person = personFor(options.seed, applicantKey, applicantKind, territory?.names.uz ?? '', nameKeys);
    const parentNumber =
      parentIndex >= 0 ? seedNumber(history.year[parentIndex] ?? year, history.seq[parentIndex] ?? 1) : '';
    const built = buildText(
      cache,
      r,
      script,
      topic,
      { district: districtName, number: parentNumber },
      {
        repeatOf: parentIndex >= 0,
        campaign,
      },
    );

    // Units: where routing by category sends it once it waits in its territory's appeals unit.
    const routeKey = `${categoryCode}|${territoryCode}`;
    let lead = routes.get(routeKey);
    if (!lead) {
      lead = routedLead(ref, categoryCode, territoryCode);
      routes.set(routeKey, lead);
    }

    const urgent = r() < urgentChanceOf(categoryCode);
    // Where intake starts it, decided as intake decides it: the seed knows an officer complaint by its
    // category (intake takes a chosen officer category as confirmed) and draws urgency with the appeal.
    // A complaint about an earlier answer goes to the appeals unit above the one that answered it.
    const answeredBy = linkKind === 'complaint' ? (history.owner[parentIndex] ?? 0) : 0;
    const startKey = `${territoryCode}|${officerComplaint}|${urgent}|${applicantKind === 'anonymous'}|${answeredBy}`;
    let start = starts.get(startKey);
    if (!start) {
      start = decideStartingRoute(ref.units, {
        territoryCode,
        urgent,
        officerComplaint: officerComplaint ? 'confirmed' : 'none',
        anonymous: applicantKind === 'anonymous',
        complaintAgainstUnit: answeredBy ? ref.units.byId(answeredBy) : undefined,
      });
      starts.set(startKey, start);
    }

    // The legal clock, as intake starts it.
    const receivedOn = localDateOf(receivedAt);
    const afterHours = (receivedAt.getTime() + TASHKENT_MS) % DAY_MS >= 18 * 3_600_000;
    const clockKey = `${type}|${receivedOn}|${afterHours ? 1 : 0}`;
    let clock = clocks.get(clockKey);
    if (!clock) {
      clock = startClock({ type, receivedAt, calendar: ref.calendar, settings: ref.clockSettings });
      clocks.set(clockKey, clock);
    }

    const life = simulateLife({
      r,
      receivedAt,
      until: options.until,
      today: plan.today,
      clock,
      ref,
      type,
      anonymous: applicantKind === 'anonymous' && !urgent,
      duplicate: duplicateOf >= 0,
      mergedIntoNumber:
        duplicateOf >= 0 ? seedNumber(history.year[duplicateOf] ?? year, history.seq[duplicateOf] ?? 1) : '',
      start,
      lead,
      channel,
      form: formOfChannel[channel],
      language: script,
      staff: plan.executors,
    });

    // Uncategorised until triage: appeals still waiting in the appeals unit often have no category yet.
    const categorised = life.status !== 'registered' || r() < 0.3;

    history.applicant[i] = applicantKey;
    history.kind[i] = kindIndex;
    history.status[i] = STATUS_CODES.indexOf(life.status);
    history.territory[i] = territoryIndex.get(territoryCode) ?? 0;
    history.category[i] = categoryIndex.get(categoryCode) ?? 0;
    history.year[i] = year;
    history.seq[i] = seq;
    history.script[i] = SCRIPTS.indexOf(script);
    history.owner[i] = life.ownerUnitId;
    history.closedAt[i] = life.closedAt?.getTime() ?? 0;
    // Intake lets the units examining a complaint about an answer read the answered appeal.
    const shareWithExaminers: SeedAppeal['shareWithExaminers'] =
      linkKind === 'complaint'
        ? {
            appealId: options.firstId + parentIndex,
            units: start.scope.map((u) => u.id),
            event: {
              at: receivedAt,
              event: 'shared_with_examiners',
              fromStatus: at(STATUS_CODES, history.status[parentIndex] ?? 0),
              toStatus: null,
              actorKind: 'system',
              public: false,
              unitId: null,
              data: { units: start.scope.map((u) => u.code), complaint: number },
            },
          }
        : null;

    const answerChannel =
      person.applicant === null
        ? 'web'
        : person.lookup.email && r() < 0.6
          ? 'email'
          : channel === 'telegram'
            ? 'telegram'
            : channel === 'post'
              ? 'post'
              : 'web';

    return {
      id,
      number,
      year,
      seq,
      accessCode: seededAccessCode(options.seed, number),
      applicant: person.applicant,
      lookup: person.lookup,
      type,
      form: formOfChannel[channel],
      channel,
      status: life.status,
      applicantKind,
      text: built.text,
      textLatin: built.latin,
      language: life.status === 'registered' ? null : script,
      answerLanguage: script,
      answerChannel,
      territoryCode,
      categoryCode: categorised ? categoryCode : null,
      signatories: campaign && r() < 0.15 ? 2 + Math.floor(r() * 300) : null,
      urgent,
      urgencyReason: urgent ? 'threat_or_crime' : null,
      aboutOfficer: start.aboutOfficer,
      subjectUnitId: start.subject?.id ?? null,
      ownerUnitId: life.ownerUnitId,
      scopeUnits: life.scopeUnits,
      parentId: parentIndex >= 0 ? options.firstId + parentIndex : null,
      linkKind,
      mergedIntoId: life.status === 'merged' && duplicateOf >= 0 ? options.firstId + duplicateOf : null,
      receivedAt,
      clock: life.clock,
      infoDueOn: life.infoDueOn,
      routedAt: life.routedAt,
      routingConfidence: life.routedAt ? Math.round((0.55 + r() * 0.44) * 100) / 100 : null,
      outcome: life.outcome,
      closedAt: life.closedAt,
      forwardedTo: life.forwardedTo,
      executor: life.executor,
      rating: life.rating,
      ratedAt: life.ratedAt,
      updatedAt: life.updatedAt,
      units: life.units,
      events: life.events,
      answers: life.answers,
      shareWithExaminers,
    };
  }
}
