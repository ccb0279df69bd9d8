import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { workloadSchema } from '../../contracts/workload.schema.ts';
import { scopeOf } from '../appeals/appeal.policy.ts';
import { addDays, localDateOf, startOfDay } from '../deadlines/calendar.ts';
import { workloadQuery } from './workload.repository.ts';

// The workload view at volume, on demand only (it seeds for a while):
//   SCALE_APPEALS=20000 npx vitest run src/server/analytics/workload-scale
// seeds appeals with executors, returned drafts and complaints in one INSERT … SELECT each, prints the
// EXPLAIN (ANALYZE, BUFFERS) of the view's one statement for the whole country and for a district, and
// times the requests. Figures in docs/analytics.md, "Workload and quality".

const size = Number(process.env.SCALE_APPEALS ?? 0);
const budgetMs = 500;
let t: TestSystem;
let admin: StaffAgent;
let head: StaffAgent;

async function seed(count: number) {
  const db = t.ownerDb;
  // 300 executors spread over the appeals services, Yunusobod's among them.
  await sql`
    insert into users (login, full_name, role, unit_id, password_hash)
    select 'scale-exec-' || g, 'Executor ' || g, 'executor',
           (select array_agg(id order by id) from units where service = 'appeals')[1 + g % 60], 'x'
      from generate_series(1, 300) g`.execute(db);
  await sql`
    with desks as (
      select array_agg(id order by id) as ids from units where service = 'appeals'
    ), yunusobod as (
      select id from units where code = 'IIV-1726266-APP'
    ), staff as (
      select array_agg(id order by id) as ids from users where login like 'scale-exec-%'
    )
    insert into appeals (
      number, year, seq, access_code_hash, type, form, channel, status, applicant_kind, text, text_latin,
      answer_language, answer_channel, territory_code, owner_unit_id, scope_units, executor_id, received_at,
      received_on, registration_due_on, due_on, base_due_on, handover_due_on, forward_due_on, outcome, closed_at
    )
    select
      'IIV-2025-' || lpad(g::text, 7, '0'), 2025, g, '\\x00'::bytea, 'ariza', 'electronic', 'web', s.status,
      'individual', 'Seeded ' || g, 'Seeded ' || g, 'uz', 'web', '1726266', o.owner, array[o.owner],
      case when s.status <> 'registered' then staff.ids[1 + g % 300] end,
      r.at, (r.at at time zone 'Asia/Tashkent')::date, (r.at at time zone 'Asia/Tashkent')::date,
      (r.at at time zone 'Asia/Tashkent')::date + 15, (r.at at time zone 'Asia/Tashkent')::date + 15,
      (r.at at time zone 'Asia/Tashkent')::date + 1, (r.at at time zone 'Asia/Tashkent')::date + 5,
      case when s.status = 'answered' then 'explained' end,
      case when s.status in ('answered', 'forwarded', 'not_considered') then r.at + ((g % 25) || ' days')::interval end
    from generate_series(1, ${count}) g
    cross join desks cross join yunusobod cross join staff
    cross join lateral (select now() - ((g % 400) || ' days')::interval - ((g % 1440) || ' minutes')::interval as at) r
    cross join lateral (select case when g % 3 = 0 then yunusobod.id
                                    else desks.ids[1 + g % array_length(desks.ids, 1)] end as owner) o
    cross join lateral (select case
      when g % 400 < 330 then (array['answered', 'answered', 'answered', 'forwarded', 'not_considered'])[1 + g % 5]
      else (array['registered', 'assigned', 'in_progress', 'in_progress', 'answer_drafted', 'returned', 'awaiting_info'])[1 + g % 7]
    end as status) s`.execute(db);
  // One answer in ten was returned once before it was approved; one in fifty drew a complaint.
  await sql`
    insert into answers (appeal_id, kind, body, outcome, status, author_id, created_at, reviewer_id, reviewed_at, review_comment)
    select id, 'answer', 'draft', 'explained', 'returned', executor_id, closed_at - interval '3 days',
           executor_id, closed_at - interval '2 days', 'rework'
      from appeals where status = 'answered' and id % 10 = 0`.execute(db);
  await sql`
    insert into appeals (
      number, year, seq, access_code_hash, type, form, channel, status, applicant_kind, text, text_latin,
      answer_language, answer_channel, owner_unit_id, scope_units, parent_id, link_kind, received_at,
      received_on, registration_due_on, due_on, base_due_on, handover_due_on, forward_due_on, outcome, closed_at
    )
    select 'IIV-2024-' || lpad(id::text, 7, '0'), 2024, id, '\\x00'::bytea, 'shikoyat', 'electronic', 'web',
           case when id % 4 = 0 then 'answered' else 'in_progress' end, 'individual', 'Complaint', 'Complaint',
           'uz', 'web', owner_unit_id, scope_units, id, 'complaint', closed_at + interval '5 days',
           ((closed_at + interval '5 days') at time zone 'Asia/Tashkent')::date, received_on, due_on, due_on,
           received_on, received_on, case when id % 4 = 0 then 'satisfied' end,
           case when id % 4 = 0 then closed_at + interval '9 days' end
      from appeals where status = 'answered' and id % 50 = 0`.execute(db);
  await sql`vacuum analyze appeals`.execute(db);
  await sql`vacuum analyze answers`.execute(db);
}

