import type { UiLanguage } from '../../contracts/enums.ts';
import type {
  TerritoryMap,
  TerritoryMapArea,
  TerritoryMapQuery,
} from '../../contracts/territory-map.schema.ts';
import { type StaffUser, scopeOf } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import { AppError } from '../errors.ts';
import { districtOutlines, districtViewBoxes } from '../reference/district-outlines.ts';
import { outlineViewBox, regionOutlines } from '../reference/region-outlines.ts';
import { canReadHierarchy } from './analytics.policy.ts';
import { knownCategory } from './hierarchy-view.ts';
import { per10000 } from './open-stats.ts';
import { comparedSpans } from './periods.ts';
import { territoryCounts } from './territory-map.repository.ts';

/**
 * The leaders' map (docs/analytics.md, "The map"): appeals per 10,000 residents by region, or by district
 * within a region. Every count is of the appeals the caller's scope sees, so a district head's map shows their
 * own appeals against the whole population, never other units' figures.
 */
export async function territoryMap(options: {
  ctx: AppContext;
  user: StaffUser;
  query: TerritoryMapQuery;
  language: UiLanguage;
}): Promise<TerritoryMap> {
  const { ctx, user, query, language } = options;
  if (!canReadHierarchy(user)) throw new AppError('FORBIDDEN');
  const ref = ctx.reference();
  const region = query.region ? ref.territories.get(query.region) : undefined;
  if (query.region && (!region || region.parentCode !== null)) throw new AppError('TERRITORY_NOT_FOUND');
  knownCategory(ctx, query.category);

  const today = localDateOf(ctx.clock.now());
  const custom = query.from && query.to ? { from: query.from, to: query.to } : undefined;
  const { current, lastYear } = comparedSpans(query.period, today, custom);
  const rows = await territoryCounts(ctx.readDb, {
    scope: scopeOf(user, ref.units),
    spans: [current, lastYear],
    region: region?.code,
    filter: { category: query.category, channel: query.channel, type: query.type },
  });
  const count = (span: number, code: string | null) =>
    rows.find((r) => r.span === span && r.code === code)?.received ?? 0;

  const territories = [...ref.territories.values()];
  const members = region
    ? territories.filter((t) => t.parentCode === region.code)
    : territories.filter((t) => t.parentCode === null);
  const areas: TerritoryMapArea[] = members
    .map((t) => {
      const own = t.population;
      const population = own ?? region?.population ?? null;
      const received = count(0, t.code);
      return {
        code: t.code,
        name: t.names[language],
        received,
        receivedLastYear: count(1, t.code),
        population,
        populationOf: own ? ('own' as const) : population ? ('region' as const) : null,
        per10000: per10000(received, population),
        outline: (region ? districtOutlines : regionOutlines).get(t.code) ?? null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, language === 'oz' ? 'uz-Cyrl' : language));
  // Appeals that name the region but no district of it (or a territory no longer listed) stay visible.
  const known = new Set(members.map((m) => m.code));
  const unplaced = (span: number) =>
    rows
      .filter((r) => r.span === span && (r.code === null || !known.has(r.code)))
      .reduce((s, r) => s + r.received, 0);
  if (unplaced(0) + unplaced(1) > 0) {
    areas.push({
      code: region ? region.code : null,
      name: region ? region.names[language] : '—',
      received: unplaced(0),
      receivedLastYear: unplaced(1),
      population: null,
      populationOf: null,
      per10000: null,
      outline: null,
    });
  }
  return {
    level: region ? 'district' : 'region',
    region: region ? { code: region.code, name: region.names[language] } : null,
    periods: { current, lastYear },
    // A region's districts are drawn in the country map's coordinates, framed by the box they fill.
    viewBox: (region && districtViewBoxes.get(region.code)) || outlineViewBox,
    areas,
  };
}
