import { sql } from 'kysely';
import type { AuditTrail } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { defaultClockSettings } from '../deadlines/legal-clock.ts';
import { loadReference } from '../reference/load-reference.ts';

const SEED_LOCK = 7_240_002;

/**
 * Loads the shipped reference data (territories, unit tree, categories, holidays, default settings) into
 * an empty database. From then on they are the administrators' data: a later start never overwrites
 * them. Two processes starting together are serialised by an advisory lock.
 */
export async function seedReference(db: Db, audit: AuditTrail, now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(tx);
    const seeded = await tx.selectFrom('territories').select('code').limit(1).executeTakeFirst();
    if (seeded) return false;
    const ref = loadReference();

    await tx
      .insertInto('territories')
      .values(
        ref.territories.map((t, i) => ({
          code: t.code,
          parent_code: t.parentCode,
          kind: t.kind,
          name_uz: t.names.uz,
          name_oz: t.names.oz,
          name_ru: t.names.ru,
          name_en: t.names.en,
          population: t.population,
          population_year: t.populationYear,
          sort: i,
        })),
      )
      .execute();

    // One insert per depth of the tree: each level's parents already have their ids.
    const ids = new Map<string, number>();
    const paths = new Map<string, string>();
    let level = ref.units.filter((u) => u.parentCode === null);
    while (level.length > 0) {
      const rows = level.map((unit) => {
        const parentPath = unit.parentCode ? paths.get(unit.parentCode) : undefined;
        return {
          code: unit.code,
          parent_id: unit.parentCode ? (ids.get(unit.parentCode) ?? null) : null,
          level: unit.level,
          service: unit.service ?? null,
          territory_code: unit.territoryCode ?? null,
          path: parentPath ? `${parentPath}/${unit.code}` : unit.code,
          name_uz: unit.names.uz,
          name_oz: unit.names.oz,
          name_ru: unit.names.ru,
          name_en: unit.names.en,
        };
      });
      const inserted = await tx.insertInto('units').values(rows).returning(['id', 'code', 'path']).execute();
      for (const row of inserted) {
        ids.set(row.code, row.id);
        paths.set(row.code, row.path);
      }
      const codes = new Set(level.map((u) => u.code));
      level = ref.units.filter((u) => u.parentCode !== null && codes.has(u.parentCode));
    }
    if (ids.size !== ref.units.length) throw new Error('Some units are not connected to the ministry.');

    await tx
      .insertInto('categories')
      .values(
        ref.categories.map((c, i) => ({
          code: c.code,
          service: c.service,
          officer_complaint: c.officerComplaint,
          name_uz: c.names.uz,
          name_oz: c.names.oz,
          name_ru: c.names.ru,
          name_en: c.names.en,
          description_uz: c.descriptions.uz,
          description_oz: c.descriptions.oz,
          description_ru: c.descriptions.ru,
          description_en: c.descriptions.en,
          sort: i,
        })),
      )
      .execute();

    await tx
      .insertInto('calendar_days')
      .values(
        ref.holidays.map((h) => ({
          day: h.date,
          kind: h.kind,
          name_uz: h.names.uz,
          name_oz: h.names.oz,
          name_ru: h.names.ru,
          name_en: h.names.en,
          estimated: h.estimated,
          source: h.source,
        })),
      )
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();

    await tx
      .insertInto('settings')
      .values([
        { key: 'clock', value: JSON.stringify(defaultClockSettings), updated_at: now },
        { key: 'calendar.weekend', value: JSON.stringify([6, 7]), updated_at: now },
        { key: 'triage.autoRouteThreshold', value: JSON.stringify(0.8), updated_at: now },
        { key: 'about.attributions', value: JSON.stringify(ref.attributions), updated_at: now },
      ])
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();

    await audit.append(tx, [
      {
        actor: { id: null, label: 'system' },
        action: 'reference.seed',
        targetType: 'reference',
        targetId: 'initial',
        data: {
          territories: ref.territories.length,
          units: ref.units.length,
          categories: ref.categories.length,
        },
        at: now,
      },
    ]);
    return true;
  });
}
