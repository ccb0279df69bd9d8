import { type CitizenLanguage, referenceLanguage } from '../contracts/enums.ts';
import type { OpenStats } from '../server/analytics/open-statistics.ts';
import { monthsUpTo, per10000, summarize } from '../server/analytics/open-stats.ts';
import type { ReferenceSnapshot } from '../server/routing/reference-snapshot.ts';
import { formatInstant, messagesFor } from './i18n/index.ts';
import type { NamedTally, StatsView } from './pages/stats.ts';

/** How many months the public page shows, the current one included. */
export const STATS_MONTHS = 12;

/** The page's figures for one language: the last 12 months, regions in display order, categories by volume. */
export function statsView(stats: OpenStats, reference: ReferenceSnapshot, lang: CitizenLanguage): StatsView {
  const m = messagesFor(lang);
  const summary = summarize(stats.rows, monthsUpTo(stats.currentMonth, STATS_MONTHS));
  const regions: NamedTally[] = [];
  for (const territory of reference.territories.values()) {
    if (territory.parentCode !== null) continue;
    const tally = summary.byRegion.get(territory.code);
    if (!tally) continue;
    regions.push({
      code: territory.code,
      name: territory.names[referenceLanguage(lang)],
      tally,
      per10000: per10000(tally.received, territory.population),
    });
  }
  const unstated = summary.byRegion.get(null);
  if (unstated) regions.push({ code: null, name: m.stats.notStated, tally: unstated, per10000: null });
  const categories: NamedTally[] = [...summary.byCategory]
    .map(([code, tally]) => ({
      code,
      name:
        code === null
          ? m.stats.notStated
          : (reference.categories.get(code)?.names[referenceLanguage(lang)] ?? code),
      tally,
      per10000: null,
    }))
    .sort((a, b) => b.tally.received - a.tally.received);
  return {
    summary,
    regions,
    categories,
    updated: stats.refreshedAt ? formatInstant(lang, stats.refreshedAt) : null,
  };
}
