import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { type Scope, scopeOf } from '../appeals/appeal.policy.ts';
import { FixedClock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { addDays, localDateOf, startOfDay } from '../deadlines/calendar.ts';
import type { Unit, UnitDirectory } from '../routing/unit-directory.ts';
import { holdingRerolls, rerollDirtyDays } from './daily-rollup.repository.ts';
import { groupCounts, type UnitGroups } from './hierarchy.repository.ts';
import { comparedSpans } from './periods.ts';
import { territoryCounts } from './territory-map.repository.ts';
import { seedGenerated } from './testing.ts';
import { workloadRows } from './workload.repository.ts';

// An insider's attack on the leader views (issue 16): the officer a citizen complained about must learn
// nothing of that complaint from his own figures. The views sum a roll-up (as of its last re-roll) less the
// appeals hidden from the viewer; when the hidden part was counted live, answering a complaint about him made
// his "answered" figures dip by one until the next re-roll (within a minute), telling him the complaint
// exists, that it was answered, when and how. Both parts must be of the same moment.

const until = new Date('2026-11-20T12:00:00Z');
const clock = new FixedClock(until);
let t: TestSystem;
let units: UnitDirectory;
let region: Unit;
/** Two staff accounts that complaints name: one analyst at the ministry, one head of the region. */
let officers: { ministry: number; region: number; bystander: number };

beforeAll(async () => {
  t = await startTestSystem({ clock });
  const { system } = t;
  await seedGenerated(system, { appeals: 1_500, seed: 23, years: 1, until });
  units = system.ctx.reference().units;
  const found = units.byCode('IIV-1726');
  if (!found) throw new Error('no Tashkent city directorate');
  region = found;
  const ids = await sql<{ id: number }>`
    insert into users (login, full_name, role, unit_id, active, password_hash)
    values ('hidden-analyst', 'Analyst', 'analyst', ${units.ministry.id}, true, 'x'),
           ('hidden-head', 'Head', 'head', ${region.id}, true, 'x'),
           ('hidden-bystander', 'Bystander', 'analyst', ${units.ministry.id}, true, 'x')
    returning id`.execute(t.ownerDb);
  const [ministry, head, bystander] = ids.rows.map((r) => r.id);
  if (!ministry || !head || !bystander) throw new Error('no users');
  officers = { ministry, region: head, bystander };
  // Complaints about each of them, examined in the region (in both viewers' views), still in work.
  await sql`
    update appeals set subject_officer_id = case when id % 2 = 0 then ${ministry}::int else ${head}::int end,
           status = 'in_progress', outcome = null, closed_at = null
     where id in (select id from appeals where scope_reach @> array[${region.id}::int] order by id limit 24)`.execute(
    t.ownerDb,
  );
  await rerollDirtyDays(system.ctx.db);
}, 600_000);

afterAll(async () => {
  await t?.stop();
});

function groupsOf(unitId: number): UnitGroups & { everyUnit: boolean } {
  const groups = { unitIds: [unitId], groups: [0], everyUnit: unitId === units.ministry.id };
  units.children(unitId).forEach((child, index) => {
    for (const id of units.subtreeIds(child.id)) {
      groups.unitIds.push(id);
      groups.groups.push(index + 1);
    }
  });
  return groups;
}

const scopeAt = (unitId: number, userId: number): Scope =>
  scopeOf({ id: userId, unitId, scopeSubtree: true, role: 'head', login: 'x', fullName: 'X' }, units);

/** Every figure of the hierarchy, the map and the workload that the viewer at `unitId` is shown for this year. */
async function figuresOf(db: Db, unitId: number, userId: number) {
  const today = localDateOf(clock.now());
  const scope = scopeAt(unitId, userId);
  const groups = groupsOf(unitId);
  const year = comparedSpans('year', today);
  const spans = [year.current, year.previous];
  const hierarchy = await Promise.all(
    [{}, { type: 'shikoyat' as const }].map((filter) =>
      groupCounts(db, { scope, groups, spans, today, filter }),
    ),
  );
  const map = await Promise.all(
    [undefined, '1726'].map((code) => territoryCounts(db, { scope, spans, region: code, filter: {} })),
  );
  const workload = await workloadRows(db, {
    scope,
    groups,
    unitId,
    span: { since: startOfDay(year.current.from), until: startOfDay(addDays(year.current.to, 1)) },
    days: year.current,
    today,
  });
  const sorted = <T>(rows: T[]) => [...rows].map((r) => JSON.stringify(r)).sort();
  return {
    hierarchy: hierarchy.map(sorted),
    map: map.map(sorted),
    workload: sorted(workload),
  };
}

describe('a complaint about the viewer', () => {
  it('moves none of his figures when it is answered, before or after the roll-up catches up', async () => {
    const db = t.system.ctx.db;
    const bystanderBefore = await figuresOf(db, units.ministry.id, officers.bystander);
    for (const viewer of [
      { unit: units.ministry.id, user: officers.ministry },
      { unit: region.id, user: officers.region },
    ]) {
      const before = await figuresOf(db, viewer.unit, viewer.user);
      await holdingRerolls(t.ownerDb, async () => {
        const answered = await sql`
          update appeals set status = 'answered', outcome = 'satisfied', closed_at = ${new Date(until.getTime() - 3_600_000)}
           where subject_officer_id = ${viewer.user} returning id`.execute(t.ownerDb);
        expect(answered.rows.length).toBeGreaterThanOrEqual(10); // about half of the 24
        // The roll-up has not caught up (no re-roll can run now): his figures must not move.
        expect(await figuresOf(db, viewer.unit, viewer.user)).toEqual(before);
      });
      await rerollDirtyDays(db);
      expect(await figuresOf(db, viewer.unit, viewer.user)).toEqual(before);
    }
    // The answers were counted: someone who may see the complaints sees his figures change.
    expect(await figuresOf(db, units.ministry.id, officers.bystander)).not.toEqual(bystanderBefore);
  }, 300_000);
});
