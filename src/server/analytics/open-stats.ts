// Publishing the open statistics (docs/open-data.md), pure: no I/O. Two rules keep anyone from being
// identified:
// 1. Primary suppression: a count of 1–4 is published as null ("<5"). A row whose `received` is 1–4 is
//    published with every count null. In a row, `answered_on_time + answered_late` equals
//    `satisfied + explained + rejected` (both are the answered appeals), so when any of those five is
//    suppressed, all five are: none can be worked out from the others.
// 2. A total on the page that includes a suppressed cell is rounded to the nearest 10 and marked, so that
//    no total less the published cells tells a suppressed count (1–4). Totals of published cells only (the
//    first version) read a quarter of the real volume at 20,000 appeals, where most cells are small.
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
  const answered = [row.answered_on_time, row.answered_late, row.satisfied, row.explained, row.rejected];
  const hideAnswered = received === null || answered.some(isSmall);
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
    // Not tied to the answered counts (received also holds the open appeals, which are not published):
    // each is hidden on its own when small, and with the row when `received` is.
    outcome_forwarded: received === null || isSmall(row.forwarded) ? null : row.forwarded,
    outcome_not_considered: received === null || isSmall(row.not_considered) ? null : row.not_considered,
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

/** Sums of the cells, each rounded to the nearest 10 when a suppressed cell is among them (`partial`). */
export interface Tally {
  received: number;
  onTime: number;
  late: number;
  satisfied: number;
  explained: number;
  rejected: number;
  /** True when a suppressed cell is in this total: its counts are rounded to the nearest 10. */
  partial: boolean;
}

function emptyTally(): Tally {
  return { received: 0, onTime: 0, late: 0, satisfied: 0, explained: 0, rejected: 0, partial: false };
}

/** Adds a cell's exact counts; `published` is the same cell as the open data shows it. */
function add(tally: Tally, row: RollupCounts, published: OpenDataRow): void {
  const shown = [
    published.received,
    published.answered_on_time,
    published.answered_late,
    published.outcome_satisfied,
    published.outcome_explained,
    published.outcome_rejected,
  ];
  if (shown.some((v) => v === null)) tally.partial = true;
  tally.received += row.received;
  tally.onTime += row.answered_on_time;
  tally.late += row.answered_late;
  tally.satisfied += row.satisfied;
  tally.explained += row.explained;
  tally.rejected += row.rejected;
}

const roundedToTen = (n: number) => Math.round(n / 10) * 10;

/** The tally as the page shows it: exact, or with every count rounded to the nearest 10 when partial. */
function shown(tally: Tally): Tally {
  if (!tally.partial) return tally;
  return {
    received: roundedToTen(tally.received),
    onTime: roundedToTen(tally.onTime),
    late: roundedToTen(tally.late),
    satisfied: roundedToTen(tally.satisfied),
    explained: roundedToTen(tally.explained),
    rejected: roundedToTen(tally.rejected),
    partial: true,
  };
}

interface Cell {
  row: RollupCounts;
  published: OpenDataRow;
}

function tallyBy<K>(cells: readonly Cell[], keyOf: (published: OpenDataRow) => K): Map<K, Tally> {
  const map = new Map<K, Tally>();
  for (const { row, published } of cells) {
    const key = keyOf(published);
    let tally = map.get(key);
    if (!tally) {
      tally = emptyTally();
      map.set(key, tally);
    }
    add(tally, row, published);
  }
  return new Map([...map].map(([key, tally]) => [key, shown(tally)]));
}

/** Share of the answers given on time, in whole percent; null when there is none. */
export function onTimePercent(tally: Tally): number | null {
  const answered = tally.onTime + tally.late;
  return answered === 0 ? null : Math.round((tally.onTime / answered) * 100);
}

/** The outcome mix of the answers, in whole percent; null when there is none. */
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

/**
 * Totals of the rollup's cells in `months` (`rows` as stored, `populations` as for `publishRow`): by month,
 * region and category, and officer complaints apart; each rounded to the nearest 10 where it includes a
 * suppressed cell.
 */
export function summarize(
  rows: readonly RollupCounts[],
  populations: ReadonlyMap<string, number>,
  months: readonly string[],
): StatsSummary {
  const wanted = new Set(months);
  const cells = rows
    .map((row) => ({ row, published: publishRow(row, populations) }))
    .filter((c) => wanted.has(c.published.month));
  const general = cells.filter((c) => c.published.region_code !== NATIONAL_REGION);
  const officer = cells.filter((c) => c.published.region_code === NATIONAL_REGION);
  const total = emptyTally();
  for (const { row, published } of general) add(total, row, published);
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
