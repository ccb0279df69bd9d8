import { sql } from 'kysely';
import { finalStatuses, type Role } from '../../contracts/enums.ts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { REFERENCE_CHANNEL } from '../live/live-feed.ts';

// SQL only: staff accounts and the reference data administrators edit.

/** Every staff account, by login. */
export function allUsers(db: Db) {
  return db
    .selectFrom('users')
    .select([
      'id',
      'login',
      'full_name',
      'role',
      'unit_id',
      'scope_subtree',
      'active',
      'totp_enabled',
      'must_change_password',
      'created_at',
    ])
    .orderBy('login')
    .execute();
}

/** One account by login. */
export function userByLogin(db: Db, login: string) {
  return db.selectFrom('users').selectAll().where('login', '=', login.toLowerCase()).executeTakeFirst();
}

/** Active administrators other than `exceptId`. */
export async function otherActiveAdmins(db: Db, exceptId: number): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Writes fields of an account. */
export async function updateUser(
  db: Db,
  id: number,
  patch: Partial<{
    full_name: string;
    role: Role;
    unit_id: number;
    scope_subtree: boolean;
    active: boolean;
    totp_enabled: boolean;
    totp_secret_enc: null;
    password_hash: string;
    must_change_password: boolean;
  }>,
): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

/** Whether a unit still has active staff or holds open appeals. */
export async function unitInUse(db: Db, unitId: number): Promise<boolean> {
  const staff = await db
    .selectFrom('users')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('active', '=', true)
    .limit(1)
    .executeTakeFirst();
  if (staff) return true;
  const appeal = await db
    .selectFrom('appeals')
    .select('id')
    .where('owner_unit_id', '=', unitId)
    .where('status', 'not in', [...finalStatuses])
    .limit(1)
    .executeTakeFirst();
  return appeal !== undefined;
}

/** Every unit with its requisites, in tree order. */
export function allUnits(db: Db) {
  return db
    .selectFrom('units')
    .leftJoin('units as parent', 'parent.id', 'units.parent_id')
    .leftJoin('unit_requisites', 'unit_requisites.unit_id', 'units.id')
    .select([
      'units.id',
      'units.code',
      'parent.code as parent_code',
      'units.level',
      'units.service',
      'units.territory_code',
      'units.name_uz',
      'units.name_oz',
      'units.name_ru',
      'units.name_en',
      'units.active',
      'unit_requisites.address',
      'unit_requisites.phone',
      'unit_requisites.email',
      'unit_requisites.website',
    ])
    .orderBy('units.path')
    .execute();
}

/** A unit by code, with its tree path. */
export function unitByCode(db: Db, code: string) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'path', 'level'])
    .where('code', '=', code)
    .executeTakeFirst();
}

type Names = { uz: string; oz: string; ru: string; en: string };
const nameColumns = (names: Names) => ({
  name_uz: names.uz,
  name_oz: names.oz,
  name_ru: names.ru,
  name_en: names.en,
});

/** Adds a unit below `parent`. */
export async function insertUnit(
  db: Db,
  unit: {
    code: string;
    parent: { id: number; path: string };
    level: 'directorate' | 'department' | 'service';
    service: string | null;
    territory: string | null;
    names: Names;
  },
): Promise<void> {
  await db
    .insertInto('units')
    .values({
      code: unit.code,
      parent_id: unit.parent.id,
      level: unit.level,
      service: unit.service,
      territory_code: unit.territory,
      path: `${unit.parent.path}/${unit.code}`,
      ...nameColumns(unit.names),
    })
    .execute();
}

/** Renames or (de)activates a unit. */
export async function updateUnit(
  db: Db,
  id: number,
  patch: { names?: Names; active?: boolean },
): Promise<void> {
  const set = {
    ...(patch.names ? nameColumns(patch.names) : {}),
    ...(patch.active === undefined ? {} : { active: patch.active }),
  };
  if (Object.keys(set).length > 0) await db.updateTable('units').set(set).where('id', '=', id).execute();
}

/** Sets the requisites printed on a unit's letters. */
export async function upsertRequisites(
  db: Db,
  unitId: number,
  requisites: { address: string; phone: string; email: string; website: string },
  userId: number,
  now: Date,
): Promise<void> {
  const values = { ...requisites, updated_at: now, updated_by: userId };
  await db
    .insertInto('unit_requisites')
    .values({ unit_id: unitId, ...values })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
    .execute();
}

