import type { z } from 'zod';
import type {
  AdminUnit,
  adminCategorySchema,
  adminTerritorySchema,
  calendarDayInputSchema,
  calendarDaySchema,
  categoryCreateInputSchema,
  categoryUpdateInputSchema,
  RoutingRuleInput,
  RoutingRuleView,
  routingTestInputSchema,
  routingTestResultSchema,
  territoryCreateInputSchema,
  territoryUpdateInputSchema,
  unitCreateInputSchema,
  unitUpdateInputSchema,
} from '../../contracts/admin.schema.ts';
import type { UiLanguage } from '../../contracts/enums.ts';
import type { StaffUser } from '../appeals/appeal.policy.ts';
import type { AppContext } from '../context.ts';
import type { Db } from '../db/database.ts';
import { WorkCalendar } from '../deadlines/calendar.ts';
import { type ClockSettings, clockSettingsSchema } from '../deadlines/legal-clock.ts';
import { AppError, FieldValidationError } from '../errors.ts';
import { decideRoute, type RoutingRule } from '../routing/route-appeal.ts';
import {
  allCategories,
  allRules,
  allTerritories,
  allUnits,
  announceReferenceChange,
  calendarYear,
  deleteDay,
  insertCategory,
  insertRule,
  insertTerritory,
  insertUnit,
  unitByCode,
  unitInUse,
  updateCategory,
  updateRule,
  updateTerritory,
  updateUnit,
  upsertDay,
  upsertRequisites,
  writeSetting,
} from './admin.repository.ts';

/**
 * The one path of every reference change: an administrator, one transaction for the change and its audit
 * entry, then every server process reloads the reference data (this one before answering).
 */
async function changeReference<T>(
  ctx: AppContext,
  admin: StaffUser,
  audit: { action: string; targetType: string; targetId: string; data?: Record<string, unknown> },
  write: (tx: Db) => Promise<T>,
): Promise<T> {
  if (admin.role !== 'admin') throw new AppError('FORBIDDEN');
  const now = ctx.clock.now();
  const result = await ctx.db.transaction().execute(async (tx) => {
    const value = await write(tx);
    await ctx.audit.append(tx, [{ actor: { id: admin.id, label: admin.login }, ...audit, at: now }]);
    await announceReferenceChange(tx);
    return value;
  });
  await ctx.reloadReference();
  return result;
}

