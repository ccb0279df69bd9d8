import type { AuditTrail } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { defaultClockSettings } from '../deadlines/legal-clock.ts';
import { loadReference } from '../reference/load-reference.ts';
import {
  insertCategories,
  insertHolidays,
  insertSettings,
  insertTerritories,
  insertUnits,
  lockSeeding,
  referenceSeeded,
} from './setup.repository.ts';

/**
 * Loads the shipped reference data (territories, unit tree, categories, holidays, default settings) into
 * an empty database. From then on they are the administrators' data: a later start never overwrites
 * them. Two processes starting together are serialised by an advisory lock.
 */
export async function seedReference(db: Db, audit: AuditTrail, now: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    await lockSeeding(tx);
    if (await referenceSeeded(tx)) return false;
    const ref = loadReference();

    await insertTerritories(tx, ref.territories);

    // One insert per depth of the tree: each level's parents already have their ids.
    const ids = new Map<string, number>();
    const paths = new Map<string, string>();
    let level = ref.units.filter((u) => u.parentCode === null);
    while (level.length > 0) {
      const inserted = await insertUnits(
        tx,
        level.map((unit) => {
          const parentPath = unit.parentCode ? paths.get(unit.parentCode) : undefined;
          return {
            code: unit.code,
            parentId: unit.parentCode ? (ids.get(unit.parentCode) ?? null) : null,
            level: unit.level,
            service: unit.service ?? null,
            territoryCode: unit.territoryCode ?? null,
            path: parentPath ? `${parentPath}/${unit.code}` : unit.code,
            names: unit.names,
          };
        }),
      );
      for (const row of inserted) {
        ids.set(row.code, row.id);
        paths.set(row.code, row.path);
      }
      const codes = new Set(level.map((u) => u.code));
      level = ref.units.filter((u) => u.parentCode !== null && codes.has(u.parentCode));
    }
    if (ids.size !== ref.units.length) throw new Error('Some units are not connected to the ministry.');

    await insertCategories(tx, ref.categories);
    await insertHolidays(tx, ref.holidays);
    await insertSettings(
      tx,
      [
        { key: 'clock', value: defaultClockSettings },
        { key: 'calendar.weekend', value: [6, 7] },
        { key: 'triage.autoRouteThreshold', value: 0.8 },
        { key: 'about.attributions', value: ref.attributions },
      ],
      now,
    );

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