async function explain(unitCode: string, userLogin: string, period: 'month' | 'year') {
  const ctx = t.system.ctx;
  const units = ctx.reference().units;
  const unit = units.byCode(unitCode);
  const user = await ctx.db
    .selectFrom('users')
    .selectAll()
    .where('login', '=', userLogin)
    .executeTakeFirstOrThrow();
  if (!unit) throw new Error(unitCode);
  const groups = { unitIds: [unit.id], groups: [0], everyUnit: unit.id === units.ministry.id };
  units.children(unit.id).forEach((child, index) => {
    for (const id of units.subtreeIds(child.id)) {
      groups.unitIds.push(id);
      groups.groups.push(index + 1);
    }
  });
  const today = localDateOf(ctx.clock.now());
  const from = period === 'year' ? `${today.slice(0, 5)}01-01` : `${today.slice(0, 8)}01`;
  const scope = scopeOf(
    {
      id: user.id,
      login: user.login,
      fullName: '',
      role: user.role,
      unitId: user.unit_id,
      scopeSubtree: true,
    },
    units,
  );
  const span = { since: startOfDay(from), until: startOfDay(addDays(today, 1)) };
  const days = { from, to: today };
  const plan = await workloadQuery(ctx.db, { scope, groups, unitId: unit.id, span, days, today }).explain(
    'text',
    sql`analyze, buffers`,
  );
  const lines = plan.map((row) =>
    Object.values(row)
      .join('')
      .replace(/\{[\d,]{80,}\}/g, '{…}'),
  );
  process.stdout.write(`\n--- ${unitCode}, this ${period}\n${lines.join('\n')}\n`);
}

async function timed(agent: StaffAgent, url: string, runs = 10) {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const response = await agent.request({ method: 'GET', url });
    times.push(performance.now() - started);
    expect(response.statusCode, response.body).toBe(200);
    workloadSchema.parse(response.json());
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs / 2)] ?? 0, max: times.at(-1) ?? 0 };
}

describe.runIf(size > 0)(`the workload view on ${size} appeals`, () => {
  beforeAll(async () => {
    t = await startTestSystem();
    admin = await t.staff('admin-workload-scale', 'admin', 'IIV', { scopeSubtree: true });
    head = await t.staff('head-workload-scale', 'head', 'IIV-1726266', { scopeSubtree: true });
    const started = performance.now();
    await seed(size);
    process.stdout.write(
      `seeded ${size} appeals in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
  }, 900_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('prints the plans of the one statement', async () => {
    await explain('IIV', 'admin-workload-scale', 'month');
    await explain('IIV', 'admin-workload-scale', 'year');
    await explain('IIV-1726266', 'head-workload-scale', 'year');
  }, 120_000);

  const requests: [string, () => StaffAgent, string][] = [
    ['the whole country, this month', () => admin, '/api/v1/analytics/workload'],
    ['the whole country, this year', () => admin, '/api/v1/analytics/workload?period=year'],
    ['a district (its head), this year', () => head, '/api/v1/analytics/workload?period=year'],
    [
      'an appeals service, this quarter',
      () => head,
      '/api/v1/analytics/workload?unit=IIV-1726266-APP&period=quarter',
    ],
  ];
  for (const [name, agent, url] of requests) {
    it(`answers "${name}" within ${budgetMs} ms`, async () => {
      const { p50, max } = await timed(agent(), url);
      process.stdout.write(
        `${name.padEnd(40)} p50 ${p50.toFixed(1).padStart(7)} ms   max ${max.toFixed(1).padStart(7)} ms\n`,
      );
      expect(p50).toBeLessThan(budgetMs);
    }, 120_000);
  }
});
