import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { FixedClock } from '../clock.ts';
import { triageAppeal } from './triage-appeal.ts';

const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;

const applicant = (lastName: string, phone: string) => ({
  kind: 'individual',
  lastName,
  firstName: 'Aziz',
  address: 'Samarqand sh., Registon koʻchasi 4',
  phone,
});

async function file(text: string, extra: Record<string, unknown> = {}) {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/appeals',
    payload: {
      type: 'ariza',
      applicant: applicant('Karimov', '+998901112233'),
      text,
      territory: '1718401',
      consent: true,
      ...extra,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  const { number } = response.json<{ number: string }>();
  const row = await t.system.ctx.db
    .selectFrom('appeals')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  return { number, id: row.id };
}

beforeAll(async () => {
  t = await startTestSystem({ clock });
});
afterAll(async () => {
  await t?.stop();
});

describe('triage', () => {
  it('routes a Cyrillic Uzbek appeal about a stolen phone to investigation, explaining why, and links its Latin twin', async () => {
    const cyrillic = await file(
      'Кеча кечқурун бозорда телефонимни ўғирлаб кетишди. Самсунг телефони, қора рангда. Илтимос, ўғрини топиб беринг.',
    );
    expect(await triageAppeal(t.system.ctx, cyrillic.id)).toBe('auto_routed');
    const admin = await t.staff('clerk-samarqand', 'clerk', 'IIV-1718', { scopeSubtree: true });
    const card = (await admin.request({ method: 'GET', url: `/api/v1/appeals/${cyrillic.number}` })).json();
    expect(card.status).toBe('assigned');
    expect(card.unit.code).toBe('IIV-1718401-INV');
    expect(card.analysis).toMatchObject({ category: 'theft', language: 'uz-Cyrl', decision: 'auto_routed' });
    expect(card.analysis.explanation.length).toBeGreaterThan(0);
    const routed = card.history.find((h: { event: string }) => h.event === 'routed');
    expect(routed.data).toMatchObject({ automatic: true, category: 'theft' });

    const latin = await file(
      'Kecha kechqurun bozorda telefonimni oʻgʻirlab ketishdi. Samsung telefoni, qora rangda. Iltimos, oʻgʻrini topib bering.',
      { applicant: applicant('Karimov', '+998901112233') },
    );
    await triageAppeal(t.system.ctx, latin.id);
    const twin = (await admin.request({ method: 'GET', url: `/api/v1/appeals/${latin.number}` })).json();
    // Linked twice (the same text, the same phone), the Cyrillic original is named once, as a duplicate.
    expect(twin.related).toEqual([expect.objectContaining({ number: cyrillic.number, kind: 'duplicate' })]);
  });

  it('names each of six identical appeals once on the card, as a duplicate, and the same text after an answer as a repeat', async () => {
    const text =
      'Mahallamizdagi koʻcha chiroqlari bir oydan beri yonmaydi, kechasi bolalar qorongʻida yuradi. Iltimos, chora koʻring.';
    const person = { applicant: applicant('Rasulov', '+998907770066') };
    const six = [];
    for (let i = 0; i < 6; i++) {
      const appeal = await file(text, person);
      await triageAppeal(t.system.ctx, appeal.id);
      six.push(appeal);
    }
    const clerk = await t.staff('clerk-six', 'clerk', 'IIV-1718', { scopeSubtree: true });
    for (const appeal of six) {
      const card = (await clerk.request({ method: 'GET', url: `/api/v1/appeals/${appeal.number}` })).json();
      const others = six.filter((a) => a !== appeal).map((a) => a.number);
      expect(card.related.map((r: { number: string }) => r.number).sort()).toEqual(others.sort());
      expect(new Set(card.related.map((r: { kind: string }) => r.kind))).toEqual(new Set(['duplicate']));
    }
    // In a queue each of the six says it is one of a group of six.
    const list = await clerk.request({ method: 'GET', url: '/api/v1/appeals?q=chiroqlari%20qorongʻida' });
    expect(list.statusCode, list.body).toBe(200);
    const rows: { number: string; duplicateGroup: number | null; repeat: boolean }[] = list.json().items;
    expect(rows.map((r) => r.number).sort()).toEqual(six.map((a) => a.number).sort());
    expect(rows.map((r) => r.duplicateGroup)).toEqual([6, 6, 6, 6, 6, 6]);
    // Each is a duplicate, not also flagged a repeat.
    expect(rows.map((r) => r.repeat)).toEqual([false, false, false, false, false, false]);

    await t.system.ctx.db
      .updateTable('appeals')
      .set({ status: 'answered' })
      .where(
        'number',
        'in',
        six.map((a) => a.number),
      )
      .execute();
    const later = await file(text, person);
    await triageAppeal(t.system.ctx, later.id);
    const card = (await clerk.request({ method: 'GET', url: `/api/v1/appeals/${later.number}` })).json();
    expect(card.related).toHaveLength(6);
    expect(new Set(card.related.map((r: { kind: string }) => r.kind))).toEqual(new Set(['repeat']));
    // Found by triage, not marked by the applicant: the queue row and the repeat filter say so all the same.
    const repeats = await clerk.request({ method: 'GET', url: '/api/v1/appeals?repeat=true&pageSize=100' });
    const repeated: { number: string; repeat: boolean }[] = repeats.json().items;
    expect(repeated.find((r) => r.number === later.number)?.repeat).toBe(true);
    expect(repeated.map((r) => r.number)).not.toContain(six[0]?.number);
  });

  it('flags a death threat as urgent at intake and sends it to the duty unit', async () => {
    const appeal = await file(
      'Qoʻshnim har kuni meni oʻldiraman deb qoʻrqitmoqda, pichoq bilan keldi. Yordam bering!',
      {
        applicant: applicant('Rahimova', '+998935556677'),
      },
    );
    const row = await t.system.ctx.db
      .selectFrom('appeals')
      .select(['urgent', 'status', 'urgency_reason', 'owner_unit_id'])
      .where('id', '=', appeal.id)
      .executeTakeFirstOrThrow();
    expect(row.urgent).toBe(true);
    expect(row.status).toBe('assigned');
    expect(t.system.ctx.reference().units.byId(row.owner_unit_id)?.code).toBe('IIV-1718401-DUTY');
    expect(row.urgency_reason).toMatch(/threat_to_life/);
  });

  it('leaves an unclear appeal in the triage queue with three suggestions', async () => {
    const appeal = await file(
      'Assalomu alaykum, menga bir masala boʻyicha maslahat kerak edi, iltimos qoʻngʻiroq qiling.',
      {
        applicant: applicant('Tursunov', '+998977778899'),
      },
    );
    expect(await triageAppeal(t.system.ctx, appeal.id)).toBe('triage_queue');
    const clerk = await t.staff('clerk-samarqand-2', 'clerk', 'IIV-1718401-APP');
    const card = (await clerk.request({ method: 'GET', url: `/api/v1/appeals/${appeal.number}` })).json();
    expect(card.status).toBe('registered');
    expect(card.analysis.suggestions).toHaveLength(3);
    expect(card.analysis.suggestions[0]).toEqual(
      expect.objectContaining({ category: expect.any(String), unit: expect.stringMatching(/^IIV-/) }),
    );
  });

  it('reads the text once: the urgency and officer evidence intake stored are what triage keeps', async () => {
    const appeal = await file('Qoʻshnim meni pichoq bilan oʻldiraman deb qoʻrqitdi, tezda yordam bering!');
    const stored = await t.system.ctx.db
      .selectFrom('appeals')
      .select(['urgent', 'intake_reading'])
      .where('id', '=', appeal.id)
      .executeTakeFirstOrThrow();
    expect(stored.urgent).toBe(true);
    expect(stored.intake_reading).toMatchObject({ urgency: { urgent: true }, officerComplaint: 'none' });
    // A marker only intake's record holds: triage must copy it, not assess the text again.
    const marked = {
      ...Object(stored.intake_reading),
      urgency: { score: 0.5, urgent: true, reasons: [{ kind: 'weapon', evidence: 'intake-marker' }] },
    };
    await t.system.ctx.db
      .updateTable('appeals')
      .set({ intake_reading: JSON.stringify(marked) })
      .where('id', '=', appeal.id)
      .execute();
    await triageAppeal(t.system.ctx, appeal.id);
    const analysis = await t.system.ctx.db
      .selectFrom('appeal_analysis')
      .select(['urgency', 'urgency_score'])
      .where('appeal_id', '=', appeal.id)
      .executeTakeFirstOrThrow();
    expect(analysis.urgency_score).toBe(0.5);
    expect(analysis.urgency).toEqual([{ kind: 'weapon', evidence: 'intake-marker' }]);
  });

  it('does nothing the second time it runs for the same appeal', async () => {
    const appeal = await file('Mashinamni oʻgʻirlab ketishdi, davlat raqami 30A123BC, yordam bering.', {
      applicant: applicant('Qodirov', '+998990001122'),
    });
    await triageAppeal(t.system.ctx, appeal.id);
    const events = async () =>
      (
        await t.system.ctx.db
          .selectFrom('appeal_events')
          .select('id')
          .where('appeal_id', '=', appeal.id)
          .execute()
      ).length;
    const before = await events();
    expect(await triageAppeal(t.system.ctx, appeal.id)).toBeUndefined();
    expect(await events()).toBe(before);
  });
});

describe('learning and reuse', () => {
  it('suggests categories while a citizen types, without storing anything', async () => {
    const before = await t.system.ctx.db
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/category-suggestions',
      headers: { 'accept-language': 'ru' },
      payload: { text: 'У меня в автобусе украли телефон и кошелёк' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().suggestions[0]).toMatchObject({
      code: 'theft',
      name: expect.stringMatching(/[а-я]/),
    });
    const after = await t.system.ctx.db
      .selectFrom('appeals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('turns a clerk’s category correction into a training example, trains a new version and lets an admin activate and roll back', async () => {
    const appeal = await file(
      'Qoʻshnimning iti har kuni hovlimga kirib, ekinlarimni payhon qilyapti, gaplashib boʻlmayapti.',
      {
        applicant: applicant('Ergashev', '+998911234567'),
      },
    );
    const clerk = await t.staff('clerk-corrections', 'clerk', 'IIV-1718401-APP');
    const corrected = await clerk.request({
      method: 'POST',
      url: `/api/v1/appeals/${appeal.number}/transitions`,
      payload: { action: 'set_category', category: 'neighbour_dispute' },
    });
    expect(corrected.statusCode).toBe(200);
    const examples = await t.system.ctx.db
      .selectFrom('nlp_examples')
      .selectAll()
      .where('appeal_id', '=', appeal.id)
      .execute();
    expect(examples).toEqual([
      expect.objectContaining({ label_set: 'category', label: 'neighbour_dispute', source: 'correction' }),
    ]);

    const admin = await t.staff('admin-models', 'admin', 'IIV', { scopeSubtree: true });
    const csv = Buffer.from(
      'text,category\n"Yoʻl chetida svetofor ishlamayapti, har kuni avariya boʻlishiga oz qoladi",road_traffic\n"qisqa",theft\n"Matn bor, lekin toifa notoʻgʻri yozilgan",no_such_category\n',
    );
    const boundary = 'b0undary';
    const imported = await admin.request({
      method: 'POST',
      url: '/api/v1/nlp/examples/import',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="history.csv"\r\nContent-Type: text/csv\r\n\r\n`,
        ),
        csv,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ imported: 1, skipped: [{ row: 3 }, { row: 4 }] });

    const { retrainCategoryModel } = await import('./model-versions.ts');
    const version = await retrainCategoryModel(t.system.ctx, 'test');
    const versions = (await admin.request({ method: 'GET', url: '/api/v1/nlp/models' })).json();
    const trained = versions.find((v: { version: string }) => v.version === version);
    expect(trained).toMatchObject({ active: false, evaluation: { macroF1: expect.any(Number) } });
    expect(versions.find((v: { active: boolean }) => v.active).version).toBe('starter-1');

    const activated = await admin.request({ method: 'POST', url: `/api/v1/nlp/models/${version}/activate` });
    expect(activated.statusCode).toBe(204);
    expect((await t.system.ctx.models.active()).version).toBe(version);
    await admin.request({ method: 'POST', url: '/api/v1/nlp/models/starter-1/activate' });
    expect((await t.system.ctx.models.active()).version).toBe('starter-1');
  }, 300_000);

  it('shows an executor similar answered appeals with their answers, across scripts', async () => {
    const head = await t.staff('head-similar', 'head', 'IIV-1718401', { scopeSubtree: true });
    const answered = await file(
      'Avtobusda hamyonimni va telefonimni oʻgʻirlashdi, ichida pasportim ham bor edi.',
      {
        applicant: applicant('Usmonov', '+998933334455'),
      },
    );
    const steps = [
      { action: 'route', units: ['IIV-1718401-INV'] },
      { action: 'accept' },
      {
        action: 'draft_answer',
        outcome: 'explained',
        body: 'Jinoyat ishi qoʻzgʻatildi, tergov natijasi haqida xabar beramiz.',
      },
      { action: 'approve_answer' },
    ];
    for (const payload of steps) {
      const r = await head.request({
        method: 'POST',
        url: `/api/v1/appeals/${answered.number}/transitions`,
        payload,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const fresh = await file('Автобусда ҳамёнимни ва телефонимни ўғирлашди, ёрдам беринг.', {
      applicant: applicant('Nazarov', '+998944445566'),
    });
    await head.request({
      method: 'POST',
      url: `/api/v1/appeals/${fresh.number}/transitions`,
      payload: { action: 'route', units: ['IIV-1718401-INV'] },
    });
    const similar = (
      await head.request({ method: 'GET', url: `/api/v1/appeals/${fresh.number}/similar` })
    ).json();
    expect(similar[0]).toMatchObject({
      number: answered.number,
      answer: expect.stringContaining('Jinoyat ishi'),
    });
  });
});
