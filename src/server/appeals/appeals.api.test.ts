import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { verifyAuditLog } from '../audit/audit-checkpoints.ts';
import { FixedClock } from '../clock.ts';

// A working Wednesday morning in Tashkent (UTC+5).
const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;

const individual = {
  kind: 'individual',
  lastName: 'Karimov',
  firstName: 'Aziz',
  address: 'Toshkent sh., Yunusobod tumani, 5-kvartal',
  phone: '+998 90 123-45-67',
};
const yunusobod = '1726266';
const validAppeal = {
  type: 'ariza',
  applicant: individual,
  text: 'Kecha kechqurun telefonimni oʻgʻirlab ketishdi, yordam bering.',
  territory: yunusobod,
  consent: true,
};

async function file(body: Record<string, unknown> = validAppeal) {
  const response = await t.request({ method: 'POST', url: '/api/v1/appeals', payload: body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{
    number: string;
    accessCode: string;
    status: string;
    dueAt: string;
    receivedAt: string;
  }>();
}

async function track(number: string, accessCode: string) {
  return t.request({ method: 'POST', url: '/api/v1/appeals/track', payload: { number, accessCode } });
}

async function act(agent: StaffAgent, number: string, body: Record<string, unknown>) {
  return agent.request({ method: 'POST', url: `/api/v1/appeals/${number}/transitions`, payload: body });
}

beforeAll(async () => {
  t = await startTestSystem({ clock });
});
afterAll(async () => {
  await t?.stop();
});

describe('registering an appeal', () => {
  it('answers the number, the secret code and a due date 15 days after receipt', async () => {
    const registered = await file();
    expect(registered.number).toMatch(/^IIV-2026-\d{7}$/);
    expect(registered.accessCode).toMatch(/^[0-9A-Z]{8}$/);
    expect(registered.status).toBe('registered');
    // Received 25 Nov: the term runs out at the end of 10 Dec, Tashkent time.
    expect(registered.dueAt).toBe('2026-12-10T18:59:59.999Z');
  });

  it('hands out gap-free, unique numbers to concurrent registrations', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, () => file()));
    const seqs = results.map((r) => Number(r.number.slice(-7))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(60);
    expect((seqs.at(-1) ?? 0) - (seqs[0] ?? 0)).toBe(59);
    const { rows } = await sql<{ gaps: number }>`
      select count(*)::int as gaps from generate_series(1, (select max(seq) from appeals)) s
      where not exists (select 1 from appeals where seq = s)`.execute(t.system.ctx.db);
    expect(rows[0]?.gaps).toBe(0);
  });

  it('names every invalid field, in the language the request asks for', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: { 'accept-language': 'ru-RU,ru;q=0.9' },
      payload: {
        type: 'letter',
        applicant: { kind: 'individual', phone: '123' },
        text: 'short',
        consent: false,
      },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json<{
      error: { code: string; fields: { path: string; message: string }[] };
    }>();
    expect(error.code).toBe('VALIDATION_FAILED');
    const paths = error.fields.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['type', 'applicant.lastName', 'applicant.phone', 'text', 'consent']),
    );
    expect(error.fields.find((f) => f.path === 'applicant.phone')?.message).toMatch(/телефона/);
  });

  it('refuses an unknown territory with a field error instead of storing it', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      payload: { ...validAppeal, territory: '9999' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([{ path: 'territory', message: expect.any(String) }]);
  });

  it('registers an anonymous appeal and drafts a "not considered" conclusion for a head', async () => {
    const registered = await file({ ...validAppeal, applicant: { kind: 'anonymous' } });
    expect(registered.status).toBe('conclusion_drafted');
    const head = await t.staff('head-anon', 'head', 'IIV-1726266-APP');
    const card = await head.request({ method: 'GET', url: `/api/v1/appeals/${registered.number}` });
    expect(card.json().answers[0]).toMatchObject({ kind: 'conclusion', status: 'draft' });
    const approved = await act(head, registered.number, { action: 'approve_conclusion' });
    expect(approved.json().status).toBe('not_considered');
  });

  it('keeps the applicant’s name and phone encrypted at rest', async () => {
    const registered = await file();
    const row = await t.system.ctx.db
      .selectFrom('appeals')
      .selectAll()
      .where('number', '=', registered.number)
      .executeTakeFirstOrThrow();
    const raw = JSON.stringify(row, (_k, v) =>
      v?.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v,
    );
    expect(raw).not.toContain('Karimov');
    expect(raw).not.toContain('901234567');
    expect(row.phone_hash).not.toBeNull();
  });

  it('accepts an image attachment judged by its content and refuses a program renamed to .png', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const form = (name: string, content: Buffer) => {
      const boundary = 'xBOUNDARYx';
      const fields = Object.entries({
        type: 'ariza',
        'applicant.kind': 'individual',
        'applicant.lastName': 'Karimov',
        'applicant.firstName': 'Aziz',
        'applicant.address': 'Toshkent, Yunusobod',
        text: 'Mashinamning raqami oʻgʻirlandi, surati ilova qilindi.',
        consent: 'on',
      });
      const parts = fields.map(
        ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
      );
      const body = Buffer.concat([
        Buffer.from(parts.join('')),
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body };
    };
    const ok = await t.request({ method: 'POST', url: '/api/v1/appeals', ...form('photo.png', png) });
    expect(ok.statusCode, ok.body).toBe(201);
    const stored = await t.system.ctx.db
      .selectFrom('attachments')
      .innerJoin('appeals', 'appeals.id', 'attachments.appeal_id')
      .select(['attachments.mime', 'attachments.filename'])
      .where('appeals.number', '=', ok.json().number)
      .execute();
    expect(stored).toEqual([{ mime: 'image/png', filename: 'photo.png' }]);

    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(64)]);
    const refused = await t.request({ method: 'POST', url: '/api/v1/appeals', ...form('photo.png', elf) });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
  });
});

