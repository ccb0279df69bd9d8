import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { answerTemplateSchema, fillTemplate, unfilledParts } from '../../contracts/templates.schema.ts';
import { FixedClock } from '../clock.ts';
import { STARTER_TEMPLATES_KEY, starterTemplates } from './starter-templates.ts';
import { installStarterTemplates } from './templates.repository.ts';

const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;
let admin: StaffAgent;

beforeAll(async () => {
  t = await startTestSystem({ clock });
  admin = await t.staff('admin-tpl', 'admin', 'IIV', { scopeSubtree: true });
});
afterAll(async () => {
  await t?.stop();
});

async function act(agent: StaffAgent, number: string, body: Record<string, unknown>) {
  const response = await agent.request({
    method: 'POST',
    url: `/api/v1/appeals/${number}/transitions`,
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(200);
}

describe('the starter set', () => {
  it('ships a template per common category in each interface language, installed once, each with parts to write', async () => {
    const listed = await admin.request({ method: 'GET', url: '/api/v1/templates?all=true' });
    expect(listed.statusCode, listed.body).toBe(200);
    const templates = answerTemplateSchema.array().parse(listed.json());
    for (const category of [
      'theft',
      'domestic_violence',
      'road_traffic',
      'neighbour_dispute',
      'residence_registration',
      'officer_conduct',
    ]) {
      const languages = templates.filter((x) => x.category === category).map((x) => x.language);
      expect(languages.sort(), category).toEqual(['en', 'oz', 'ru', 'uz']);
    }
    const starters = starterTemplates();
    for (const starter of starters) {
      // Filled from the appeal, and still leaving the facts for the executor to write.
      const filled = fillTemplate(starter.body, starter.language, {
        applicantName: 'Karimov Aziz',
        number: 'IIV-2026-0000001',
        receivedOn: '01.12.2026',
        unit: 'Yunusobod tumani IIB',
      });
      expect(filled, starter.title).not.toMatch(/\{\{/);
      expect(unfilledParts(filled).length, starter.title).toBeGreaterThan(0);
    }
    const again = await installStarterTemplates(
      t.system.ctx.db,
      STARTER_TEMPLATES_KEY,
      starters,
      clock.now(),
    );
    expect(again).toBe(false);
    const after = answerTemplateSchema
      .array()
      .parse((await admin.request({ method: 'GET', url: '/api/v1/templates?all=true' })).json());
    expect(after.length).toBe(templates.length);
  });
});

describe('answer templates', () => {
  it('offers an author the templates of the appeal’s category and language, and generic ones', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/templates',
      payload: {
        category: 'theft',
        language: 'oz',
        outcome: 'satisfied',
        title: 'Ўғирланган буюм топилди',
        body: 'Ҳурматли {{applicantName}}! {{number}}-сонли мурожаатингиз бўйича буюмингиз топилди.',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const executor = await t.staff('exec-tpl', 'executor', 'IIV-1726266-INV');
    const response = await executor.request({
      method: 'GET',
      url: '/api/v1/templates?category=theft&language=oz',
    });
    const templates = answerTemplateSchema.array().parse(response.json());
    expect(templates.map((x) => x.title)).toContain('Ўғирланган буюм топилди');
    expect(
      templates.every((x) => x.language === 'oz' && (x.category === 'theft' || x.category === null)),
    ).toBe(true);
    expect(templates.filter((x) => x.category === null)).toHaveLength(3);
    const other = await executor.request({
      method: 'GET',
      url: '/api/v1/templates?category=fraud&language=oz',
    });
    expect(other.json().map((x: { title: string }) => x.title)).not.toContain('Ўғирланган буюм топилди');
  });

  it('lets only an administrator change templates, and refuses an unknown category', async () => {
    const executor = await t.staff('exec-tpl-2', 'executor', 'IIV-1726266-INV');
    const body = { language: 'uz', title: 'Sarlavha', body: 'Javob matni kamida oʻn belgi.' };
    expect(
      (await executor.request({ method: 'POST', url: '/api/v1/templates', payload: body })).statusCode,
    ).toBe(403);
    const unknown = await admin.request({
      method: 'POST',
      url: '/api/v1/templates',
      payload: { ...body, category: 'nope' },
    });
    expect(unknown.statusCode).toBe(400);
    const { id } = (await admin.request({ method: 'POST', url: '/api/v1/templates', payload: body })).json();
    const replaced = await admin.request({
      method: 'PUT',
      url: `/api/v1/templates/${id}`,
      payload: { ...body, active: false },
    });
    expect(replaced.statusCode).toBe(200);
    const all = await admin.request({ method: 'GET', url: '/api/v1/templates?all=true' });
    expect(all.json().find((x: { id: number }) => x.id === id)?.active).toBe(false);
  });

  it('fills placeholders and names the parts left to write', () => {
    const text = fillTemplate('Hurmatli {{applicantName}}! {{number}} [natija] {{unknown}}', 'uz', {
      number: 'IIV-2026-0000001',
    });
    expect(text).toBe('Hurmatli murojaatchi! IIV-2026-0000001 [natija] {{unknown}}');
    expect(unfilledParts(text)).toEqual(['[natija]', '{{unknown}}']);
  });
});

describe('the answer letter', () => {
  it('prints a draft with a DRAFT mark and the approved answer on the body’s letterhead, auditing each print', async () => {
    const clerk = await t.staff('clerk-letter', 'clerk', 'IIV-1726266-APP');
    const executor = await t.staff('exec-letter', 'executor', 'IIV-1726266-INV');
    const head = await t.staff('head-letter', 'head', 'IIV-1726266-INV');
    const filed = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      payload: {
        type: 'ariza',
        applicant: {
          kind: 'individual',
          lastName: 'Karimov',
          firstName: 'Aziz',
          address: 'Toshkent, Yunusobod, 5-uy',
        },
        text: 'Телефонимни ўғирлаб кетишди, ёрдам беринг.',
        territory: '1726266',
        answerLanguage: 'oz',
        consent: true,
      },
    });
    const { number } = filed.json<{ number: string }>();
    await act(clerk, number, { action: 'route', units: ['IIV-1726266-INV'] });
    await act(executor, number, { action: 'accept' });
    await act(executor, number, {
      action: 'draft_answer',
      outcome: 'satisfied',
      body: 'Телефонингиз топилди, 12-хонадан олишингиз мумкин.',
    });
    const card = (await executor.request({ method: 'GET', url: `/api/v1/appeals/${number}` })).json();
    const answerId = card.answers[0].id;

    const draft = await executor.request({
      method: 'GET',
      url: `/api/v1/appeals/${number}/answers/${answerId}/letter.pdf`,
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.headers['content-type']).toBe('application/pdf');
    expect(draft.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    await act(head, number, { action: 'approve_answer' });
    const approved = await head.request({
      method: 'GET',
      url: `/api/v1/appeals/${number}/answers/${answerId}/letter.pdf`,
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.rawPayload.length).toBeGreaterThan(5_000);

    const outsider = await t.staff('exec-letter-andijan', 'executor', 'IIV-1703202-APP');
    const hidden = await outsider.request({
      method: 'GET',
      url: `/api/v1/appeals/${number}/answers/${answerId}/letter.pdf`,
    });
    expect(hidden.statusCode).toBe(404);

    const audit = await admin.request({
      method: 'GET',
      url: `/api/v1/audit?targetType=appeal&targetId=${number}`,
    });
    expect(audit.json().filter((e: { action: string }) => e.action === 'appeal.print_letter')).toHaveLength(
      2,
    );
  });
});