function readers(user: StaffUser): void {
  if (user.role !== 'admin' && user.role !== 'auditor') throw new AppError('FORBIDDEN');
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Error && 'code' in error && error.code === '23505';

// ---- Units ----

/** The whole unit tree, inactive units included, with the requisites of each. */
export async function listUnits(ctx: AppContext, user: StaffUser): Promise<AdminUnit[]> {
  readers(user);
  const rows = await allUnits(ctx.db);
  return rows.map((u) => ({
    code: u.code,
    parentCode: u.parent_code,
    level: u.level,
    service: u.service,
    territoryCode: u.territory_code,
    names: { uz: u.name_uz, oz: u.name_oz, ru: u.name_ru, en: u.name_en },
    active: u.active,
    requisites:
      u.address === null
        ? null
        : { address: u.address, phone: u.phone ?? '', email: u.email ?? '', website: u.website ?? '' },
  }));
}

/** Adds a unit under an existing one. */
export async function createUnit(
  ctx: AppContext,
  admin: StaffUser,
  input: z.infer<typeof unitCreateInputSchema>,
): Promise<void> {
  const ref = ctx.reference();
  if (input.territory && !ref.territories.has(input.territory))
    throw new FieldValidationError([{ path: 'territory', key: 'unknownTerritory' }]);
  if (ref.units.byCode(input.code)) throw new AppError('ALREADY_EXISTS');
  await changeReference(
    ctx,
    admin,
    { action: 'unit.create', targetType: 'unit', targetId: input.code, data: input },
    async (tx) => {
      const parent = await unitByCode(tx, input.parent);
      if (!parent) throw new AppError('UNIT_NOT_FOUND');
      await insertUnit(tx, { ...input, parent }).catch((error: unknown) => {
        throw isUniqueViolation(error) ? new AppError('ALREADY_EXISTS') : error;
      });
    },
  );
}

/** Renames, (de)activates a unit or sets its letterhead requisites; a unit in use stays active. */
export async function changeUnit(
  ctx: AppContext,
  admin: StaffUser,
  code: string,
  input: z.infer<typeof unitUpdateInputSchema>,
): Promise<void> {
  const unit = ctx.reference().units.byCode(code);
  if (!unit) throw new AppError('UNIT_NOT_FOUND');
  if (input.active === false && unit.level === 'ministry') throw new AppError('IN_USE');
  await changeReference(
    ctx,
    admin,
    { action: 'unit.update', targetType: 'unit', targetId: code, data: input },
    async (tx) => {
      if (input.active === false && (await unitInUse(tx, unit.id))) throw new AppError('IN_USE');
      await updateUnit(tx, unit.id, { names: input.names, active: input.active });
      if (input.requisites) await upsertRequisites(tx, unit.id, input.requisites, admin.id, ctx.clock.now());
    },
  );
}

// ---- Territories ----

/** Every territory, inactive ones included. */
export async function listTerritories(
  ctx: AppContext,
  user: StaffUser,
): Promise<z.infer<typeof adminTerritorySchema>[]> {
  readers(user);
  const rows = await allTerritories(ctx.db);
  return rows.map((t) => ({
    code: t.code,
    parentCode: t.parent_code,
    kind: t.kind,
    names: { uz: t.name_uz, oz: t.name_oz, ru: t.name_ru, en: t.name_en },
    population: t.population,
    active: t.active,
  }));
}

/** Adds a territory. */
export async function createTerritory(
  ctx: AppContext,
  admin: StaffUser,
  input: z.infer<typeof territoryCreateInputSchema>,
): Promise<void> {
  const ref = ctx.reference();
  if (ref.territories.has(input.code)) throw new AppError('ALREADY_EXISTS');
  if (input.parent && !ref.territories.has(input.parent))
    throw new FieldValidationError([{ path: 'parent', key: 'unknownTerritory' }]);
  await changeReference(
    ctx,
    admin,
    { action: 'territory.create', targetType: 'territory', targetId: input.code, data: input },
    (tx) =>
      insertTerritory(tx, { ...input, population: input.population ?? null }).catch((error: unknown) => {
        throw isUniqueViolation(error) ? new AppError('ALREADY_EXISTS') : error;
      }),
  );
}

/** Renames, (de)activates or re-counts a territory. */
export async function changeTerritory(
  ctx: AppContext,
  admin: StaffUser,
  code: string,
  input: z.infer<typeof territoryUpdateInputSchema>,
): Promise<void> {
  await changeReference(
    ctx,
    admin,
    { action: 'territory.update', targetType: 'territory', targetId: code, data: input },
    async (tx) => {
      if (!(await updateTerritory(tx, code, input))) throw new AppError('NOT_FOUND');
    },
  );
}

// ---- Categories ----

/** Every category, inactive ones included. */
export async function listCategories(
  ctx: AppContext,
  user: StaffUser,
): Promise<z.infer<typeof adminCategorySchema>[]> {
  readers(user);
  const rows = await allCategories(ctx.db);
  return rows.map((c) => ({
    code: c.code,
    service: c.service,
    officerComplaint: c.officer_complaint,
    names: { uz: c.name_uz, oz: c.name_oz, ru: c.name_ru, en: c.name_en },
    descriptions: { uz: c.description_uz, oz: c.description_oz, ru: c.description_ru, en: c.description_en },
    sort: c.sort,
    active: c.active,
  }));
}

function knownService(ctx: AppContext, service: string): void {
  if (
    !ctx
      .reference()
      .units.all()
      .some((u) => u.service === service)
  )
    throw new FieldValidationError([{ path: 'service', key: 'invalid' }]);
}

/** Adds a category routed by default to a service kind of the territory's body. */
export async function createCategory(
  ctx: AppContext,
  admin: StaffUser,
  input: z.infer<typeof categoryCreateInputSchema>,
): Promise<void> {
  if (ctx.reference().categories.has(input.code)) throw new AppError('ALREADY_EXISTS');
  knownService(ctx, input.service);
  const d = input.descriptions ?? { uz: '', oz: '', ru: '', en: '' };
  await changeReference(
    ctx,
    admin,
    {
      action: 'category.create',
      targetType: 'category',
      targetId: input.code,
      data: { service: input.service },
    },
    (tx) =>
      insertCategory(tx, input.code, {
        service: input.service,
        officer_complaint: input.officerComplaint,
        name_uz: input.names.uz,
        name_oz: input.names.oz,
        name_ru: input.names.ru,
        name_en: input.names.en,
        description_uz: d.uz,
        description_oz: d.oz,
        description_ru: d.ru,
        description_en: d.en,
        sort: input.sort ?? ctx.reference().categories.size,
      }).catch((error: unknown) => {
        throw isUniqueViolation(error) ? new AppError('ALREADY_EXISTS') : error;
      }),
  );
}

/** Changes a category (names, descriptions, default service, officer-complaint flag, order, state). */
export async function changeCategory(
  ctx: AppContext,
  admin: StaffUser,
  code: string,
  input: z.infer<typeof categoryUpdateInputSchema>,
): Promise<void> {
  if (input.service) knownService(ctx, input.service);
  const n = input.names;
  const d = input.descriptions;
  await changeReference(
    ctx,
    admin,
    { action: 'category.update', targetType: 'category', targetId: code, data: input },
    async (tx) => {
      const found = await updateCategory(tx, code, {
        ...(input.service === undefined ? {} : { service: input.service }),
        ...(input.officerComplaint === undefined ? {} : { officer_complaint: input.officerComplaint }),
        ...(n ? { name_uz: n.uz, name_oz: n.oz, name_ru: n.ru, name_en: n.en } : {}),
        ...(d
          ? { description_uz: d.uz, description_oz: d.oz, description_ru: d.ru, description_en: d.en }
          : {}),
        ...(input.sort === undefined ? {} : { sort: input.sort }),
        ...(input.active === undefined ? {} : { active: input.active }),
      });
      if (!found) throw new AppError('NOT_FOUND');
    },
  );
}

// ---- Routing rules ----

/** Every routing rule, with units by code. */
export async function listRules(ctx: AppContext, user: StaffUser): Promise<RoutingRuleView[]> {
  readers(user);
  const units = ctx.reference().units;
  const rows = await allRules(ctx.db);
  return rows.map((r) => ({
    id: r.id,
    category: r.category_code,
    territory: r.territory_code,
    unit: r.unit_id === null ? null : (units.byId(r.unit_id)?.code ?? null),
    service: r.service,
    priority: r.priority,
    active: r.active,
    note: r.note,
  }));
}

/** Checks a rule's references and turns codes into the stored columns. */
function ruleColumns(ctx: AppContext, input: RoutingRuleInput) {
  const ref = ctx.reference();
  if (input.category && !ref.categories.has(input.category))
    throw new FieldValidationError([{ path: 'category', key: 'unknownCategory' }]);
  if (input.territory && !ref.territories.has(input.territory))
    throw new FieldValidationError([{ path: 'territory', key: 'unknownTerritory' }]);
  const unit = input.unit ? ref.units.byCode(input.unit) : undefined;
  if (input.unit && !unit?.active) throw new FieldValidationError([{ path: 'unit', key: 'unknownUnit' }]);
  if (input.service) knownService(ctx, input.service);
  return {
    category_code: input.category,
    territory_code: input.territory,
    unit_id: unit?.id ?? null,
    service: input.service,
    priority: input.priority,
    active: input.active,
    note: input.note,
  };
}

/** Adds a routing rule (or, with `id`, replaces one); returns its id. */
export async function saveRule(
  ctx: AppContext,
  admin: StaffUser,
  input: RoutingRuleInput,
  id?: number,
): Promise<{ id: number }> {
  const columns = ruleColumns(ctx, input);
  return changeReference(
    ctx,
    admin,
    {
      action: id === undefined ? 'routing_rule.create' : 'routing_rule.update',
      targetType: 'routing_rule',
      targetId: String(id ?? 'new'),
      data: input,
    },
    async (tx) => {
      if (id === undefined) return { id: await insertRule(tx, columns, ctx.clock.now()) };
      if (!(await updateRule(tx, id, columns))) throw new AppError('NOT_FOUND');
      return { id };
    },
  );
}

/**
 * "Test this rule": where an appeal of this category from this territory would be routed with the rules
 * as they are, or as they would be with the rule under test added (or replacing the saved rule `replaces`).
 * Pure: nothing is stored.
 */
export function testRule(
  ctx: AppContext,
  user: StaffUser,
  input: z.infer<typeof routingTestInputSchema>,
  language: UiLanguage,
): z.infer<typeof routingTestResultSchema> {
  readers(user);
  const ref = ctx.reference();
  const category = input.category ? ref.categories.get(input.category) : undefined;
  if (input.category && !category)
    throw new FieldValidationError([{ path: 'category', key: 'unknownCategory' }]);
  if (input.territory && !ref.territories.has(input.territory))
    throw new FieldValidationError([{ path: 'territory', key: 'unknownTerritory' }]);
  const TESTED = 0;
  let rules: RoutingRule[] = ref.rules;
  if (input.rule) {
    const c = ruleColumns(ctx, input.rule);
    const tested: RoutingRule = {
      id: TESTED,
      categoryCode: c.category_code,
      territoryCode: c.territory_code,
      unitId: c.unit_id,
      service: c.service,
      priority: c.priority,
      active: c.active,
    };
    rules = [...ref.rules.filter((r) => r.id !== input.replaces), tested];
  }
  const decision = decideRoute(ref.units, rules, {
    categoryCode: input.category,
    territoryCode: input.territory,
    categoryService: category?.service ?? null,
    officerComplaint: category?.officerComplaint ?? false,
  });
  return {
    unit: { code: decision.unit.code, name: decision.unit.names[language] },
    basis: decision.basis,
    ruleId: decision.ruleId === TESTED ? null : decision.ruleId,
    decidedByTestedRule: input.rule !== undefined && decision.ruleId === TESTED,
  };
}

// ---- Calendar and clock ----

/** The holiday calendar of a year. */
export async function listCalendar(
  ctx: AppContext,
  user: StaffUser,
  year: number,
): Promise<z.infer<typeof calendarDaySchema>[]> {
  readers(user);
  const rows = await calendarYear(ctx.db, year);
  return rows.map((d) => ({
    day: d.day,
    kind: d.kind,
    names: { uz: d.name_uz, oz: d.name_oz, ru: d.name_ru, en: d.name_en },
    estimated: d.estimated,
    source: d.source,
  }));
}

/** Declares a day off (or a transferred working day); deadlines computed from now on use it. */
export async function setCalendarDay(
  ctx: AppContext,
  admin: StaffUser,
  day: string,
  input: z.infer<typeof calendarDayInputSchema>,
): Promise<void> {
  await changeReference(
    ctx,
    admin,
    { action: 'calendar.set_day', targetType: 'calendar_day', targetId: day, data: input },
    (tx) => upsertDay(tx, day, input),
  );
}

/** Removes a day from the calendar (it becomes an ordinary weekday or weekend day again). */
export async function removeCalendarDay(ctx: AppContext, admin: StaffUser, day: string): Promise<void> {
  await changeReference(
    ctx,
    admin,
    { action: 'calendar.remove_day', targetType: 'calendar_day', targetId: day },
    async (tx) => {
      if (!(await deleteDay(tx, day))) throw new AppError('NOT_FOUND');
    },
  );
}

/** The legal clock's settings and the weekend. */
export function clockSettings(ctx: AppContext, user: StaffUser): { clock: ClockSettings; weekend: number[] } {
  readers(user);
  const ref = ctx.reference();
  const weekend = ref.settings.get('calendar.weekend');
  return {
    clock: ref.clockSettings,
    weekend: Array.isArray(weekend) ? weekend.filter((d): d is number => typeof d === 'number') : [6, 7],
  };
}

/**
 * Changes the legal clock's settings and the weekend. They apply to clocks started or changed from now
 * on; deadlines already computed stay as they were, so that every date stays provable.
 */
export async function changeClockSettings(
  ctx: AppContext,
  admin: StaffUser,
  input: { clock: ClockSettings; weekend: number[] },
): Promise<void> {
  const clock = clockSettingsSchema.parse(input.clock);
  try {
    new WorkCalendar({ daysOff: [], workingDays: [], weekend: input.weekend });
  } catch {
    throw new FieldValidationError([{ path: 'weekend', key: 'invalid' }]);
  }
  const now = ctx.clock.now();
  await changeReference(
    ctx,
    admin,
    {
      action: 'settings.clock',
      targetType: 'setting',
      targetId: 'clock',
      data: { clock, weekend: input.weekend },
    },
    async (tx) => {
      await writeSetting(tx, 'clock', clock, admin.id, now);
      await writeSetting(tx, 'calendar.weekend', input.weekend, admin.id, now);
    },
  );
}
