import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { queueCountsSchema } from '../../contracts/console.schema.ts';

// The staff queues on 100,000 appeals (SCALE_APPEALS=100000 npx vitest run src/server/dashboard/queue-scale):
// seeds them with one INSERT … SELECT generate_series, prints EXPLAIN ANALYZE of the list and count
// queries the console sends, and checks that the queries a queue page depends on are answered from an index.
// By default it runs with 20,000 appeals, so that every `npm test` keeps the plans honest at a size that
// still takes seconds. The times it prints are for reading, not asserted: a timed assertion failed here
// only when the machine was loaded (load average 30); the figures are measured by `npm run bench`.

const size = Number(process.env.SCALE_APPEALS ?? 20_000);
let t: TestSystem;
let admin: StaffAgent;
let clerk: StaffAgent;
let executor: StaffAgent;

async function seed(count: number) {
  const db = t.system.ctx.db;
  const executorId = executor.id;
  // Units of the appeals services across the country, one in three appeals in Tashkent's Yunusobod.
  await sql`
    with desks as (
      select array_agg(id order by id) as ids from units where service = 'appeals'
    ), yunusobod as (
      select id from units where code = 'IIV-1726266-APP'
    ), categories as (
      select array_agg(code order by code) as codes from categories
    ), texts as (
      select array[
        'Telefonimni oʻgʻirlab ketishdi, yordam bering',
        'Qoʻshnim har kecha shovqin qiladi, choralar koʻring',
        'Mashinamni noqonuniy evakuatsiya qilishdi',
        'Pasport olish uchun hujjat topshirganman, javob yoʻq',
        'Xodim qoʻpol muomala qildi, haqorat qildi',
        'Kvartiramga oʻgʻri tushdi, tergov haqida maʼlumot bering',
        'Yoʻl harakati qoidalarini buzganlik uchun jarima notoʻgʻri',
        'Farzandim bedarak yoʻqoldi, qidiruv natijasi qanday',
        'Firibgarlar kartamdan pul yechib olishdi',
        'Mahalla inspektori murojaatimga javob bermadi'
      ] as t
    )
    insert into appeals (
      number, year, seq, access_code_hash, type, form, channel, status, applicant_kind, phone_hash,
      text, text_latin, answer_language, answer_channel, territory_code, category_code, urgent,
      owner_unit_id, scope_units, executor_id, link_kind, received_at, received_on, registration_due_on,
      due_on, base_due_on, handover_due_on, forward_due_on, outcome, closed_at, rating, rated_at
    )
    select
      'IIV-2025-' || lpad(g::text, 7, '0'), 2025, g, '\\x00'::bytea,
      (array['ariza', 'ariza', 'shikoyat', 'taklif'])[1 + g % 4], 'electronic',
      (array['web', 'telegram', 'hotline', 'email', 'reception'])[1 + g % 5],
      s.status, 'individual', sha256(((g % 40000))::text::bytea),
      texts.t[1 + g % 10] || ' (' || g || ')', texts.t[1 + g % 10] || ' (' || g || ')', 'uz', 'web',
      '1726266', categories.codes[1 + g % array_length(categories.codes, 1)], g % 97 = 0,
      o.owner, array[o.owner], case when s.status in ('in_progress', 'answer_drafted') and g % 3 = 0 then ${executorId}::int end,
      case when g % 11 = 0 then 'repeat' end,
      r.at, (r.at at time zone 'Asia/Tashkent')::date, (r.at at time zone 'Asia/Tashkent')::date,
      (r.at at time zone 'Asia/Tashkent')::date + 15, (r.at at time zone 'Asia/Tashkent')::date + 15,
      (r.at at time zone 'Asia/Tashkent')::date + 1, (r.at at time zone 'Asia/Tashkent')::date + 5,
      case when s.status = 'answered' then 'explained' end,
      case when s.status in ('answered', 'forwarded', 'not_considered') then r.at + interval '10 days' end,
      case when s.status = 'answered' and g % 5 = 0 then 1 + g % 5 end,
      case when s.status = 'answered' and g % 5 = 0 then r.at + interval '12 days' end
    from generate_series(1, ${count}) g
    cross join desks cross join yunusobod cross join categories cross join texts
    cross join lateral (select now() - ((g % 400) || ' days')::interval - ((g % 1440) || ' minutes')::interval as at) r
    cross join lateral (select case
      when g % 3 = 0 then yunusobod.id
      else desks.ids[1 + g % array_length(desks.ids, 1)] end as owner) o
    cross join lateral (select case
      when g % 400 < 330 then (array['answered', 'answered', 'answered', 'forwarded', 'not_considered'])[1 + g % 5]
      else (array['registered', 'assigned', 'in_progress', 'in_progress', 'answer_drafted', 'returned', 'awaiting_info'])[1 + g % 7]
    end as status) s`.execute(db);
  // What autovacuum does soon after a bulk load: statistics and the visibility map (index-only counts).
  await sql`vacuum analyze appeals`.execute(db);
}

