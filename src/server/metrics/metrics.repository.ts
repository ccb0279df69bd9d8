import { sql } from 'kysely';
import { finalStatuses } from '../../contracts/enums.ts';
import { undeliveredStatuses } from '../../contracts/notifications.schema.ts';
import type { Db } from '../db/database.ts';

// SQL only: the figures /metrics reads from the database at each scrape (docs/operations.md, "Metrics").

/** Open real appeals past their due day, by region (the territory code's first four digits). */
export function overdueByRegion(db: Db, today: string) {
  return db
    .selectFrom('appeals')
    .select([sql<string | null>`left(territory_code, 4)`.as('region'), sql<number>`count(*)::int`.as('n')])
    .where('status', 'not in', [...finalStatuses])
    .where('due_on', '<', today)
    .where('sandbox', '=', false)
    .groupBy(sql`1`)
    .execute();
}

/** Notices to applicants that did not reach them, by channel and status. */
export function undeliveredNotices(db: Db) {
  return db
    .selectFrom('notifications')
    .select(['channel', 'status', sql<number>`count(*)::int`.as('n')])
    .where('status', 'in', [...undeliveredStatuses])
    .groupBy(['channel', 'status'])
    .execute();
}
