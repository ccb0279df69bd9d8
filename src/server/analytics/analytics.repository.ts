import { sql } from 'kysely';
import type { Scope } from '../appeals/appeal.policy.ts';
import { inScope } from '../appeals/appeals.repository.ts';
import type { Db } from '../db/database.ts';

// SQL only: the counts behind the surge detector and the alerts it keeps.

/** Per territory × category × Tashkent day: all real appeals, and those received before `cutoffSeconds` into the day. */
export interface DayCountRow {
  territory: string;
  category: string;
  day: string;
  all: number;
  early: number;
}

/**
 * Complaints about officers stay out of surge detection (read so at intake or by their category): they are
 * examined by internal security, and an alert — its count, its shared words — would tell the officer's own
 * department of them.
 */
const officerCategories = sql<string>`(select code from categories where officer_complaint)`;

/**
 * Real appeals per territory × category × day received on the days `fromDay`…`toDay`, in one grouped pass
 * over the received_on index. `early` counts those received before `cutoffSeconds` after Tashkent midnight:
 * the part of each baseline day comparable with today's hours so far.
 */
export async function countAppealsByDay(
  db: Db,
  period: { fromDay: string; toDay: string; cutoffSeconds: number },
): Promise<DayCountRow[]> {
  const rows = await db
    .selectFrom('appeals')
    .where('appeals.sandbox', '=', false)
    .where('appeals.about_officer', '=', false)
    .where('appeals.category_code', 'not in', officerCategories)
    .where('appeals.received_on', '>=', period.fromDay)
    .where('appeals.received_on', '<=', period.toDay)
    .where('appeals.territory_code', 'is not', null)
    .where('appeals.category_code', 'is not', null)
    .select([
      sql<string>`appeals.territory_code`.as('territory'),
      sql<string>`appeals.category_code`.as('category'),
      sql<string>`to_char(appeals.received_on, 'YYYY-MM-DD')`.as('day'),
      sql<number>`count(*)::int`.as('all'),
      sql<number>`(count(*) filter (where extract(epoch from (appeals.received_at at time zone 'Asia/Tashkent')::time) < ${period.cutoffSeconds}))::int`.as(
        'early',
      ),
    ])
    .groupBy(['appeals.territory_code', 'appeals.category_code', 'appeals.received_on'])
    .execute();
  return rows;
}

/** The real appeals of one territory × category received in [from, to): the ones behind an alert. */
export function appealsInWindow(
  db: Db,
  window: { territory: string; category: string; from: Date; to: Date },
  limit: number,
) {
  return db
    .selectFrom('appeals')
    .select(['id', 'text_latin'])
    .where('sandbox', '=', false)
    .where('about_officer', '=', false)
    .where('category_code', 'not in', officerCategories)
    .where('territory_code', '=', window.territory)
    .where('category_code', '=', window.category)
    .where('received_at', '>=', window.from)
    .where('received_at', '<', window.to)
    .orderBy('received_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export interface AlertWrite {
  territory_code: string;
  category_code: string;
  unit_id: number;
  window_from: Date;
  window_to: Date;
  observed: number;
  expected: number;
  appeal_ids: number[];
  shared_words: string[];
  campaign: boolean;
  at: Date;
}

/**
 * Raises the alert of a territory × category × window, or brings an open one up to date as its window
 * fills; an acknowledged alert stays as it was. Returns the alert's id and whether it is new, or undefined
 * when it was acknowledged already.
 */
export async function upsertAlert(
  db: Db,
  alert: AlertWrite,
): Promise<{ id: number; inserted: boolean } | undefined> {
  const { at, ...fields } = alert;
  return db
    .insertInto('surge_alerts')
    .values({ ...fields, created_at: at, updated_at: at })
    .onConflict((oc) =>
      oc
        .columns(['territory_code', 'category_code', 'window_from'])
        .doUpdateSet((eb) => ({
          window_to: eb.ref('excluded.window_to'),
          observed: eb.ref('excluded.observed'),
          expected: eb.ref('excluded.expected'),
          appeal_ids: eb.ref('excluded.appeal_ids'),
          shared_words: eb.ref('excluded.shared_words'),
          campaign: eb.ref('excluded.campaign'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where('surge_alerts.status', '=', 'open'),
    )
    .returning(['id', sql<boolean>`xmax = 0`.as('inserted')])
    .executeTakeFirst();
}

/** Open alerts of these units (`null`: every unit), newest window first. */
export function openAlerts(db: Db, unitIds: number[] | null) {
  let query = db.selectFrom('surge_alerts').selectAll().where('status', '=', 'open');
  if (unitIds !== null) query = query.where('unit_id', 'in', unitIds.length > 0 ? unitIds : [-1]);
  return query.orderBy('window_from', 'desc').orderBy('id', 'desc').limit(500).execute();
}

/** One alert by id. */
export function findAlert(db: Db, id: number) {
  return db.selectFrom('surge_alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks an open alert acknowledged; returns whether it was open. */
export async function acknowledgeAlert(
  db: Db,
  ack: { id: number; by: number; at: Date; note: string },
): Promise<boolean> {
  const result = await db
    .updateTable('surge_alerts')
    .set({ status: 'acknowledged', acknowledged_by: ack.by, acknowledged_at: ack.at, note: ack.note })
    .where('id', '=', ack.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The numbers of those of `ids` the scope may see. */
export function visibleAppealNumbers(db: Db, scope: Scope, ids: number[]) {
  return db
    .selectFrom('appeals')
    .select(['id', 'number'])
    .where('id', 'in', ids.length > 0 ? ids : [-1])
    .where(inScope(scope))
    .execute();
}
