import type { UiLanguage } from '../../contracts/enums.ts';
import type { Db } from '../db/database.ts';
import { WorkCalendar } from '../deadlines/calendar.ts';
import { type ClockSettings, clockSettingsSchema, defaultClockSettings } from '../deadlines/legal-clock.ts';
import type { RoutingRule } from './route-appeal.ts';
import { allReferenceRows } from './routing.repository.ts';
import { UnitDirectory } from './unit-directory.ts';

/** A territory as the API and routing see it. */
export interface Territory {
  code: string;
  parentCode: string | null;
  kind: string;
  names: Record<UiLanguage, string>;
  population: number | null;
  active: boolean;
}

/** A category of the taxonomy. */
export interface Category {
  code: string;
  service: string;
  officerComplaint: boolean;
  names: Record<UiLanguage, string>;
  descriptions: Record<UiLanguage, string>;
  active: boolean;
}

/**
 * The reference data every request needs (units, categories, territories, rules, the calendar and the
 * clock settings), read once and replaced as a whole when an administrator changes any of it.
 */
export interface ReferenceSnapshot {
  units: UnitDirectory;
  territories: Map<string, Territory>;
  categories: Map<string, Category>;
  rules: RoutingRule[];
  calendar: WorkCalendar;
  clockSettings: ClockSettings;
  settings: Map<string, unknown>;
}

const names = (row: { name_uz: string; name_oz: string; name_ru: string; name_en: string }) => ({
  uz: row.name_uz,
  oz: row.name_oz,
  ru: row.name_ru,
  en: row.name_en,
});

/** Reads a fresh snapshot from the database. */
export async function loadReferenceSnapshot(db: Db): Promise<ReferenceSnapshot> {
  const {
    units: unitRows,
    territories: territoryRows,
    categories: categoryRows,
    rules: ruleRows,
    days: dayRows,
    settings: settingRows,
  } = await allReferenceRows(db);
  const settings = new Map(settingRows.map((r) => [r.key, r.value]));
  const weekend = settings.get('calendar.weekend');
  const parsedClock = clockSettingsSchema.safeParse(settings.get('clock') ?? {});
  return {
    units: new UnitDirectory(
      unitRows.map((u) => ({
        id: u.id,
        code: u.code,
        parentId: u.parent_id,
        level: u.level,
        service: u.service,
        territoryCode: u.territory_code,
        names: names(u),
        active: u.active,
      })),
    ),
    territories: new Map(
      territoryRows.map((t) => [
        t.code,
        {
          code: t.code,
          parentCode: t.parent_code,
          kind: t.kind,
          names: names(t),
          population: t.population,
          active: t.active,
        },
      ]),
    ),
    categories: new Map(
      categoryRows.map((c) => [
        c.code,
        {
          code: c.code,
          service: c.service,
          officerComplaint: c.officer_complaint,
          names: names(c),
          descriptions: {
            uz: c.description_uz,
            oz: c.description_oz,
            ru: c.description_ru,
            en: c.description_en,
          },
          active: c.active,
        },
      ]),
    ),
    rules: ruleRows.map((r) => ({
      id: r.id,
      categoryCode: r.category_code,
      territoryCode: r.territory_code,
      unitId: r.unit_id,
      service: r.service,
      priority: r.priority,
      active: r.active,
    })),
    calendar: new WorkCalendar({
      daysOff: dayRows.filter((d) => d.kind !== 'working_day').map((d) => d.day),
      workingDays: dayRows.filter((d) => d.kind === 'working_day').map((d) => d.day),
      weekend: Array.isArray(weekend) && weekend.every((d) => typeof d === 'number') ? weekend : [6, 7],
    }),
    clockSettings: parsedClock.success ? parsedClock.data : defaultClockSettings,
    settings,
  };
}