async function timed(agent: StaffAgent, url: string, runs = 15) {
  const times: number[] = [];
  let body = '';
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const response = await agent.request({ method: 'GET', url });
    times.push(performance.now() - started);
    expect(response.statusCode, response.body).toBe(200);
    body = response.body;
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs / 2)] ?? 0, max: times.at(-1) ?? 0, body };
}

beforeAll(async () => {
  t = await startTestSystem();
  admin = await t.staff('admin-scale', 'admin', 'IIV', { scopeSubtree: true });
  clerk = await t.staff('clerk-scale', 'clerk', 'IIV-1726266-APP');
  executor = await t.staff('exec-scale', 'executor', 'IIV-1726266-APP');
  const started = performance.now();
  await seed(size);
  process.stdout.write(`seeded ${size} appeals in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}, 600_000);

afterAll(async () => {
  await t?.stop();
});

describe(`the staff queues on ${size} appeals`, () => {
  const requests: [string, () => StaffAgent, string][] = [
    ['whole tree, newest first', () => admin, '/api/v1/appeals?pageSize=50'],
    ['whole tree, page 200', () => admin, '/api/v1/appeals?pageSize=50&page=200'],
    ['whole tree, overdue by deadline', () => admin, '/api/v1/appeals?queue=overdue&sort=due_asc'],
    [
      'whole tree, text search (Cyrillic query)',
      () => admin,
      `/api/v1/appeals?q=${encodeURIComponent('телефонимни')}`,
    ],
    ['whole tree, queue counts', () => admin, '/api/v1/queues'],
    ['one unit, triage', () => clerk, '/api/v1/appeals?queue=triage'],
    [
      'one unit, filtered by category and date',
      () => clerk,
      '/api/v1/appeals?category=theft&receivedFrom=2026-01-01',
    ],
    ['one unit, queue counts', () => clerk, '/api/v1/queues'],
    ['an executor, my tasks', () => executor, '/api/v1/appeals?queue=mine&sort=due_asc'],
    ['one unit, head dashboard', () => admin, '/api/v1/dashboard?unit=IIV-1726266-APP'],
  ];
  for (const [name, agent, url] of requests) {
    it(`answers "${name}"`, async () => {
      const { p50, max } = await timed(agent(), url);
      process.stdout.write(
        `${name.padEnd(44)} p50 ${p50.toFixed(1).padStart(6)} ms   max ${max.toFixed(1).padStart(6)} ms\n`,
      );
    }, 60_000);
  }

  it('counts agree with the lists', async () => {
    const { counts } = queueCountsSchema.parse(
      (await clerk.request({ method: 'GET', url: '/api/v1/queues' })).json(),
    );
    const triage = (
      await clerk.request({ method: 'GET', url: '/api/v1/appeals?queue=triage&pageSize=1' })
    ).json();
    expect(counts.triage).toBe(triage.total);
    expect(counts.triage).toBeGreaterThan(0);
  });

  it('reads the queue pages through indexes (EXPLAIN ANALYZE printed)', async () => {
    const db = t.system.ctx.db;
    const unit = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'IIV-1726266-APP')
      .executeTakeFirstOrThrow();
    // Whether the query must read appeals through an index; the whole-tree count and the substring search
    // read the table at this size (a count of everything, and `ilike '%…%'`), which the planner rightly prefers.
    const plans: [string, boolean, ReturnType<typeof sql>][] = [
      [
        'unit triage page',
        true,
        sql`select id from appeals where scope_units && ${sql.val([unit.id])}::int[] and sandbox = false and status = 'registered' order by received_at desc, id desc limit 50`,
      ],
      [
        'unit triage count',
        true,
        sql`select count(*) from appeals where scope_units && ${sql.val([unit.id])}::int[] and sandbox = false and status = 'registered'`,
      ],
      [
        'whole tree newest page',
        true,
        sql`select id from appeals where sandbox = false order by received_at desc, id desc limit 50`,
      ],
      [
        'whole tree count, with the scope rule',
        false,
        sql`select count(*) from appeals where (subject_officer_id is null or subject_officer_id != ${admin.id})
            and (subject_unit_id is null or (subject_unit_id <> all(${sql.val([1])}::int[])) = true) and sandbox = false`,
      ],
      [
        'whole tree overdue by deadline',
        true,
        sql`select id from appeals where sandbox = false and status not in ('answered','not_considered','forwarded','withdrawn','merged') and due_on < current_date order by due_on, id limit 50`,
      ],
      [
        'text search',
        false,
        sql`select id from appeals where sandbox = false and text_latin ilike '%telefonimni%' order by received_at desc limit 50`,
      ],
      [
        'my tasks',
        true,
        sql`select id from appeals where sandbox = false and executor_id = ${executor.id} and status not in ('answered','not_considered','forwarded','withdrawn','merged') order by due_on, id limit 50`,
      ],
    ];
    for (const [name, indexed, query] of plans) {
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers off) ${query}`.execute(
        db,
      );
      const lines = rows.map((r) => r['QUERY PLAN']);
      process.stdout.write(`\n-- ${name}\n${lines.join('\n')}\n`);
      if (indexed) expect(lines.join('\n'), name).not.toMatch(/Seq Scan on appeals/);
    }
  }, 60_000);
});
