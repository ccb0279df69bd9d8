import { sql } from 'kysely';
import type { AppealType, Channel } from '../../contracts/enums.ts';
import type { Scope } from '../appeals/appeal.policy.ts';
import { inScope } from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';
import type { DaySpan } from './periods.ts';

// SQL only: appeals counted by territory for the leaders' map (docs/analytics.md, "The map").

export interface TerritoryCount {
  span: number;
  code: string | null;
  received: number;
}

/**
 * Real appeals received in each span that the scope sees, by region (the code's first four digits) or, with
 * `region`, by territory within that region. One grouped pass over the `received_on` ranges.
 */
export function territoryCounts(
  db: Db,
  options: {
    scope: Scope;
    spans: DaySpan[];
    region?: string | undefined;
    filter: { category?: string | undefined; channel?: Channel | undefined; type?: AppealType | undefined };
  },
): Promise<TerritoryCount[]> {
  const { scope, spans, region, filter } = options;
  const key = region
    ? sql<string | null>`appeals.territory_code`
    : sql<string | null>`left(appeals.territory_code, 4)`;
  const span = sql<number>`case ${sql.join(
    spans.map((s, i) => sql`when appeals.received_on between ${s.from} and ${s.to} then ${sql.lit(i)}`),
    sql` `,
  )} end`;
  let query = db
    .selectFrom('appeals')
    .where((eb) =>
      eb.or(
        spans.map((s) =>
          eb.and([eb('appeals.received_on', '>=', s.from), eb('appeals.received_on', '<=', s.to)]),
        ),
      ),
    )
    .where('appeals.sandbox', '=', false)
    .where(inScope(scope));
  if (region) query = query.where('appeals.territory_code', 'like', `${region}%`);
  if (filter.category) query = query.where('appeals.category_code', '=', filter.category);
  if (filter.channel) query = query.where('appeals.channel', '=', filter.channel);
  if (filter.type) query = query.where('appeals.type', '=', filter.type);
  return query
    .select([span.as('span'), key.as('code'), sql<number>`count(*)::int`.as('received')])
    .groupBy([sql`1`, sql`2`])
    .execute();
}
