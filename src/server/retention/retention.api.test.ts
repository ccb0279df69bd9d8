import { access } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { main } from '../../cli/main.ts';
import { appealCardSchema } from '../../contracts/console.schema.ts';
import { retentionRunSchema, retentionViewSchema } from '../../contracts/retention.schema.ts';
import { rerollDirtyDays } from '../analytics/daily-rollup.repository.ts';
import { refreshOpenStats } from '../analytics/open-statistics.ts';
import { attachmentPath } from '../appeals/attachments.ts';
import { triageAppeal } from '../assist/triage-appeal.ts';
import { verifyAuditLog } from '../audit/audit-checkpoints.ts';
import { FixedClock } from '../clock.ts';
import { ANONYMISED_MARKER, runRetention } from './retention.ts';

// Retention against a real database and the real HTTP app, the clock moved over years: appeals answered
// in November 2026 and 2028, the run in early 2032 (past the 5-year default for the first, not the second),
// one appeal on legal hold, one type × outcome with its own shorter term.

const clock = new FixedClock('2026-11-25T05:00:00Z');
const YEAR = 365.25 * 24 * 3600_000;
const secretName = 'Qodirova';
const secretText = 'Qoʻshnim Qodirova Dilnoza 5-kvartal 12-uyda shovqin qiladi, telefoni +998901112233.';

