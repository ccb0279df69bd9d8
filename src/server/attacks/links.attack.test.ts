import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { triageAppeal } from '../assist/triage-appeal.ts';

// Attacks by staff of the Yunusobod district department (IIV-1726266) on a complaint about one of its
// officers, which they may not read: can a link, a merge, a suggestion or the audit trail name it, or tell
// who filed it?

let t: TestSystem;
let clerk: StaffAgent;
let head: StaffAgent;
let admin: StaffAgent;
let cityClerk: StaffAgent;

const suspectedPhone = '+998901112233';
const complainant = {
  kind: 'individual',
  lastName: 'Yusupova',
  firstName: 'Malika',
  address: 'Toshkent sh., Yunusobod tumani, 12-kvartal',
  phone: suspectedPhone,
};
const complaintText =
  'Yunusobod IIB patrul xodimi leytenant Qodirov Sanjar menga qoʻpol muomala qildi, haqorat qildi va pora talab qildi.';

let hidden: { number: string; accessCode: string };

async function idOf(number: string): Promise<number> {
  const row = await t.system.ctx.db
    .selectFrom('appeals')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await startTestSystem();
  clerk = await t.staff('links-clerk', 'clerk', 'IIV-1726266-APP');
  head = await t.staff('links-head', 'head', 'IIV-1726266', { scopeSubtree: true });
  admin = await t.staff('links-admin', 'admin', 'IIV-1726266', { scopeSubtree: true });
  cityClerk = await t.staff('links-city-clerk', 'clerk', 'IIV-1726-APP');
  hidden = await t.fileAppeal({ type: 'shikoyat', applicant: complainant, text: complaintText });
  await triageAppeal(t.system.ctx, await idOf(hidden.number));
  const card = await head.request({ method: 'GET', url: `/api/v1/appeals/${hidden.number}` });
  expect(card.statusCode).toBe(404);
});
afterAll(async () => {
  await t?.stop();
});

