import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { canonicalLatin } from '../../nlp/normalize.ts';
import { verifyAuditLog } from '../audit/audit-checkpoints.ts';
import { seedAppeals } from './copy-seed.ts';
import {
  generateAppeals,
  planSeed,
  type SeedAppeal,
  type SeedOptions,
  seededAccessCode,
} from './generate-appeals.ts';

let t: TestSystem;
beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t.stop();
});

const until = new Date('2026-11-20T12:00:00Z');
const options = (overrides: Partial<SeedOptions> = {}): SeedOptions => ({
  appeals: 4_000,
  seed: 42,
  years: 2,
  until,
  firstId: 1,
  lastSeq: new Map(),
  ...overrides,
});
const generate = (o: SeedOptions): SeedAppeal[] => [...generateAppeals(t.system.ctx.reference(), o)];

describe('generated appeals', () => {
  it('are the same for the same seed and differ for another seed', () => {
    const a = generate(options({ appeals: 800 }));
    const b = generate(options({ appeals: 800 }));
    const c = generate(options({ appeals: 800, seed: 43 }));
    const key = (x: SeedAppeal) => `${x.number}|${x.status}|${x.text}|${x.accessCode}`;
    expect(a.map(key)).toEqual(b.map(key));
    expect(a.map(key)).not.toEqual(c.map(key));
  });

  it('number each year gap-free in order of receipt, after the counters already used', () => {
    const appeals = generate(options({ lastSeq: new Map([[2026, 500]]) }));
    expect(appeals).toHaveLength(4_000);
    const byYear = new Map<number, number[]>();
    for (const a of appeals) byYear.set(a.year, [...(byYear.get(a.year) ?? []), a.seq]);
    for (const [year, seqs] of byYear) {
      const first = year === 2026 ? 501 : 1;
      expect(seqs).toEqual(seqs.map((_, i) => first + i));
    }
    const times = appeals.map((a) => a.receivedAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(times.at(-1)).toBeLessThan(until.getTime());
  });

  it('store a canonical Latin form equal to the normaliser’s reading of the whole text', () => {
    for (const a of generate(options({ appeals: 1_500 }))) expect(a.textLatin).toBe(canonicalLatin(a.text));
  });

  it('mix scripts, applicants, repeats, duplicates, a campaign and outcomes in plausible shares', () => {
    const appeals = generate(options({ appeals: 20_000 }));
    const share = (f: (a: SeedAppeal) => boolean) => appeals.filter(f).length / appeals.length;
    expect(share((a) => a.language === 'uz' || a.answerLanguage === 'uz')).toBeGreaterThan(0.3);
    expect(share((a) => a.answerLanguage === 'oz')).toBeGreaterThan(0.1);
    expect(share((a) => a.answerLanguage === 'ru')).toBeGreaterThan(0.1);
    expect(share((a) => a.answerLanguage === 'en')).toBeGreaterThan(0.003);
    expect(share((a) => a.applicantKind === 'anonymous')).toBeGreaterThan(0.01);
    expect(share((a) => a.linkKind === 'repeat')).toBeGreaterThan(0.02);
    expect(share((a) => a.status === 'merged')).toBeGreaterThan(0.01);
    expect(share((a) => a.clock.headExtensionUsed)).toBeGreaterThan(0.005);
    const old = appeals.filter((a) => until.getTime() - a.receivedAt.getTime() > 90 * 86_400_000);
    expect(old.filter((a) => a.status === 'answered').length / old.length).toBeGreaterThan(0.7);
    const overdue = old.filter((a) => a.closedAt === null);
    expect(overdue.length / old.length).toBeGreaterThan(0.005);
    expect(overdue.length / old.length).toBeLessThan(0.06);
    // A campaign: many near-identical texts on a few days.
    const openings = new Map<string, number>();
    for (const a of appeals)
      openings.set(a.textLatin.slice(-120), (openings.get(a.textLatin.slice(-120)) ?? 0) + 1);
    expect(Math.max(...openings.values())).toBeGreaterThan(20);
    // Repeats name an earlier appeal of the same applicant.
    const byId = new Map(appeals.map((a) => [a.id, a]));
    for (const a of appeals.filter((x) => x.parentId !== null)) {
      const parent = byId.get(a.parentId ?? 0);
      expect(parent?.receivedAt.getTime()).toBeLessThan(a.receivedAt.getTime());
      expect(parent?.lookup.name).toBe(a.lookup.name);
    }
    // Every history starts with registration and runs forward in time.
    for (const a of appeals.slice(0, 2_000)) {
      expect(a.events[0]?.event).toBe('registered');
      const at = a.events.map((e) => e.at.getTime());
      expect(at).toEqual([...at].sort((x, y) => x - y));
    }
    // Most appeals are worked by a named executor: not those forwarded, merged, not considered or still
    // waiting to be routed.
    expect(share((a) => a.executor !== null)).toBeGreaterThan(0.75);
    expect(share((a) => a.executor !== null)).toBeLessThan(0.95);
  });

  it('link repeats and complaints to appeals spread over the past, not piled on the first', () => {
    const appeals = generate(options({ appeals: 20_000 }));
    const children = new Map<number, number>();
    for (const a of appeals)
      if (a.parentId !== null) children.set(a.parentId, (children.get(a.parentId) ?? 0) + 1);
    // About 6 % of 20,000 draw a parent; no appeal should be the parent of more than a handful.
    expect(children.size).toBeGreaterThan(100);
    expect(Math.max(...children.values())).toBeLessThan(10);
  });

  it('name an executor of the owner unit before an appeal is taken up, as its head would', () => {
    const ref = t.system.ctx.reference();
    const checkRun = (o: SeedOptions) => {
      const unitOf = new Map(planSeed(ref, o).executors.map((e) => [e.login, e.unitId]));
      const appeals = generate(o);
      let handedOn = 0;
      for (const a of appeals) {
        // The owner as the history has it at each line: routing names the lead unit first.
        let owner: number | undefined;
        let executor: string | null = null;
        let named = 0;
        for (const e of a.events) {
          const units = e.data.units;
          if (e.event.startsWith('routed') && Array.isArray(units)) owner = ref.units.byCode(units[0])?.id;
          if (e.event === 'executor_assigned') {
            executor = String(e.data.executor);
            expect(owner).toBeDefined();
            expect(unitOf.get(executor)).toBe(owner);
            expect(e.unitId).toBe(owner);
            named++;
          }
          if (e.event === 'accepted') expect(executor).not.toBeNull();
        }
        expect(a.executor).toBe(executor);
        if (named > 1) handedOn++;
      }
      return handedOn / appeals.length;
    };
    checkRun(options());
    // Enough appeals a year that busy units have several executors: a few appeals change hands.
    const handedOn = checkRun(options({ appeals: 4_000, years: 0.05 }));
    expect(handedOn).toBeGreaterThan(0.001);
    expect(handedOn).toBeLessThan(0.03);
  });

  it('staff each unit with executors in proportion to its appeals, under the same logins in every seed', () => {
    const ref = t.system.ctx.reference();
    const national = planSeed(ref, options({ appeals: 1_000_000, years: 3 })).executors;
    const small = planSeed(ref, options({ appeals: 20_000, years: 3 })).executors;
    const logins = new Set(national.map((e) => e.login));
    expect(logins.size).toBe(national.length);
    for (const e of national) expect(e.login).toMatch(/^seed-exec-[a-z0-9-]+-\d+$/);
    // A smaller seed names a subset of the same accounts, so seeds can be added to one another.
    for (const e of small) expect(logins.has(e.login)).toBe(true);
    // About 150 appeals a year each at a national million (333,000 a year), and at least one per unit.
    expect(national.length).toBeGreaterThan(1_500);
    expect(national.length).toBeLessThan(3_500);
    const perUnit = new Map<number, number>();
    for (const e of national) perUnit.set(e.unitId, (perUnit.get(e.unitId) ?? 0) + 1);
    expect(Math.max(...perUnit.values())).toBeGreaterThan(5);
    expect(new Set(small.map((e) => e.unitId)).size).toBe(perUnit.size);
  });
});

describe('murojaat seed (COPY writer)', () => {
  it('loads appeals with history, answers, counters and one audit entry, and they work through the API', async () => {
    const { ctx, database } = t.system;
    const result = await seedAppeals({
      connection: database.ownerConnection,
      protector: ctx.protector,
      audit: ctx.audit,
      ref: ctx.reference(),
      appeals: 3_000,
      seed: 5,
      years: 1,
      until: new Date(),
    });
    expect(result.appeals).toBe(3_000);
    const counters = await ctx.db.selectFrom('appeal_counters').selectAll().execute();
    for (const { year, last_seq } of counters) {
      const stats = await ctx.db
        .selectFrom('appeals')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('seq').as('max')])
        .where('year', '=', year)
        .executeTakeFirstOrThrow();
      expect(stats).toEqual({ n: last_seq, max: last_seq });
    }
    const orphans = await ctx.db
      .selectFrom('appeals')
      .leftJoin('appeal_events', 'appeal_events.appeal_id', 'appeals.id')
      .select('appeals.number')
      .where('appeal_events.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
    expect((await verifyAuditLog({ db: ctx.db, key: ctx.audit.key, dataDir: ctx.config.dataDir })).ok).toBe(
      true,
    );
    // The load writes each appeal's reach itself (triggers are off); it must be what the trigger writes.
    const { rows: wrongReach } = await sql<{ n: number }>`
      select count(*)::int as n from appeals where scope_reach <> unit_reach(scope_units)`.execute(ctx.db);
    expect(wrongReach[0]?.n).toBe(0);
    // Each appeal's executor is an active executor account of the unit that owns it (the seed never routes
    // an appeal again once its executor is named).
    const { rows: executors } = await sql<{ worked: number; misplaced: number }>`
      select count(*)::int as worked,
             (count(*) filter (where u.role <> 'executor' or not u.active or u.unit_id <> a.owner_unit_id))::int
               as misplaced
      from appeals a join users u on u.id = a.executor_id`.execute(ctx.db);
    expect(executors[0]?.misplaced).toBe(0);
    expect(executors[0]?.worked).toBeGreaterThan(3_000 * 0.75);
    // A head of a region sees the region's seeded appeals (through the reach), not another region's.
    const region = ctx.reference().units.byCode('IIV-1726');
    if (!region) throw new Error('no Tashkent city directorate');
    const head = await t.staff('seedhead', 'head', 'IIV-1726', { scopeSubtree: true });
    const regionList = await head.request({ method: 'GET', url: '/api/v1/appeals?pageSize=100' });
    const regionItems = regionList.json<{ items: { number: string }[]; total: number }>();
    const { rows: inRegion } = await sql<{ n: number }>`
      select count(*)::int as n from appeals
      where scope_units && ${ctx.reference().units.subtreeIds(region.id)}::int[] and not sandbox`.execute(
      ctx.db,
    );
    expect(regionItems.total).toBe(inRegion[0]?.n);
    expect(regionItems.total).toBeGreaterThan(0);

    // A citizen tracks a seeded appeal with its (seed-derived) access code.
    const sample = await ctx.db
      .selectFrom('appeals')
      .select('number')
      .where('status', '=', 'answered')
      .limit(1)
      .executeTakeFirstOrThrow();
    const tracked = await t.request({
      method: 'POST',
      url: '/api/v1/appeals/track',
      payload: { number: sample.number, accessCode: seededAccessCode(5, sample.number) },
    });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json<{ answer: unknown }>().answer).not.toBeNull();

    // Staff search in Latin finds appeals written in Cyrillic.
    const clerk = await t.staff('seedclerk', 'clerk', 'IIV', { scopeSubtree: true });
    const found = await clerk.request({
      method: 'GET',
      url: `/api/v1/appeals?q=${encodeURIComponent("ko'chamizdagi chiroqlar")}&pageSize=50`,
    });
    expect(found.statusCode).toBe(200);
    const items = found.json<{ items: { excerpt: string }[] }>().items;
    expect(items.some((i) => /[ёўқғҳ]/i.test(i.excerpt))).toBe(true);
  });

  it('appends a second seed to the first, working it with the same executor accounts', async () => {
    const { ctx, database } = t.system;
    const accounts = () =>
      ctx.db
        .selectFrom('users')
        .select(['id', 'login', 'unit_id', 'role', 'active'])
        .where('login', 'like', 'seed-exec-%')
        .orderBy('id')
        .execute();
    const before = await accounts();
    expect(before.length).toBeGreaterThan(0);
    // One someone deactivated is put back: the seeded histories have it work its unit's appeals.
    await t.ownerDb
      .updateTable('users')
      .set({ active: false })
      .where('login', '=', before[0]?.login ?? '')
      .execute();
    const sequence = async () =>
      (await sql<{ last: number }>`select last_value::int as last from users_id_seq`.execute(t.ownerDb))
        .rows[0]?.last;
    const lastId = await sequence();
    const result = await seedAppeals({
      connection: database.ownerConnection,
      protector: ctx.protector,
      audit: ctx.audit,
      ref: ctx.reference(),
      appeals: 1_000,
      seed: 6,
      years: 1,
      until: new Date(),
    });
    expect(result.appeals).toBe(1_000);
    // Fewer appeals a year need no more executors than the first seed made: the same accounts, none added
    // (not even an id taken from the sequence).
    expect(await accounts()).toEqual(before);
    expect(await sequence()).toBe(lastId);
    expect(result.executors).toBe(before.length);
  });
});
