// The surge detector, pure: daily appeal counts per territory × category in, surges out. No I/O, no
// clock; docs/analytics.md explains the method and its parameters.

/** How many appeals of one territory × category were received on one Tashkent day. */
export interface DailyCount {
  territory: string;
  category: string;
  /** A Tashkent day, YYYY-MM-DD. */
  day: string;
  count: number;
}

/** The detector's parameters (docs/analytics.md says why these values). */
export interface SurgeParameters {
  /** How many earlier weeks give the baseline: the same weekday of each. */
  baselineWeeks: number;
  /** How unlikely the day's count must be under the baseline's rate to be a surge. */
  alpha: number;
  /** Fewer appeals than this are never a surge, however quiet the baseline. */
  minimum: number;
}

export const DEFAULT_SURGE_PARAMETERS: SurgeParameters = { baselineWeeks: 8, alpha: 1e-4, minimum: 5 };

/** A territory × category whose count on `day` lies above its seasonal baseline. */
export interface Surge {
  territory: string;
  category: string;
  day: string;
  observed: number;
  expected: number;
}

/** The day `n` days after `day` (negative: before). */
export function shiftDay(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** The days the baseline of `day` reads: the same weekday of each of the previous weeks. */
export function baselineDays(day: string, parameters: SurgeParameters = DEFAULT_SURGE_PARAMETERS): string[] {
  return Array.from({ length: parameters.baselineWeeks }, (_, k) => shiftDay(day, -7 * (k + 1)));
}

/**
 * How likely a day with `observed` appeals is when it has the rate of its `weeks` baseline days, which held
 * `baselineTotal` appeals between them: the conditional Poisson test. Given the n = observed + baselineTotal
 * appeals of the nine days, each falls on the day examined with probability 1 / (weeks + 1) when the rate did
 * not change, so the chance of `observed` or more is a binomial upper tail. It allows for the baseline being
 * a sample too, which a threshold on its mean alone does not (a quiet district's mean of 0.4 is not its rate).
 */
export function surgePValue(observed: number, baselineTotal: number, weeks: number): number {
  const n = observed + baselineTotal;
  const p = 1 / (weeks + 1);
  if (observed <= 0) return 1;
  // log C(n, observed) p^observed (1-p)^(n-observed), then each next term from the one before.
  let logTerm = observed * Math.log(p) + (n - observed) * Math.log(1 - p);
  for (let j = 1; j <= observed; j++) logTerm += Math.log((n - observed + j) / j);
  let term = Math.exp(logTerm);
  let tail = 0;
  for (let i = observed; i <= n && term > 0; i++) {
    tail += term;
    if (term < tail * 1e-12) break;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.min(1, tail);
}

/**
 * The surges on each of `days`: for every territory × category with appeals that day, the expected count is
 * the mean of the same weekday over the previous `baselineWeeks` weeks (days with no appeals count as
 * zero), and the day is a surge when it has at least `minimum` appeals, more than expected, and a count
 * that unlikely (`surgePValue` below `alpha`). Most unlikely first.
 */
export function detectSurges(
  counts: readonly DailyCount[],
  days: readonly string[],
  parameters: SurgeParameters = DEFAULT_SURGE_PARAMETERS,
): Surge[] {
  const byPair = new Map<string, Map<string, number>>();
  for (const row of counts) {
    const key = `${row.territory}\u0000${row.category}`;
    const perDay = byPair.get(key) ?? new Map<string, number>();
    byPair.set(key, perDay);
    perDay.set(row.day, (perDay.get(row.day) ?? 0) + row.count);
  }
  const surges: (Surge & { pValue: number })[] = [];
  for (const [key, perDay] of byPair) {
    const [territory = '', category = ''] = key.split('\u0000');
    for (const day of days) {
      const observed = perDay.get(day) ?? 0;
      if (observed < parameters.minimum) continue;
      const baseline = baselineDays(day, parameters).map((d) => perDay.get(d) ?? 0);
      const total = baseline.reduce((a, b) => a + b, 0);
      const expected = total / baseline.length;
      if (observed <= expected) continue;
      const pValue = surgePValue(observed, total, baseline.length);
      if (pValue < parameters.alpha) surges.push({ territory, category, day, observed, expected, pValue });
    }
  }
  return surges.sort((a, b) => a.pValue - b.pValue).map(({ pValue: _pValue, ...surge }) => surge);
}

/** The words most of a surge's appeals share (loose-key tokens of four letters or more), commonest first, longer (more telling) first among equals. */
export function sharedWords(tokenLists: readonly (readonly string[])[], limit = 8): string[] {
  if (tokenLists.length === 0) return [];
  const documents = new Map<string, number>();
  for (const list of tokenLists)
    for (const word of new Set(list))
      if (word.length >= 4 && !/^\d+$/.test(word)) documents.set(word, (documents.get(word) ?? 0) + 1);
  // A word counts as shared when at least half of the appeals (and at least two) use it.
  const needed = Math.max(2, Math.ceil(tokenLists.length / 2));
  return [...documents]
    .filter(([, n]) => n >= needed)
    .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([word]) => word);
}

/**
 * True when the surge looks like a mass campaign: at least half of its appeals are near copies of one
 * text (estimated Jaccard similarity of their word shingles at or above `similarity`).
 */
export function looksLikeCampaign(
  signatures: readonly Uint32Array[],
  similar: (a: Uint32Array, b: Uint32Array) => number,
  similarity = 0.6,
): boolean {
  if (signatures.length < 2) return false;
  // A few hundred appeals at most are compared pairwise: a surge is a day's appeals of one district.
  const sample = signatures.slice(0, 300);
  let largest = 0;
  for (const a of sample) {
    let near = 0;
    for (const b of sample) if (similar(a, b) >= similarity) near++;
    largest = Math.max(largest, near);
  }
  return largest * 2 >= sample.length;
}
