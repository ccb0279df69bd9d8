// Publishing the open statistics (docs/open-data.md), pure: no I/O. Two rules keep anyone from being
// identified:
// 1. Primary suppression: a count of 1–4 is published as null ("<5"). A row whose `received` is 1–4 is
//    published with every count null. In a row, `answered_on_time + answered_late` equals
//    `satisfied + explained + rejected` (both are the answered appeals), so when any of those five is
//    suppressed, all five are: none can be worked out from the others.
// 2. A total on the page is made only of what the files publish, so it tells nothing the files do not. Its
//    `received` adds 2.5 (the middle of 1–4) for each suppressed `received` among its cells and is then
//    rounded to 10 and marked: an estimate from the published cells and how many are suppressed, both in
//    the files. The other counts are sums of published cells (for shares). A total of the exact counts,
//    rounded to 10, was tried and withdrawn: several such totals of one cell together told its value.
// Officer complaints are never split by region or category: they are one national row per month and type.

/** The appeal types, as in the contracts. */
export type OpenStatsType = 'ariza' | 'taklif' | 'shikoyat';

/** A rollup row as stored (exact counts). */
export interface RollupCounts {
  month: string;
  region_code: string | null;
  category_code: string | null;
  type: OpenStatsType;
  officer: boolean;
  received: number;
  answered_on_time: number;
  answered_late: number;
  satisfied: number;
  explained: number;
  rejected: number;
  forwarded: number;
  not_considered: number;
}

/** The region code of the national officer-complaint rows. */
export const NATIONAL_REGION = 'UZ';
/** The category code of the national officer-complaint rows. */
export const OFFICER_CATEGORY = 'officer_complaints';
/** The licence the open data is published under. */
export const OPEN_DATA_LICENCE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };
/** Counts below this (and above zero) are not published. */
export const SUPPRESS_BELOW = 5;

/** One published row of the open data: the documented schema, in its column order. */
export interface OpenDataRow {
  month: string;
  region_code: string | null;
  category_code: string | null;
  type: OpenStatsType;
  received: number | null;
  answered_on_time: number | null;
  answered_late: number | null;
  outcome_satisfied: number | null;
  outcome_explained: number | null;
  outcome_rejected: number | null;
  per_10000: number | null;
  /** Redirected rather than answered: forwarded to another body, not considered (added last, 5 Dec 2026). */
  outcome_forwarded: number | null;
  outcome_not_considered: number | null;
}

/** The columns of the CSV, in order. */
export const openDataColumns = [
  'month',
  'region_code',
  'category_code',
  'type',
  'received',
  'answered_on_time',
  'answered_late',
  'outcome_satisfied',
  'outcome_explained',
  'outcome_rejected',
  'per_10000',
  'outcome_forwarded',
  'outcome_not_considered',
] as const satisfies readonly (keyof OpenDataRow)[];

/** True for a count that would be suppressed. */
export function isSmall(count: number): boolean {
  return count > 0 && count < SUPPRESS_BELOW;
}

/** Received per 10,000 people, two decimals; null without a count or a population. */
export function per10000(received: number | null, population: number | null | undefined): number | null {
  if (received === null || !population) return null;
  return Math.round((received / population) * 1_000_000) / 100;
}

/** One stored row as published, small cells suppressed. `populations` is by region code. */
export function publishRow(row: RollupCounts, populations: ReadonlyMap<string, number>): OpenDataRow {
  const regionCode = row.officer ? NATIONAL_REGION : row.region_code;
  const categoryCode = row.officer ? OFFICER_CATEGORY : row.category_code;
  const received = isSmall(row.received) ? null : row.received;
  // The answered, forwarded and not-considered appeals all lie inside `received`: with every other count of
  // a row published, one of them could be bounded (received − the rest), so when any is 1–4, all seven are
  // hidden together (found by review: forwarded 1 beside 999 answered of 1,000 received).
  const outcomes = [
    row.answered_on_time,
    row.answered_late,
    row.satisfied,
    row.explained,
    row.rejected,
    row.forwarded,
    row.not_considered,
  ];
  const hideAnswered = received === null || outcomes.some(isSmall);
  const shown = (count: number) => (hideAnswered ? null : count);
  const population = regionCode === null ? undefined : populations.get(regionCode);
  return {
    month: row.month.slice(0, 7),
    region_code: regionCode,
    category_code: categoryCode,
    type: row.type,
    received,
    answered_on_time: shown(row.answered_on_time),
    answered_late: shown(row.answered_late),
    outcome_satisfied: shown(row.satisfied),
    outcome_explained: shown(row.explained),
    outcome_rejected: shown(row.rejected),
    per_10000: per10000(received, population),
    outcome_forwarded: shown(row.forwarded),
    outcome_not_considered: shown(row.not_considered),
  };
}

/** Region populations by code, with the whole country's under `UZ`. */
export function populationsOf(regions: readonly { code: string; population: number | null }[]) {
  const map = new Map<string, number>();
  let total = 0;
  for (const region of regions) {
    if (!region.population) continue;
    map.set(region.code, region.population);
    total += region.population;
  }
  if (total > 0) map.set(NATIONAL_REGION, total);
  return map;
}

