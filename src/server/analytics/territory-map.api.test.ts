import * as XLSX from '@e965/xlsx';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { type TerritoryMap, territoryMapSchema } from '../../contracts/territory-map.schema.ts';
import { FixedClock } from '../clock.ts';
import { rerollDirtyDays } from './daily-rollup.repository.ts';
import { per10000 } from './open-stats.ts';

// The leaders' map: real appeals filed through the API to districts of Tashkent city and Samarkand region,
// counted by region and by district, as far as each viewer's scope sees them.
const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;
let analyst: StaffAgent;
let cityHead: StaffAgent;
let complained: string;

async function map(agent: StaffAgent, query = ''): Promise<TerritoryMap> {
  const response = await agent.request({ method: 'GET', url: `/api/v1/analytics/map?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return territoryMapSchema.parse(response.json());
}

const area = (m: TerritoryMap, code: string | null) => m.areas.find((a) => a.code === code);

/** The bounding box of a path of M, relative l and z commands, as [x0, y0, x1, y1]. */
function boxOf(d: string): [number, number, number, number] {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const ring of d.split('M').filter(Boolean)) {
    const numbers = ring.replace(/[lz]/g, ' ').trim().split(/\s+/).map(Number);
    let [x, y] = [0, 0];
    for (let i = 0; i + 1 < numbers.length; i += 2) {
      x += numbers[i] ?? 0;
      y += numbers[i + 1] ?? 0;
      xs.push(x);
      ys.push(y);
    }
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

beforeAll(async () => {
  t = await startTestSystem({ clock });
  await sql`delete from appeals`.execute(t.ownerDb);
  analyst = await t.staff('map-analyst', 'analyst', 'IIV', { scopeSubtree: true });
  cityHead = await t.staff('map-city-head', 'head', 'IIV-1726', { scopeSubtree: true });
  for (let i = 0; i < 3; i++) await t.fileAppeal({ territory: '1726266' });
  await t.fileAppeal({ territory: '1726269' });
  for (let i = 0; i < 2; i++) await t.fileAppeal({ territory: '1718203' });
  // One appeal of last November in Yunusobod: "the same days last year".
  const lastYear = await t.fileAppeal({ territory: '1726266' });
  await sql`update appeals set received_on = '2025-11-10' where number = ${lastYear.number}`.execute(
    t.ownerDb,
  );
  // A complaint about the city's head: counted for the ministry's analyst, never for the head.
  complained = (await t.fileAppeal({ territory: '1726269' })).number;
  const headId = await t.ownerDb
    .selectFrom('users')
    .select('id')
    .where('login', '=', 'map-city-head')
    .executeTakeFirstOrThrow();
  await sql`update appeals set subject_officer_id = ${headId.id} where number = ${complained}`.execute(
    t.ownerDb,
  );
  // A training appeal is never counted.
  const sandbox = await t.fileAppeal({ territory: '1718203' });
  await sql`update appeals set sandbox = true where number = ${sandbox.number}`.execute(t.ownerDb);
  // The ministry's map reads the roll-up, which its job brings up to date each minute: up to date now.
  await rerollDirtyDays(t.system.ctx.db);
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

describe('the leaders’ map', () => {
  it('counts appeals per region with the region’s population and its outline', async () => {
    const m = await map(analyst, 'period=month');
    expect(m.level).toBe('region');
    expect(m.periods.current).toEqual({ from: '2026-11-01', to: '2026-11-25' });
    expect(m.areas.filter((a) => a.outline !== null)).toHaveLength(14);
    const city = area(m, '1726');
    expect(city).toMatchObject({ received: 5, receivedLastYear: 1, populationOf: 'own' });
    expect(city?.per10000).toBe(per10000(5, city?.population));
    expect(area(m, '1718')).toMatchObject({ received: 2, receivedLastYear: 0 });
    expect(area(m, '1735')).toMatchObject({ received: 0, per10000: 0 });
    // Every appeal of the period is on the map exactly once.
    expect(m.areas.reduce((s, a) => s + a.received, 0)).toBe(7);
  });

  it('goes down to the districts of a region, using the region’s population where a district has none', async () => {
    const m = await map(analyst, 'period=month&region=1726');
    expect(m.level).toBe('district');
    expect(m.region?.code).toBe('1726');
    const yunusobod = area(m, '1726266');
    expect(yunusobod).toMatchObject({ received: 3, receivedLastYear: 1, populationOf: 'region' });
    expect(yunusobod?.population).toBe(area(await map(analyst), '1726')?.population);
    expect(area(m, '1726269')?.received).toBe(2);
  });

  it('draws a region’s districts from their outlines, inside the region, framed by the box they fill', async () => {
    const regions = await map(analyst);
    for (const [code, without] of [
      ['1726', ['1726292']],
      ['1718', []],
      ['1727', []],
    ] as const) {
      const m = await map(analyst, `region=${code}`);
      const districts = m.areas.filter((a) => a.code !== code);
      expect(districts.filter((a) => a.outline === null).map((a) => a.code)).toEqual(without);
      // The region's own outline (Natural Earth, to whole units) with a few units of slack for its coarse
      // borders and Tashkent city's 2020 growth: a district of another region would lie far outside.
      const [rx0, ry0, rx1, ry1] = boxOf(area(regions, code)?.outline ?? '');
      const [vx, vy, vw, vh] = m.viewBox.split(' ').map(Number);
      expect(m.viewBox).not.toBe(regions.viewBox);
      for (const d of districts.filter((a) => a.outline !== null)) {
        const [x0, y0, x1, y1] = boxOf(d.outline ?? '');
        expect([x0 > rx0 - 6, y0 > ry0 - 6, x1 < rx1 + 6, y1 < ry1 + 6], `${d.code} in ${code}`).toEqual([
          true,
          true,
          true,
          true,
        ]);
        expect(
          x0 >= (vx ?? 0) && y0 >= (vy ?? 0) && x1 <= (vx ?? 0) + (vw ?? 0) && y1 <= (vy ?? 0) + (vh ?? 0),
        ).toBe(true);
      }
    }
    // Kogon tumani is the big ring around Kogon city in the source, whose labels are the wrong way round.
    const bukhara = await map(analyst, 'region=1706');
    const [k0, , k1] = boxOf(area(bukhara, '1706219')?.outline ?? '');
    expect(k1 - k0).toBeGreaterThan(5);
    expect(area(bukhara, '1706403')?.outline).toBeNull();
  });

  it('hides a complaint about the viewer, and counts only the viewer’s scope', async () => {
    const regions = await map(cityHead, 'period=month');
    expect(area(regions, '1726')?.received).toBe(4);
    expect(area(regions, '1718')?.received).toBe(0);
    const districts = await map(cityHead, 'period=month&region=1726');
    expect(area(districts, '1726269')?.received).toBe(1);
  });

  it('filters like the hierarchy view and drills down to the same appeals', async () => {
    const m = await map(cityHead, 'period=month&region=1726&type=ariza&channel=web');
    expect(area(m, '1726266')?.received).toBe(3);
    const list = await cityHead.request({
      method: 'GET',
      url: `/api/v1/appeals?territory=1726266&receivedFrom=${m.periods.current.from}&receivedTo=${m.periods.current.to}&type=ariza&channel=web`,
    });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ total: number }>().total).toBe(3);
    expect((await map(analyst, 'period=month&channel=telegram')).areas.every((a) => a.received === 0)).toBe(
      true,
    );
  });

  it('exports exactly the rows on screen', async () => {
    const m = await map(analyst, 'period=month&region=1726&lang=en');
    const response = await analyst.request({
      method: 'GET',
      url: '/api/v1/analytics/map?period=month&region=1726&format=xlsx&lang=en',
    });
    expect(response.statusCode).toBe(200);
    const book = XLSX.read(response.rawPayload, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0] ?? ''] ?? {}, {
      header: 1,
    });
    expect(rows[0]).toContain('Per 10,000 residents');
    expect(rows.slice(1).map((r) => [r[0], r[2]])).toEqual(m.areas.map((a) => [a.name, a.received]));
    const csv = await analyst.request({
      method: 'GET',
      url: '/api/v1/analytics/map?period=month&format=csv',
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.trim().split('\r\n')).toHaveLength(15);
  });

  it('answers bad or forbidden questions with a stable code', async () => {
    const executor = await t.staff('map-executor', 'executor', 'IIV-1726266-APP');
    const forbidden = await executor.request({ method: 'GET', url: '/api/v1/analytics/map' });
    expect(forbidden.statusCode).toBe(403);
    for (const query of [
      'region=9999',
      'region=1726266',
      'region=abc',
      'period=custom&from=2026-11-20&to=2026-11-01',
      'channel=pigeon',
    ]) {
      const response = await analyst.request({ method: 'GET', url: `/api/v1/analytics/map?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code, query).toMatch(/^(TERRITORY_NOT_FOUND|VALIDATION_FAILED)$/);
    }
    // Exactly the code the docs name: a district is not a region; an unknown category is not "none received".
    for (const [query, code] of [
      ['region=9999', 'TERRITORY_NOT_FOUND'],
      ['region=1726266', 'TERRITORY_NOT_FOUND'],
      ['category=nope', 'VALIDATION_FAILED'],
    ]) {
      const response = await analyst.request({ method: 'GET', url: `/api/v1/analytics/map?${query}` });
      expect(response.json().error.code, query).toBe(code);
    }
    const hierarchy = await analyst.request({
      method: 'GET',
      url: '/api/v1/analytics/hierarchy?category=nope',
    });
    expect(hierarchy.statusCode).toBe(400);
    expect(hierarchy.json().error.fields).toEqual([{ path: 'category', message: expect.any(String) }]);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/analytics/map' });
    expect(anonymous.statusCode).toBe(401);
  });
});
