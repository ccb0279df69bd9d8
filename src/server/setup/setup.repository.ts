import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Category, Holiday, Names, Territory, UnitLevel } from '../reference/reference.schema.ts';

// SQL only: the first load of the shipped reference data into an empty database.

// Two processes starting together both find the database empty; this lock lets one of them seed it.
const SEED_LOCK = 7_240_002;

const nameColumns = (names: Names) => ({
  name_uz: names.uz,
  name_oz: names.oz,
  name_ru: names.ru,
  name_en: names.en,
});

/** Waits for any other process seeding the reference data; held until the transaction ends. */
export async function lockSeeding(tx: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(tx);
}

/** Whether the reference data has been loaded (there is a territory). */
export async function referenceSeeded(tx: Db): Promise<boolean> {
  const row = await tx.selectFrom('territories').select('code').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Adds the territories, sorted in the order given. */
export async function insertTerritories(tx: Db, territories: Territory[]): Promise<void> {
  await tx
    .insertInto('territories')
    .values(
      territories.map((t, i) => ({
        code: t.code,
        parent_code: t.parentCode,
        kind: t.kind,
        ...nameColumns(t.names),
        population: t.population,
        population_year: t.populationYear,
        sort: i,
      })),
    )
    .execute();
}

/** Adds units whose parents are already stored; returns their ids and paths. */
export function insertUnits(
  tx: Db,
  units: {
    code: string;
    parentId: number | null;
    level: UnitLevel;
    service: string | null;
    territoryCode: string | null;
    path: string;
    names: Names;
  }[],
) {
  return tx
    .insertInto('units')
    .values(
      units.map((unit) => ({
        code: unit.code,
        parent_id: unit.parentId,
        level: unit.level,
        service: unit.service,
        territory_code: unit.territoryCode,
        path: unit.path,
        ...nameColumns(unit.names),
      })),
    )
    .returning(['id', 'code', 'path'])
    .execute();
}

/** Adds the categories, sorted in the order given. */
export async function insertCategories(tx: Db, categories: Category[]): Promise<void> {
  await tx
    .insertInto('categories')
    .values(
      categories.map((c, i) => ({
        code: c.code,
        service: c.service,
        officer_complaint: c.officerComplaint,
        ...nameColumns(c.names),
        description_uz: c.descriptions.uz,
        description_oz: c.descriptions.oz,
        description_ru: c.descriptions.ru,
        description_en: c.descriptions.en,
        sort: i,
      })),
    )
    .execute();
}

/** Adds the days of the holiday calendar that are not there yet. */
export async function insertHolidays(tx: Db, holidays: Holiday[]): Promise<void> {
  await tx
    .insertInto('calendar_days')
    .values(
      holidays.map((h) => ({
        day: h.date,
        kind: h.kind,
        ...nameColumns(h.names),
        estimated: h.estimated,
        source: h.source,
      })),
    )
    .onConflict((oc) => oc.column('day').doNothing())
    .execute();
}

/** Adds the settings that are not there yet. */
export async function insertSettings(
  tx: Db,
  settings: { key: string; value: unknown }[],
  now: Date,
): Promise<void> {
  await tx
    .insertInto('settings')
    .values(settings.map(({ key, value }) => ({ key, value: JSON.stringify(value), updated_at: now })))
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