let t: TestSystem;
let admin: StaffAgent;
let head: StaffAgent;
let clerk: StaffAgent;
let analyst: StaffAgent;
// past: answered 2026, past its term; recent: answered 2028, within it; held: answered 2026, on hold;
// proposal: a taklif answered 2028 whose own term (1 year) has ended.
const n = { past: '', recent: '', held: '', proposal: '' };

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Files an appeal with a photo through the public API's multipart form. */
async function fileWithPhoto(type = 'ariza'): Promise<string> {
  const boundary = 'xRETENTIONx';
  const fields = Object.entries({
    type,
    'applicant.kind': 'individual',
    'applicant.lastName': secretName,
    'applicant.firstName': 'Dilnoza',
    'applicant.address': 'Toshkent, Yunusobod 5-kvartal 12-uy',
    'applicant.phone': '+998901112233',
    text: secretText,
    territory: '1726266',
    consent: 'on',
  });
  const body = Buffer.concat([
    Buffer.from(
      fields
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join(''),
    ),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${secretName}-pasport.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/appeals',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ number: string }>().number;
}

/** Works an appeal to an approved answer through the kernel, as staff do. */
async function answer(number: string, outcome: 'satisfied' | 'explained' | 'rejected'): Promise<void> {
  const card = await admin.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
  const steps: unknown[] = [
    { action: 'accept' },
    { action: 'draft_answer', outcome, body: `Hurmatli ${secretName} D., murojaatingiz koʻrib chiqildi.` },
    { action: 'approve_answer' },
  ];
  if (card.json().status === 'registered') steps.unshift({ action: 'route', units: ['IIV-1726266-INV'] });
  for (const step of steps) {
    const response = await admin.request({
      method: 'POST',
      url: `/api/v1/appeals/${number}/transitions`,
      payload: step as Record<string, unknown>,
    });
    expect(response.statusCode, response.body).toBe(200);
  }
}

const appealRow = (number: string) =>
  t.ownerDb.selectFrom('appeals').selectAll().where('number', '=', number).executeTakeFirstOrThrow();

const card = async (number: string) => {
  const response = await admin.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
  expect(response.statusCode, response.body).toBe(200);
  return appealCardSchema.parse(response.json());
};

const hierarchy = async () => {
  // The view sums the daily roll-up: its job re-rolls the days changed since (none, after a retention run).
  await rerollDirtyDays(t.system.ctx.db);
  const response = await admin.request({
    method: 'GET',
    url: '/api/v1/analytics/hierarchy?period=custom&from=2026-01-01&to=2032-12-31',
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

/** Signs an account in again (sessions end when the clock jumps years ahead). */
async function signIn(login: string, id: number): Promise<StaffAgent> {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login, password: `pw-${login}-long-enough` },
  });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((c) => c.name === 'murojaat_session')?.value ?? '';
  const csrf = response.json<{ csrfToken: string }>().csrfToken;
  return {
    login,
    id,
    request: (o) =>
      t.request({
        ...o,
        cookies: { murojaat_session: cookie, ...(o.cookies ?? {}) },
        headers: { 'x-csrf-token': csrf, ...(o.headers ?? {}) },
      }),
  };
}

/** Moves the clock and signs everyone in again. */
async function moveClock(to: Date | string): Promise<void> {
  clock.set(to);
  admin = await signIn(admin.login, admin.id);
  head = await signIn(head.login, head.id);
  clerk = await signIn(clerk.login, clerk.id);
  analyst = await signIn(analyst.login, analyst.id);
}

const json = (payload: unknown) => ({
  payload: JSON.stringify(payload),
  headers: { 'content-type': 'application/json' },
});

beforeAll(async () => {
  t = await startTestSystem({ clock });
  admin = await t.staff('admin-ret', 'admin', 'IIV', { scopeSubtree: true });
  head = await t.staff('head-ret', 'head', 'IIV-1726266', { scopeSubtree: true });
  clerk = await t.staff('clerk-ret', 'clerk', 'IIV-1726266-APP');
  analyst = await t.staff('analyst-ret', 'analyst', 'IIV', { scopeSubtree: true });

  n.past = await fileWithPhoto();
  n.held = await fileWithPhoto();
  // What the language layer keeps of the text: fingerprints for similar texts, sentences, evidence.
  const past = await appealRow(n.past);
  await triageAppeal(t.system.ctx, past.id);
  await t.ownerDb
    .insertInto('appeal_events')
    .values({
      appeal_id: past.id,
      at: clock.now(),
      event: 'applicant_message',
      actor_kind: 'applicant',
      public: false,
      data: JSON.stringify({ note: `${secretName}: yana bir gap`, channel: 'email', files: 0 }),
    })
    .execute();
  await t.ownerDb
    .insertInto('telegram_chats')
    .values({ chat_id: 777001, language: 'uz', state: Buffer.from('sealed'), updated_at: clock.now() })
    .execute();
  await t.ownerDb
    .insertInto('telegram_appeals')
    .values({ appeal_id: past.id, chat_id: 777001, created_at: clock.now() })
    .execute();
  await t.ownerDb
    .insertInto('nlp_examples')
    .values({
      label_set: 'category',
      text: secretText,
      label: 'theft',
      source: 'correction',
      appeal_id: past.id,
      created_at: clock.now(),
      created_by: 'admin-ret',
    })
    .execute();
  await answer(n.past, 'explained');
  await answer(n.held, 'satisfied');

  await moveClock(new Date(clock.now().getTime() + 2 * YEAR));
  n.recent = await fileWithPhoto();
  n.proposal = await fileWithPhoto('taklif');
  await answer(n.recent, 'rejected');
  await answer(n.proposal, 'explained');
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

describe('retention settings', () => {
  it('ships a documented default of 5 years and lets only administrators change it', async () => {
    const shipped = await admin.request({ method: 'GET', url: '/api/v1/admin/retention' });
    expect(shipped.statusCode, shipped.body).toBe(200);
    expect(retentionViewSchema.parse(shipped.json())).toEqual({
      defaultYears: 5,
      terms: [],
      updatedAt: null,
      updatedBy: null,
    });

    for (const agent of [clerk, head, analyst]) {
      const read = await agent.request({ method: 'GET', url: '/api/v1/admin/retention' });
      expect(read.statusCode).toBe(403);
      expect(read.json().error.code).toBe('FORBIDDEN');
      const write = await agent.request({
        method: 'PUT',
        url: '/api/v1/admin/retention',
        ...json({ defaultYears: 1, terms: [] }),
      });
      expect(write.statusCode).toBe(403);
      expect(write.json().error.code).toBe('FORBIDDEN');
    }
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/retention' })).statusCode).toBe(401);

    const bad = [
      { defaultYears: 0, terms: [] },
      { defaultYears: 5.5, terms: [] },
      { defaultYears: 76, terms: [] },
      { defaultYears: '5', terms: [] },
      { defaultYears: 5 },
      { defaultYears: 5, terms: [{ type: 'ariza', outcome: 'lost', years: 3 }] },
      { defaultYears: 5, terms: [{ type: 'petition', outcome: 'explained', years: 3 }] },
      { defaultYears: 5, terms: [{ type: 'ariza', outcome: 'explained', years: -1 }] },
      {
        defaultYears: 5,
        terms: [
          { type: 'ariza', outcome: 'explained', years: 3 },
          { type: 'ariza', outcome: 'explained', years: 4 },
        ],
      },
    ];
    for (const body of bad) {
      const response = await admin.request({ method: 'PUT', url: '/api/v1/admin/retention', ...json(body) });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    const garbled = await admin.request({
      method: 'PUT',
      url: '/api/v1/admin/retention',
      payload: '{"defaultYears": 5,',
      headers: { 'content-type': 'application/json' },
    });
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().error.code).toBe('MALFORMED_REQUEST');

    const set = await admin.request({
      method: 'PUT',
      url: '/api/v1/admin/retention',
      ...json({ defaultYears: 5, terms: [{ type: 'taklif', outcome: 'explained', years: 1 }] }),
    });
    expect(set.statusCode, set.body).toBe(204);
    const now = retentionViewSchema.parse(
      (await admin.request({ method: 'GET', url: '/api/v1/admin/retention' })).json(),
    );
    expect(now).toMatchObject({
      defaultYears: 5,
      terms: [{ type: 'taklif', outcome: 'explained', years: 1 }],
      updatedBy: 'admin-ret',
    });
    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select(['actor_label', 'data'])
      .where('action', '=', 'settings.retention')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.data).toMatchObject({ before: { defaultYears: 5, terms: [] } });
  });
});

describe('legal hold', () => {
  it('is placed and lifted by heads and administrators only, with a reason, and shown on the card', async () => {
    const url = `/api/v1/appeals/${n.held}/hold`;
    for (const agent of [clerk, analyst]) {
      const refused = await agent.request({ method: 'PUT', url, ...json({ reason: 'sud ishi' }) });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
      expect((await agent.request({ method: 'DELETE', url })).statusCode).toBe(403);
    }
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 7 }]) {
      const response = await head.request({ method: 'PUT', url, ...json(body) });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
    const missing = await head.request({
      method: 'PUT',
      url: '/api/v1/appeals/IIV-2026-9999999/hold',
      ...json({ reason: 'sud ishi' }),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('APPEAL_NOT_FOUND');
    const notHeld = await head.request({ method: 'DELETE', url });
    expect(notHeld.statusCode).toBe(404);
    expect(notHeld.json().error.code).toBe('HOLD_NOT_FOUND');

    const placed = await head.request({ method: 'PUT', url, ...json({ reason: 'Sud ishi 2-1234/2027' }) });
    expect(placed.statusCode, placed.body).toBe(204);
    const twice = await admin.request({ method: 'PUT', url, ...json({ reason: 'yana' }) });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('APPEAL_ON_HOLD');

    const shown = await card(n.held);
    expect(shown.retention).toMatchObject({
      hold: { reason: 'Sud ishi 2-1234/2027', by: { login: 'head-ret' } },
      anonymisedAt: null,
      canHold: true,
    });
    const clerkCard = await clerk.request({ method: 'GET', url: `/api/v1/appeals/${n.held}` });
    expect(appealCardSchema.parse(clerkCard.json()).retention.canHold).toBe(false);
  });
});

describe('the retention run', () => {
  it('anonymises appeals past their term, keeps the rest, and leaves the statistics unchanged', async () => {
    // Early 2032: 5 years and more since the answers of 2026, about 3 since those of 2028.
    await moveClock('2032-01-15T05:00:00Z');
    const before = await hierarchy();
    // The figure compared counts these appeals: four received, all answered on the merits.
    expect(before.total.current).toMatchObject({ received: 4, resolved: 4 });
    const rollup = async () => {
      await refreshOpenStats(t.system.ctx);
      return t.ownerDb
        .selectFrom('open_stats_monthly')
        .selectAll()
        .orderBy('month')
        .orderBy('type')
        .orderBy('region_code')
        .orderBy('category_code')
        .execute();
    };
    const rollupBefore = await rollup();
    expect(rollupBefore.reduce((sum, r) => sum + r.received, 0)).toBe(4);

    const preview = await admin.request({ method: 'GET', url: '/api/v1/admin/retention/preview' });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(retentionRunSchema.parse(preview.json())).toEqual({
      dryRun: true,
      anonymised: 2,
      byType: { ariza: 1, taklif: 1, shikoyat: 0 },
      skippedForHold: 1,
      filesDeleted: 0,
    });
    expect((await clerk.request({ method: 'GET', url: '/api/v1/admin/retention/preview' })).statusCode).toBe(
      403,
    );
    // A dry run changes nothing.
    expect((await appealRow(n.past)).text).toBe(secretText);

    const pastRow = await appealRow(n.past);
    const files = await t.ownerDb
      .selectFrom('attachments')
      .select('id')
      .where('appeal_id', '=', pastRow.id)
      .execute();
    expect(files).toHaveLength(1);
    const filePath = attachmentPath(t.system.ctx.config.dataDir, files[0]?.id ?? '');
    await access(filePath);

    const run = await runRetention(t.system.ctx);
    expect(run).toEqual({
      dryRun: false,
      anonymised: 2,
      byType: { ariza: 1, taklif: 1, shikoyat: 0 },
      skippedForHold: 1,
      filesDeleted: 2,
    });

    // The appeal past its term: nothing left that names or finds the person.
    const gone = await appealRow(n.past);
    expect(gone).toMatchObject({
      text: ANONYMISED_MARKER,
      text_latin: ANONYMISED_MARKER,
      applicant_enc: null,
      phone_hash: null,
      name_hash: null,
      place: null,
      intake_reading: null,
    });
    expect(gone.anonymised_at?.toISOString()).toBe('2032-01-15T05:00:00.000Z');
    const shown = await card(n.past);
    expect(JSON.stringify(shown)).not.toContain(secretName);
    expect(shown.answers[0]?.body).toBe(ANONYMISED_MARKER);
    expect(shown.retention).toEqual({ hold: null, anonymisedAt: '2032-01-15T05:00:00.000Z', canHold: false });
    const revealed = await admin.request({ method: 'GET', url: `/api/v1/appeals/${n.past}/applicant` });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json().applicant).toBeNull();
    const attachments = await admin.request({ method: 'GET', url: `/api/v1/appeals/${n.past}/attachments` });
    expect(attachments.json()).toEqual([]);
    await expect(access(filePath)).rejects.toThrow();
    const analysis = await t.ownerDb
      .selectFrom('appeal_analysis')
      .select(['bands', 'segments'])
      .where('appeal_id', '=', gone.id)
      .executeTakeFirstOrThrow();
    expect(analysis.bands).toEqual([]);
    expect(analysis.segments).toEqual([]);
    const leftovers = await Promise.all([
      t.ownerDb.selectFrom('nlp_examples').select('id').where('appeal_id', '=', gone.id).execute(),
      t.ownerDb.selectFrom('telegram_appeals').select('chat_id').where('appeal_id', '=', gone.id).execute(),
      t.ownerDb.selectFrom('telegram_chats').select('chat_id').where('chat_id', '=', 777001).execute(),
    ]);
    expect(leftovers).toEqual([[], [], []]);
    const history = await t.ownerDb
      .selectFrom('appeal_events')
      .select('data')
      .where('appeal_id', '=', gone.id)
      .execute();
    expect(JSON.stringify(history)).not.toContain(secretName);
    expect(history.some((e) => (e.data as { note?: string }).note === ANONYMISED_MARKER)).toBe(true);
    // Search no longer finds it by the words it had.
    const search = await admin.request({ method: 'GET', url: `/api/v1/appeals?q=${secretName}` });
    expect(search.statusCode).toBe(200);
    expect(search.body).not.toContain(n.past);
    expect(search.body).toContain(n.recent);

    // The statistics: every figure the same, dates, outcome and deadlines kept.
    expect(await hierarchy()).toEqual(before);
    expect(await rollup()).toEqual(rollupBefore);
    expect(gone).toMatchObject({
      type: 'ariza',
      status: 'answered',
      outcome: 'explained',
      territory_code: '1726266',
    });
    expect(gone.closed_at).toEqual(pastRow.closed_at);
    expect(gone.due_on).toBe(pastRow.due_on);

    // The proposal with its own 1-year term went; the ariza within its term and the held one stayed.
    expect((await appealRow(n.proposal)).text).toBe(ANONYMISED_MARKER);
    for (const kept of [n.recent, n.held]) {
      const row = await appealRow(kept);
      expect(row.text).toBe(secretText);
      expect(row.applicant_enc).not.toBeNull();
      expect(row.anonymised_at).toBeNull();
    }

    const entries = await t.ownerDb
      .selectFrom('audit_log')
      .select(['actor_label', 'target_id', 'data'])
      .where('action', '=', 'retention.run')
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor_label: 'system',
      target_id: '2032-01-15',
      data: { anonymised: 2, byType: { ariza: 1, taklif: 1, shikoyat: 0 }, skippedForHold: 1 },
    });
    expect(JSON.stringify(entries)).not.toContain(secretName);
  });

  it('is idempotent, and an anonymised appeal cannot be put on hold', async () => {
    const again = await runRetention(t.system.ctx);
    expect(again).toMatchObject({ anonymised: 0, skippedForHold: 1, filesDeleted: 0 });
    expect((await appealRow(n.past)).anonymised_at?.toISOString()).toBe('2032-01-15T05:00:00.000Z');
    const held = await admin.request({
      method: 'PUT',
      url: `/api/v1/appeals/${n.past}/hold`,
      ...json({ reason: 'kech' }),
    });
    expect(held.statusCode).toBe(409);
    expect(held.json().error.code).toBe('APPEAL_ANONYMISED');
  });

  it('takes a held appeal once the hold is lifted (both audited)', async () => {
    const lifted = await admin.request({ method: 'DELETE', url: `/api/v1/appeals/${n.held}/hold` });
    expect(lifted.statusCode, lifted.body).toBe(204);
    expect((await card(n.held)).retention.hold).toBeNull();
    const run = await runRetention(t.system.ctx);
    expect(run).toMatchObject({ anonymised: 1, byType: { ariza: 1 }, skippedForHold: 0 });
    expect((await appealRow(n.held)).text).toBe(ANONYMISED_MARKER);
    const holds = await t.ownerDb
      .selectFrom('audit_log')
      .select(['action', 'actor_label', 'target_id', 'data'])
      .where('action', 'in', ['retention.hold', 'retention.unhold'])
      .orderBy('id')
      .execute();
    expect(holds).toEqual([
      {
        action: 'retention.hold',
        actor_label: 'head-ret',
        target_id: n.held,
        data: { reason: 'Sud ishi 2-1234/2027' },
      },
      {
        action: 'retention.unhold',
        actor_label: 'admin-ret',
        target_id: n.held,
        data: { reason: 'Sud ishi 2-1234/2027' },
      },
    ]);
    const { ctx } = t.system;
    const verified = await verifyAuditLog({ db: ctx.db, key: ctx.audit.key, dataDir: ctx.config.dataDir });
    expect(verified.ok).toBe(true);
  });

  it('runs from the command line: `murojaat retention run [--dry-run]`', async () => {
    Object.assign(process.env, t.env);
    const command = async (args: string[]) => {
      const stdout = new PassThrough();
      let out = '';
      stdout.on('data', (chunk) => {
        out += String(chunk);
      });
      const code = await main(args, { stdin: Readable.from(['']), stdout, stderr: new PassThrough() });
      return { code, out };
    };
    expect((await command(['retention'])).code).toBe(2);
    expect((await command(['retention', 'run', '--dryrun'])).code).toBe(2);
    const runsBefore = await t.ownerDb
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'retention.run')
      .execute();
    // The command reads the real clock: the recent appeal (answered in late 2028 on the test's clock) is
    // far from its term then, and the others are done.
    const dry = await command(['retention', 'run', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Dry run: 0 appeals would be anonymised (ariza 0, taklif 0, shikoyat 0)');
    const real = await command(['retention', 'run']);
    expect(real.code).toBe(0);
    expect(real.out).toContain('Anonymised 0 appeals');
    const runsAfter = await t.ownerDb
      .selectFrom('audit_log')
      .select(['actor_label'])
      .where('action', '=', 'retention.run')
      .orderBy('id')
      .execute();
    // The dry run wrote nothing; the real one its entry, by the command line.
    expect(runsAfter).toHaveLength(runsBefore.length + 1);
    expect(runsAfter.at(-1)?.actor_label).toBe('cli');
  });
});