/** Every territory, in the reference order. */
export function allTerritories(db: Db) {
  return db.selectFrom('territories').selectAll().orderBy('sort').orderBy('code').execute();
}

/** Adds a territory at the end of the list. */
export async function insertTerritory(
  db: Db,
  t: {
    code: string;
    parent: string | null;
    kind: Database['territories']['kind'];
    names: Names;
    population: number | null;
  },
): Promise<void> {
  await db
    .insertInto('territories')
    .values({
      code: t.code,
      parent_code: t.parent,
      kind: t.kind,
      ...nameColumns(t.names),
      population: t.population,
      population_year: null,
      sort: sql<number>`(select coalesce(max(sort), 0) + 1 from territories)`,
    })
    .execute();
}

/** Renames, (de)activates or re-counts a territory; false when there is none. */
export async function updateTerritory(
  db: Db,
  code: string,
  patch: { names?: Names; active?: boolean; population?: number | null },
): Promise<boolean> {
  const set = {
    ...(patch.names ? nameColumns(patch.names) : {}),
    ...(patch.active === undefined ? {} : { active: patch.active }),
    ...(patch.population === undefined ? {} : { population: patch.population }),
  };
  if (Object.keys(set).length === 0) return true;
  const result = await db.updateTable('territories').set(set).where('code', '=', code).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Every category, in the reference order. */
export function allCategories(db: Db) {
  return db.selectFrom('categories').selectAll().orderBy('sort').orderBy('code').execute();
}

type CategoryColumns = {
  service?: string;
  officer_complaint?: boolean;
  name_uz?: string;
  name_oz?: string;
  name_ru?: string;
  name_en?: string;
  description_uz?: string;
  description_oz?: string;
  description_ru?: string;
  description_en?: string;
  sort?: number;
  active?: boolean;
};

/** Adds a category. */
export async function insertCategory(
  db: Db,
  code: string,
  columns: Required<Omit<CategoryColumns, 'active'>>,
) {
  await db
    .insertInto('categories')
    .values({ code, ...columns })
    .execute();
}

/** Changes a category; false when there is none. */
export async function updateCategory(db: Db, code: string, columns: CategoryColumns): Promise<boolean> {
  if (Object.keys(columns).length === 0) return true;
  const result = await db.updateTable('categories').set(columns).where('code', '=', code).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Every routing rule, most recent last. */
export function allRules(db: Db) {
  return db.selectFrom('routing_rules').selectAll().orderBy('id').execute();
}

type RuleColumns = {
  category_code: string | null;
  territory_code: string | null;
  unit_id: number | null;
  service: string | null;
  priority: number;
  active: boolean;
  note: string;
};

/** Adds a routing rule and returns its id. */
export async function insertRule(db: Db, rule: RuleColumns, now: Date): Promise<number> {
  const row = await db
    .insertInto('routing_rules')
    .values({ ...rule, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Replaces a routing rule; false when there is none. */
export async function updateRule(db: Db, id: number, rule: RuleColumns): Promise<boolean> {
  const result = await db.updateTable('routing_rules').set(rule).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Days of the holiday calendar in one year. */
export function calendarYear(db: Db, year: number) {
  return db
    .selectFrom('calendar_days')
    .selectAll()
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
}

/** Adds or changes a day of the calendar. */
export async function upsertDay(
  db: Db,
  day: string,
  values: {
    kind: Database['calendar_days']['kind'];
    names: Names;
    estimated: boolean;
    source: string;
  },
): Promise<void> {
  const columns = {
    kind: values.kind,
    ...nameColumns(values.names),
    estimated: values.estimated,
    source: values.source,
  };
  await db
    .insertInto('calendar_days')
    .values({ day, ...columns })
    .onConflict((oc) => oc.column('day').doUpdateSet(columns))
    .execute();
}

/** Removes a day from the calendar; false when it was not there. */
export async function deleteDay(db: Db, day: string): Promise<boolean> {
  const result = await db.deleteFrom('calendar_days').where('day', '=', day).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/** Writes a setting. */
export async function writeSetting(
  db: Db,
  key: string,
  value: unknown,
  userId: number,
  now: Date,
): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: now, updated_by: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now, updated_by: userId }))
    .execute();
}

/** Tells every server process (this one too) to reload the reference data once this transaction commits. */
export async function announceReferenceChange(db: Db): Promise<void> {
  await sql`select pg_notify(${REFERENCE_CHANNEL}, '')`.execute(db);
}
