import { estimateJaccard, minhash } from '../../nlp/duplicates.ts';
import { looseKeyOfLatin } from '../../nlp/normalize.ts';
import type { AppContext } from '../context.ts';
import { localDateOf, startOfDay } from '../deadlines/calendar.ts';
import { recordSurgeNotices } from '../notify/staff-notices.ts';
import { appealsInWindow, countAppealsByDay, upsertAlert } from './analytics.repository.ts';
import {
  type DailyCount,
  DEFAULT_SURGE_PARAMETERS,
  detectSurges as findSurges,
  looksLikeCampaign,
  type Surge,
  type SurgeParameters,
  sharedWords,
  shiftDay,
} from './surge-detector.ts';

/** What the detector needs: the database, the clock, the unit tree, and the outbox for heads' notices. */
export type DetectContext = Pick<AppContext, 'db' | 'clock' | 'jobs' | 'reference'>;

/** What one run found: counts only, nothing personal. */
export interface DetectReport {
  /** The Tashkent days examined (the last is today, up to now). */
  days: string[];
  pairs: number;
  surges: number;
  raised: number;
  updated: number;
  notified: number;
  campaigns: number;
  seconds: { count: number; detect: number; write: number };
}

// The appeals kept with an alert: enough to read the surge, not a day's whole intake of a city.
const APPEALS_PER_ALERT = 500;

/**
 * Looks for surges of appeals per territory × category: yesterday as a whole day, today up to now against
 * the same hours of the same weekday of the previous weeks, and with `days` the `days` whole days before
 * today. Each surge raises one alert per territory × category × day (a re-run brings an open one up to date
 * and tells nobody again) and tells the heads over the territory's body once. `dryRun` only reports.
 */
export async function detectSurges(
  ctx: DetectContext,
  options: { days?: number; dryRun?: boolean; parameters?: SurgeParameters } = {},
): Promise<DetectReport> {
  const parameters = options.parameters ?? DEFAULT_SURGE_PARAMETERS;
  const now = ctx.clock.now();
  const today = localDateOf(now);
  const wholeDays = Math.max(1, options.days ?? 1);
  const days = Array.from({ length: wholeDays }, (_, i) => shiftDay(today, i - wholeDays));
  const cutoffSeconds = Math.floor((now.getTime() - startOfDay(today).getTime()) / 1000);

  const started = performance.now();
  const rows = await countAppealsByDay(ctx.db, {
    fromDay: shiftDay(days[0] ?? today, -7 * parameters.baselineWeeks),
    toDay: today,
    cutoffSeconds,
  });
  const counted = performance.now();

  const whole: DailyCount[] = rows.map((r) => ({ ...r, count: r.all }));
  // Today so far is compared with the same hours of its baseline days.
  const sameHours: DailyCount[] = rows.map((r) => ({ ...r, count: r.early }));
  const surges = [...findSurges(whole, days, parameters), ...findSurges(sameHours, [today], parameters)];
  const detected = performance.now();

  const report: DetectReport = {
    days: [...days, today],
    pairs: new Set(rows.map((r) => `${r.territory} ${r.category}`)).size,
    surges: surges.length,
    raised: 0,
    updated: 0,
    notified: 0,
    campaigns: 0,
    seconds: { count: 0, detect: 0, write: 0 },
  };
  if (!options.dryRun)
    for (const surge of surges) {
      const outcome = await keepAlert(ctx, surge, now);
      if (outcome === undefined) continue;
      if (outcome.inserted) report.raised++;
      else report.updated++;
      report.notified += outcome.notified;
      if (outcome.campaign) report.campaigns++;
    }
  const seconds = (a: number, b: number) => Math.round(b - a) / 1000;
  report.seconds = {
    count: seconds(started, counted),
    detect: seconds(counted, detected),
    write: seconds(detected, performance.now()),
  };
  return report;
}

async function keepAlert(ctx: DetectContext, surge: Surge, now: Date) {
  const from = startOfDay(surge.day);
  const dayEnd = startOfDay(shiftDay(surge.day, 1));
  const to = dayEnd < now ? dayEnd : now;
  const appeals = await appealsInWindow(
    ctx.db,
    { territory: surge.territory, category: surge.category, from, to },
    APPEALS_PER_ALERT,
  );
  const first = appeals[0];
  if (!first) return undefined;
  const keys = appeals.map((a) => looseKeyOfLatin(a.text_latin));
  const campaign = looksLikeCampaign(
    keys.map((key) => minhash(key)),
    estimateJaccard,
  );
  const unit = ctx.reference().units.bodyForTerritory(surge.territory);
  return ctx.db.transaction().execute(async (tx) => {
    const kept = await upsertAlert(tx, {
      territory_code: surge.territory,
      category_code: surge.category,
      unit_id: unit.id,
      window_from: from,
      window_to: to,
      observed: surge.observed,
      expected: surge.expected,
      appeal_ids: appeals.map((a) => a.id),
      shared_words: sharedWords(keys.map((key) => (key === '' ? [] : key.split(' ')))),
      campaign,
      at: now,
    });
    if (!kept) return undefined;
    const notified = kept.inserted
      ? await recordSurgeNotices(ctx, tx, { alertId: kept.id, unitId: unit.id, appealId: first.id, at: now })
      : 0;
    return { inserted: kept.inserted, notified, campaign };
  });
}
