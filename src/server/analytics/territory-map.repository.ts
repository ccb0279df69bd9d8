import { sql } from 'kysely';
import type { AppealType, Channel } from '../../contracts/enums.ts';
import type { Scope } from '../appeals/appeal.policy.ts';
import { inScope } from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';
import { asOfOneReroll } from './daily-rollup.repository.ts';
import { hiddenAppeals, rollupCut } from './hierarchy.repository.ts';
import { type DaySpan, monthsAndEdges } from './periods.ts';

// SQL only: appeals counted by territory for the leaders' map (docs/analytics.md, "The map").

export interface TerritoryCount {
  span: number;
  code: string | null;
  received: number;
}

export interface TerritoryCountOptions {
  scope: Scope;
  spans: DaySpan[];
  region?: string | undefined;
  filter: { category?: string | undefined; channel?: Channel | undefined; type?: AppealType | undefined };
}

/**
 * Real appeals received in each span that the scope sees, by region (the code's first four digits) or, with
 * `region`, by territory within that region. A viewer who sees every unit, with at most one filter, reads the
 * territory roll-up (as current as its last re-roll) less the appeals hidden from him; anyone else, and two
 * filters at once, counts the appeals themselves.
 */
export async function territoryCounts(db: Db, options: TerritoryCountOptions): Promise<TerritoryCount[]> {
  const cut = rollupCut(options.filter);
  if (!cut || options.scope.unitIds !== null) return liveTerritoryCounts(db, options);
  // The sums and the hidden part as of one moment (one transaction, one after the other).
  const [summed, hidden] = await asOfOneReroll(db, async (tx) => [
    await rolledUpTerritoryCounts(tx, { ...options, cut }),
    await liveTerritoryCounts(tx, { ...options, hidden: true }),
  ]);
  const keyOf = (r: TerritoryCount) => `${r.span}:${r.code ?? ''}`;
  const less = new Map(hidden.map((r) => [keyOf(r), r.received]));
  return summed
    .map((r) => ({ ...r, received: r.received - (less.get(keyOf(r)) ?? 0) }))
    .filter((r) => r.received > 0);
}

/** The roll-up's sums per span and territory (or region): whole months from the monthly rows, edge days from the daily. */
async function rolledUpTerritoryCounts(
  db: Db,
  options: TerritoryCountOptions & { cut: { dim: string; value: string } },
): Promise<TerritoryCount[]> {
  const { spans, region, cut } = options;
  const where = sql`dim = ${cut.dim} and value = ${cut.value}${
    region ? sql` and territory_code like ${`${region}%`}` : sql``
  }`;
  const parts = spans.flatMap((span, i) => {
    const { months, edges } = monthsAndEdges(span);
    const head = sql`select ${sql.lit(i)}::int as span, territory_code, received`;
    return [
      ...(months.length > 0
        ? [
            sql`${head} from analytics_territory_monthly where ${where} and month = any(${sql.val(months)}::date[])`,
          ]
        : []),
      ...edges.map(
        (edge) =>
          sql`${head} from analytics_territory_daily where ${where} and day between ${edge.from} and ${edge.to}`,
      ),
    ];
  });
  // '' is an appeal that names no territory: null, as the live count gives it.
  const key = region ? sql`nullif(r.territory_code, '')` : sql`nullif(left(r.territory_code, 4), '')`;
  const { rows } = await sql<TerritoryCount>`
    select r.span, ${key} as code, sum(r.received)::int as received
      from (${sql.join(parts, sql` union all `)}) r
     group by 1, 2`.execute(db);
  return rows;
}

/**
 * The appeals themselves, each span in its own range read of `received_on` (an appeal of two overlapping
 * spans counts in both, as in the roll-up): those the scope sees, or (`hidden`) those hidden from the viewer
 * as the roll-up counted them (their snapshot of its last re-roll).
 */
export async function liveTerritoryCounts(
  db: Db,
  options: TerritoryCountOptions & { hidden?: boolean },
): Promise<TerritoryCount[]> {
  const { scope, spans, region, filter } = options;
  const key = region
    ? sql<string | null>`appeals.territory_code`
    : sql<string | null>`left(appeals.territory_code, 4)`;
  const counted = spans.map((span, i) => {
    let query = (
      options.hidden
        ? hiddenAppeals(db, scope)
        : db.selectFrom('appeals').where('appeals.sandbox', '=', false).where(inScope(scope))
    )
      .where('appeals.received_on', '>=', span.from)
      .where('appeals.received_on', '<=', span.to);
    if (region) query = query.where('appeals.territory_code', 'like', `${region}%`);
    if (filter.category) query = query.where('appeals.category_code', '=', filter.category);
    if (filter.channel) query = query.where('appeals.channel', '=', filter.channel);
    if (filter.type) query = query.where('appeals.type', '=', filter.type);
    return query
      .select([
        sql<number>`${sql.lit(i)}::int`.as('span'),
        key.as('code'),
        sql<number>`count(*)::int`.as('received'),
      ])
      .groupBy(sql`2`)
      .execute();
  });
  return (await Promise.all(counted)).flat();
}