describe('links between appeals', () => {
  it('does not name a hidden complaint among the related appeals of one the clerk can open', async () => {
    // The clerk files an appeal with the phone they suspect; triage links repeats by phone nationwide.
    const probe = await t.fileAppeal({
      applicant: { ...complainant, lastName: 'Sinov', firstName: 'Sinov' },
      text: 'Qoʻshnim mashinasini darvozam oldiga qoʻyadi, chiqa olmayman.',
    });
    await triageAppeal(t.system.ctx, await idOf(probe.number));
    const links = await t.system.ctx.db
      .selectFrom('appeal_links')
      .select('kind')
      .where('appeal_id', '=', await idOf(probe.number))
      .execute();
    expect(links.map((l) => l.kind)).toContain('repeat');
    const card = await clerk.request({ method: 'GET', url: `/api/v1/appeals/${probe.number}` });
    expect(card.statusCode).toBe(200);
    expect(card.body).not.toContain(hidden.number);
    expect(card.json<{ related: unknown[] }>().related).toEqual([]);
  });

  it('does not count a hidden complaint in the duplicate group a queue row shows', async () => {
    // A copy of the complaint's text from the same applicant, kept in the district as a clerk would judge it,
    // is its duplicate (another person's copy is a campaign link, not a duplicate).
    const copy = await t.fileAppeal({ applicant: complainant, text: complaintText });
    const id = await idOf(copy.number);
    const app = t.system.ctx.reference().units.byCode('IIV-1726266-APP')?.id ?? 0;
    await t.system.ctx.db
      .updateTable('appeals')
      .set({ subject_unit_id: null, about_officer: false, scope_units: [app] })
      .where('id', '=', id)
      .execute();
    await triageAppeal(t.system.ctx, id);
    const links = await t.system.ctx.db
      .selectFrom('appeal_links')
      .select('other_id')
      .where('appeal_id', '=', id)
      .where('kind', '=', 'duplicate')
      .execute();
    expect(links.map((l) => l.other_id)).toContain(await idOf(hidden.number));
    const list = await clerk.request({ method: 'GET', url: '/api/v1/appeals?q=Qodirov%20Sanjar' });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ number: copy.number, duplicateGroup: null }),
    ]);
  });

  it('answers a merge into a hidden complaint exactly as a merge into a number that does not exist', async () => {
    const probe = await t.fileAppeal({ applicant: complainant, text: 'Oʻgʻirlangan velosipedim haqida.' });
    // Status and body, less the request id every answer carries.
    const merge = async (into: string) => {
      const response = await clerk.request({
        method: 'POST',
        url: `/api/v1/appeals/${probe.number}/transitions`,
        payload: { action: 'merge', into },
      });
      const { requestId: _, ...error } = response.json<{ error: Record<string, unknown> }>().error;
      return { status: response.statusCode, error };
    };
    const intoNothing = await merge('IIV-2026-0999999');
    expect(intoNothing.status).toBe(400);
    expect(await merge(hidden.number)).toEqual(intoNothing);
    // A different applicant's appeal the clerk cannot see answers the same too.
    const stranger = await t.fileAppeal({ type: 'shikoyat', text: complaintText });
    expect(await merge(stranger.number)).toEqual(intoNothing);
  });

  it('shows a higher unit examining a complaint about an answer the appeal it is about, and only that', async () => {
    const original = await t.fileAppeal({ text: 'Qoʻshnim itini bogʻlamaydi, bolalar qoʻrqadi.' });
    await clerk.request({
      method: 'POST',
      url: `/api/v1/appeals/${original.number}/transitions`,
      payload: { action: 'route', units: ['IIV-1726266-APP'] },
    });
    const complaint = await t.fileAppeal({
      type: 'shikoyat',
      text: 'Javobdan norozi man, hech narsa qilinmadi.',
      relatedTo: { number: original.number, accessCode: original.accessCode, kind: 'complaint' },
    });
    const card = await cityClerk.request({ method: 'GET', url: `/api/v1/appeals/${complaint.number}` });
    expect(card.json<{ links: { parent: { number: string } | null } }>().links.parent?.number).toBe(
      original.number,
    );
    const parent = await cityClerk.request({ method: 'GET', url: `/api/v1/appeals/${original.number}` });
    expect(parent.statusCode).toBe(200);
    // The clerk one level up still cannot see what is outside that complaint.
    const unrelated = await t.fileAppeal({ text: 'Koʻchada chiroqlar yonmaydi.' });
    const other = await cityClerk.request({ method: 'GET', url: `/api/v1/appeals/${unrelated.number}` });
    expect(other.statusCode).toBe(404);
  });

  it('keeps a hidden complaint out of the similar answered appeals a clerk is offered', async () => {
    const security = await t.staff('links-isec', 'internal_security', 'IIV-1726-ISEC');
    const cityHead = await t.staff('links-city-head', 'head', 'IIV-1726', { scopeSubtree: true });
    for (const step of [
      { action: 'accept' },
      {
        action: 'draft_answer',
        outcome: 'satisfied',
        body: 'Xodimga intizomiy jazo qoʻllanildi, uzr soʻraymiz.',
      },
    ]) {
      const done = await security.request({
        method: 'POST',
        url: `/api/v1/appeals/${hidden.number}/transitions`,
        payload: step,
      });
      expect(done.statusCode).toBe(200);
    }
    const approved = await cityHead.request({
      method: 'POST',
      url: `/api/v1/appeals/${hidden.number}/transitions`,
      payload: { action: 'approve_answer' },
    });
    expect(approved.statusCode).toBe(200);
    const lookalike = await t.fileAppeal({
      type: 'shikoyat',
      text: complaintText.replace('Qodirov', 'Karimov'),
    });
    const id = await idOf(lookalike.number);
    // Kept in the district (a clerk judged it), so the district's staff work it.
    await t.system.ctx.db
      .updateTable('appeals')
      .set({ subject_unit_id: null, about_officer: false, scope_units: [] })
      .where('id', '=', id)
      .execute();
    await t.system.ctx.db
      .updateTable('appeals')
      .set({ scope_units: [t.system.ctx.reference().units.byCode('IIV-1726266-APP')?.id ?? 0] })
      .where('id', '=', id)
      .execute();
    const similar = await clerk.request({
      method: 'GET',
      url: `/api/v1/appeals/${lookalike.number}/similar`,
    });
    expect(similar.statusCode).toBe(200);
    expect(similar.body).not.toContain(hidden.number);
    const asSecurity = await cityHead.request({
      method: 'GET',
      url: `/api/v1/appeals/${lookalike.number}/similar`,
    });
    expect(asSecurity.body).toContain(hidden.number);
  });

  it('keeps a hidden complaint out of the audit trail a district administrator reads', async () => {
    const trail = await admin.request({ method: 'GET', url: '/api/v1/audit?limit=500' });
    expect(trail.statusCode).toBe(200);
    expect(trail.body).not.toContain(hidden.number);
    const byTarget = await admin.request({
      method: 'GET',
      url: `/api/v1/audit?targetType=appeal&targetId=${hidden.number}`,
    });
    expect(byTarget.json()).toEqual([]);
  });
});