describe('tracking', () => {
  it('answers a wrong access code exactly like an unknown number', async () => {
    const registered = await file();
    const wrong = await track(registered.number, 'AAAAAAAA');
    const unknown = await track('IIV-2026-9999999', registered.accessCode);
    expect(wrong.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe(unknown.json().error.code);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('accepts the access code in any case and with a dash', async () => {
    const registered = await file();
    const code = `${registered.accessCode.slice(0, 4)}-${registered.accessCode.slice(4)}`.toLowerCase();
    expect((await track(registered.number, code)).statusCode).toBe(200);
  });
});

describe('the life of an appeal', () => {
  it('goes from registration through routing, a returned draft and approval to the applicant’s rating', async () => {
    const registered = await file();
    const clerk = await t.staff('clerk-life', 'clerk', 'IIV-1726266-APP');
    const executor = await t.staff('exec-life', 'executor', 'IIV-1726266-INV');
    const head = await t.staff('head-life', 'head', 'IIV-1726266-INV');

    const triage = await clerk.request({ method: 'GET', url: '/api/v1/appeals?queue=triage&pageSize=200' });
    expect(triage.json().items.map((i: { number: string }) => i.number)).toContain(registered.number);

    expect(
      (await act(clerk, registered.number, { action: 'route', units: ['IIV-1726266-INV'] })).json().status,
    ).toBe('assigned');
    expect((await act(executor, registered.number, { action: 'accept' })).json().status).toBe('in_progress');
    const draft = {
      action: 'draft_answer',
      outcome: 'satisfied',
      body: 'Telefoningiz topildi, uni olib ketishingiz mumkin.',
    };
    expect((await act(executor, registered.number, draft)).json().status).toBe('answer_drafted');
    const returned = await act(head, registered.number, {
      action: 'return_answer',
      comment: 'Qayerdan olish mumkinligini yozing.',
    });
    expect(returned.json().status).toBe('returned');
    await act(executor, registered.number, {
      ...draft,
      body: `${draft.body} Manzil: Yunusobod IIB, 12-xona.`,
    });
    expect((await act(head, registered.number, { action: 'approve_answer' })).json().status).toBe('answered');

    const tracked = (await track(registered.number, registered.accessCode)).json();
    expect(tracked.status).toBe('answered');
    expect(tracked.answer).toMatchObject({ outcome: 'satisfied', kind: 'answer' });
    expect(tracked.answer.body).toContain('12-xona');
    expect(tracked.history.map((h: { event: string }) => h.event)).toEqual([
      'registered',
      'routed',
      'accepted',
      'answered',
    ]);
    expect(tracked.canRate).toBe(true);

    const rated = await t.request({
      method: 'POST',
      url: '/api/v1/appeals/rate',
      payload: { number: registered.number, accessCode: registered.accessCode, rating: 5, comment: 'Rahmat' },
    });
    expect(rated.statusCode).toBe(204);
    const again = await t.request({
      method: 'POST',
      url: '/api/v1/appeals/rate',
      payload: { number: registered.number, accessCode: registered.accessCode, rating: 1 },
    });
    expect(again.json().error.code).toBe('RATING_NOT_ALLOWED');
  });

  it('refuses an action the current state does not allow with 409 INVALID_TRANSITION', async () => {
    const registered = await file();
    const head = await t.staff('head-409', 'head', 'IIV-1726266-APP');
    const response = await act(head, registered.number, { action: 'approve_answer' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('INVALID_TRANSITION');
  });

  it('lets a head extend the deadline once by at most a month, and refuses the second extension', async () => {
    const registered = await file();
    const head = await t.staff('head-ext', 'head', 'IIV-1726266-APP');
    await act(head, registered.number, { action: 'route', units: ['IIV-1726266-APP'] });
    const first = await act(head, registered.number, {
      action: 'extend',
      reason: 'Ekspertiza xulosasi kutilmoqda',
    });
    expect(first.statusCode, first.body).toBe(200);
    const card = (await head.request({ method: 'GET', url: `/api/v1/appeals/${registered.number}` })).json();
    expect(card.clock.dueOn).toBe('2027-01-11'); // 10 Jan 2027 is a Sunday: moved to Monday.
    expect(card.clock.headExtensionUsed).toBe(true);
    const second = await act(head, registered.number, { action: 'extend', reason: 'Yana bir oy kerak' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('DEADLINE_EXTENSION_USED');
  });

  it('does not let an executor take a head’s decision', async () => {
    const registered = await file();
    const executor = await t.staff('exec-role', 'executor', 'IIV-1726266-APP');
    const response = await act(executor, registered.number, { action: 'route', units: ['IIV-1726266-INV'] });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');
  });
});

describe('staff search', () => {
  /** A clerk of Yunusobod's appeals unit searching: the numbers found for a query. */
  const searcher = async (login: string) => {
    const clerk = await t.staff(login, 'clerk', 'IIV-1726266-APP');
    return async (q: string): Promise<string[]> => {
      const response = await clerk.request({
        method: 'GET',
        url: `/api/v1/appeals?pageSize=200&q=${encodeURIComponent(q)}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().items.map((i: { number: string }) => i.number);
    };
  };

  it('finds an appeal by the beginning of its words, with a query in the other script', async () => {
    const registered = await file({
      ...validAppeal,
      text: 'Pasportimni yoʻqotib qoʻydim, yangisini qanday olsam boʻladi? Yordam bering.',
    });
    const search = await searcher('clerk-search');
    expect(await search('паспорт')).toContain(registered.number);
    expect(await search('pasport yoʻqot')).toContain(registered.number);
    expect(await search('pasport olma')).not.toContain(registered.number);
    expect(await search('%00\u0000')).toEqual(expect.any(Array));
  });

  it('reads Russian typed in Latin letters through Cyrillic, both in the appeal and in the query', async () => {
    const latin = await file({
      ...validAppeal,
      text: 'Zdravstvuyte, sosedi shumyat kazhduyu noch, zhena ne mozhet spat. Pomogite pozhaluysta.',
    });
    const cyrillic = await file({
      ...validAppeal,
      text: 'Жена потеряла паспорт в автобусе, теперь в слезах, помогите восстановить документ.',
    });
    const search = await searcher('clerk-translit');
    // "zhena"/"kazhduyu" are stored as the canonical form of жена/каждую, so the Cyrillic words find them.
    expect(await search('каждую ночь')).toContain(latin.number);
    expect(await search('жена')).toEqual(expect.arrayContaining([latin.number, cyrillic.number]));
    // A query of three words or more typed in Latin letters is read as Russian too.
    expect(await search('zhena v slezakh pomogite')).toContain(cyrillic.number);
    expect(await search('zhena v slezakh pomogite')).not.toContain(latin.number);
  });

  it('pages the newest matches first across the recent windows it looks in, with the full count', async () => {
    // Twelve appeals with one word, received 2 to 900 days ago: the first page comes from the last 30 days
    // only if they fill it; the others need the last year or everything.
    const ages = [2, 5, 9, 40, 60, 120, 200, 300, 400, 600, 800, 900];
    const filed = [];
    for (const [i, age] of ages.entries()) {
      const { number } = await file({
        ...validAppeal,
        text: `Velotrenajyor olib qoʻydim, ${i}-sonli kvitansiya yoʻq.`,
      });
      await sql`
        update appeals set received_at = now() - make_interval(days => ${age}),
                           received_on = (now() - make_interval(days => ${age}))::date
        where number = ${number}`.execute(t.system.ctx.db);
      filed.push(number);
    }
    const clerk = await t.staff('clerk-windows', 'clerk', 'IIV', { scopeSubtree: true });
    const page = async (size: number, n: number) => {
      const response = await clerk.request({
        method: 'GET',
        url: `/api/v1/appeals?q=velotrenajyor&pageSize=${size}&page=${n}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<{ items: { number: string }[]; total: number }>();
      return { numbers: body.items.map((i) => i.number), total: body.total };
    };
    // Newest first is the order of `ages`.
    expect(await page(3, 1)).toEqual({ numbers: filed.slice(0, 3), total: 12 });
    expect(await page(5, 1)).toEqual({ numbers: filed.slice(0, 5), total: 12 });
    expect(await page(5, 2)).toEqual({ numbers: filed.slice(5, 10), total: 12 });
    expect(await page(5, 3)).toEqual({ numbers: filed.slice(10), total: 12 });
    expect(await page(50, 1)).toEqual({ numbers: filed, total: 12 });
    // Oldest first reads no windows and gives the same set reversed.
    const oldest = await clerk.request({
      method: 'GET',
      url: '/api/v1/appeals?q=velotrenajyor&pageSize=50&sort=received_asc',
    });
    expect(oldest.json<{ items: { number: string }[] }>().items.map((i) => i.number)).toEqual(
      [...filed].reverse(),
    );
  });
});

describe('scope', () => {
  it('hides an appeal from an executor of another unit, even with its number', async () => {
    const registered = await file();
    const outsider = await t.staff('exec-andijan', 'executor', 'IIV-1703202-APP');
    const card = await outsider.request({ method: 'GET', url: `/api/v1/appeals/${registered.number}` });
    expect(card.statusCode).toBe(404);
    expect(card.json().error.code).toBe('APPEAL_NOT_FOUND');
    const change = await act(outsider, registered.number, { action: 'accept' });
    expect(change.statusCode).toBe(404);
    const list = await outsider.request({ method: 'GET', url: '/api/v1/appeals?pageSize=200' });
    expect(list.json().items.map((i: { number: string }) => i.number)).not.toContain(registered.number);
  });

  it('routes a complaint about an officer to internal security above, out of sight of the officer’s department', async () => {
    const registered = await file({
      ...validAppeal,
      type: 'shikoyat',
      category: 'officer_conduct',
      text: 'Yunusobod IIB xodimi menga qoʻpol muomala qildi va haqorat qildi.',
    });
    expect(registered.status).toBe('assigned');
    const security = await t.staff('isec-tashkent', 'internal_security', 'IIV-1726-ISEC');
    const card = await security.request({ method: 'GET', url: `/api/v1/appeals/${registered.number}` });
    expect(card.statusCode).toBe(200);
    expect(card.json().unit.code).toBe('IIV-1726-ISEC');

    const departmentHead = await t.staff('head-yunusobod', 'head', 'IIV-1726266', { scopeSubtree: true });
    const hidden = await departmentHead.request({
      method: 'GET',
      url: `/api/v1/appeals/${registered.number}`,
    });
    expect(hidden.statusCode).toBe(404);
    const rerouted = await act(security, registered.number, {
      action: 'route',
      units: ['IIV-1726266-PATROL'],
    });
    expect(rerouted.statusCode).toBe(403);
  });
});

describe('audit', () => {
  it('chains every change and detects an edited row', async () => {
    await file();
    const { ctx } = t.system;
    const verify = () => verifyAuditLog({ db: ctx.db, key: ctx.audit.key, dataDir: ctx.config.dataDir });
    expect((await verify()).ok).toBe(true);
    await sql`alter table audit_log disable trigger audit_log_no_change`.execute(t.ownerDb);
    await sql`update audit_log set actor_label = 'someone-else' where id = (select min(id) + 1 from audit_log)`.execute(
      t.ownerDb,
    );
    await sql`alter table audit_log enable trigger audit_log_no_change`.execute(t.ownerDb);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.problems[0]?.problem).toBe('edited');
  });
});