/** Sums of published cells; `received` an estimate when a suppressed `received` is among them (`partial`). */
export interface Tally {
  received: number;
  onTime: number;
  late: number;
  satisfied: number;
  explained: number;
  rejected: number;
  /** True when a suppressed count is among the cells of this total. */
  partial: boolean;
  /** How many cells' `received` is suppressed (each 1–4). */
  hidden: number;
}

/** A total of no cells. */
export function emptyTally(): Tally {
  return {
    received: 0,
    onTime: 0,
    late: 0,
    satisfied: 0,
    explained: 0,
    rejected: 0,
    partial: false,
    hidden: 0,
  };
}

/** Adds a published cell (what the open data shows: never an exact suppressed count). */
function add(tally: Tally, row: OpenDataRow): void {
  const values = [
    row.received,
    row.answered_on_time,
    row.answered_late,
    row.outcome_satisfied,
    row.outcome_explained,
    row.outcome_rejected,
  ];
  if (values.some((v) => v === null)) tally.partial = true;
  if (row.received === null) tally.hidden += 1;
  tally.received += row.received ?? 0;
  tally.onTime += row.answered_on_time ?? 0;
  tally.late += row.answered_late ?? 0;
  tally.satisfied += row.outcome_satisfied ?? 0;
  tally.explained += row.outcome_explained ?? 0;
  tally.rejected += row.outcome_rejected ?? 0;
}

/** The tally as the page shows it: `received` estimated (2.5 per suppressed cell) and rounded to 10 when any is. */
function shown(tally: Tally): Tally {
  if (tally.hidden === 0) return tally;
  return { ...tally, received: Math.round((tally.received + 2.5 * tally.hidden) / 10) * 10 };
}

function tallyBy<K>(rows: readonly OpenDataRow[], keyOf: (row: OpenDataRow) => K): Map<K, Tally> {
  const map = new Map<K, Tally>();
  for (const row of rows) {
    const key = keyOf(row);
    let tally = map.get(key);
    if (!tally) {
      tally = emptyTally();
      map.set(key, tally);
    }
    add(tally, row);
  }
  return new Map([...map].map(([key, tally]) => [key, shown(tally)]));
}

/** Share of the published answers given on time, in whole percent; null when none was published. */
export function onTimePercent(tally: Tally): number | null {
  const answered = tally.onTime + tally.late;
  return answered === 0 ? null : Math.round((tally.onTime / answered) * 100);
}

/** The outcome mix of the published answers, in whole percent; null when none was published. */
export function outcomeMix(tally: Tally) {
  const total = tally.satisfied + tally.explained + tally.rejected;
  if (total === 0) return null;
  const pct = (n: number) => Math.round((n / total) * 100);
  return { satisfied: pct(tally.satisfied), explained: pct(tally.explained), rejected: pct(tally.rejected) };
}

/** The last `count` months up to and including `current` (`YYYY-MM`), oldest first. */
export function monthsUpTo(current: string, count: number): string[] {
  const [year = 2000, month = 1] = current.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** What the public page shows for a run of months. */
export interface StatsSummary {
  months: string[];
  byMonth: Map<string, Tally>;
  byRegion: Map<string | null, Tally>;
  byCategory: Map<string | null, Tally>;
  officerByMonth: Map<string, Tally>;
  total: Tally;
}

/** Totals of the published rows in `months`: by month, region and category, and officer complaints apart. */
export function summarize(rows: readonly OpenDataRow[], months: readonly string[]): StatsSummary {
  const wanted = new Set(months);
  const inRange = rows.filter((r) => wanted.has(r.month));
  const general = inRange.filter((r) => r.region_code !== NATIONAL_REGION);
  const officer = inRange.filter((r) => r.region_code === NATIONAL_REGION);
  const total = emptyTally();
  for (const row of general) add(total, row);
  return {
    months: [...months],
    byMonth: tallyBy(general, (r) => r.month),
    byRegion: tallyBy(general, (r) => r.region_code),
    byCategory: tallyBy(general, (r) => r.category_code),
    officerByMonth: tallyBy(officer, (r) => r.month),
    total: shown(total),
  };
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV (RFC 4180, header line, suppressed counts empty). */
export function toCsv(rows: readonly OpenDataRow[]): string {
  const lines = [openDataColumns.join(',')];
  for (const row of rows) lines.push(openDataColumns.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The rows as the JSON document of the open data: licence, schema address, refresh time, then the rows. */
export function toJson(rows: readonly OpenDataRow[], refreshedAt: Date | null): string {
  return JSON.stringify({
    title: 'Appeals to the internal affairs bodies of Uzbekistan, monthly',
    licence: OPEN_DATA_LICENCE,
    schema: '/open-data/',
    refreshed_at: refreshedAt?.toISOString() ?? null,
    suppression: `counts from 1 to ${SUPPRESS_BELOW - 1} are null`,
    columns: openDataColumns,
    rows,
  });
}
