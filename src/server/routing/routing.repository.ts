import type { Db } from '../db/database.ts';

// SQL only: the reference data every request needs, read whole.

/** Every unit, territory, category, routing rule, calendar day and setting, in their stored order. */
export async function allReferenceRows(db: Db) {
  const [units, territories, categories, rules, days, settings] = await Promise.all([
    db.selectFrom('units').selectAll().orderBy('id').execute(),
    db.selectFrom('territories').selectAll().orderBy('sort').orderBy('code').execute(),
    db.selectFrom('categories').selectAll().orderBy('sort').orderBy('code').execute(),
    db.selectFrom('routing_rules').selectAll().orderBy('id').execute(),
    db.selectFrom('calendar_days').select(['day', 'kind']).execute(),
    db.selectFrom('settings').select(['key', 'value']).execute(),
  ]);
  return { units, territories, categories, rules, days, settings };
}
