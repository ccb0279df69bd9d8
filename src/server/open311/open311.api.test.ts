import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { rateLimitsFor } from '../http/rate-limits.ts';

let t: TestSystem;
let admin: StaffAgent;
let key: string;
let personalKey: string;
let webhookKey: string;

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  payload: new URLSearchParams(fields).toString(),
});

async function issue(name: string, scopes: string[]): Promise<{ id: number; key: string }> {
  const response = await admin.request({
    method: 'POST',
    url: '/api/v1/admin/integrations',
    payload: { name, scopes },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: number; key: string }>();
}

const pothole = {
  service_code: 'public_order',
  lat: '41.3650',
  long: '69.2890',
  address_string: 'Amir Temur shoh koʻchasi 108, Yunusobod',
  first_name: 'Aziz',
  last_name: 'Karimov',
  email: 'aziz.karimov@example.uz',
  phone: '+998 90 123 45 67',
  description: 'Kechalari hovlida shovqin, mast kishilar janjal qilmoqda, iltimos chora koʻring.',
  'attribute[territory]': '1726266',
};

async function post(fields: Record<string, string>, format = 'json', base = '/open311/v2') {
  return t.request({ method: 'POST', url: `${base}/requests.${format}`, ...form(fields) });
}

beforeAll(async () => {
  t = await startTestSystem();
  admin = await t.staff('integrations-admin', 'admin', 'IIV');
  key = (await issue('Shahar ilovasi', ['open311'])).key;
  personalKey = (await issue('Hamkor portal', ['open311', 'personal-data'])).key;
  webhookKey = (await issue('Webhook receiver', ['webhooks'])).key;
});
afterAll(async () => {
  await t?.stop();
});

describe('discovery and services', () => {
  it('lists the production and the sandbox endpoint, in JSON and in XML', async () => {
    const json = await t.request({ method: 'GET', url: '/open311/v2/discovery.json' });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = json.json<{ endpoints: { url: string; type: string; formats: string[] }[] }>();
    expect(body).toMatchObject({ changeset: expect.any(String), contact: expect.any(String) });
    expect(body.endpoints.map((e) => [e.type, new URL(e.url).pathname])).toEqual([
      ['production', '/open311/v2'],
      ['test', '/open311/sandbox/v2'],
    ]);
    expect(body.endpoints[0]?.formats).toEqual(['text/xml', 'application/json']);

    const xml = await t.request({ method: 'GET', url: '/open311/v2/discovery.xml' });
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery><changeset>/);
    expect(xml.body).toContain(
      '<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>',
    );
    expect(xml.body).toContain(
      '<type>test</type><formats><format>text/xml</format><format>application/json</format></formats>',
    );
  });

  it('lists the active categories as services in the requested locale', async () => {
    const ru = await t.request({ method: 'GET', url: '/open311/v2/services.json?locale=ru' });
    const services = ru.json<Record<string, unknown>[]>();
    const order = services.find((s) => s.service_code === 'public_order');
    expect(order).toEqual({
      service_code: 'public_order',
      service_name: t.system.ctx.reference().categories.get('public_order')?.names.ru,
      description: t.system.ctx.reference().categories.get('public_order')?.descriptions.ru,
      metadata: true,
      type: 'realtime',
      keywords: null,
      group: expect.any(String),
    });
    const oz = await t.request({ method: 'GET', url: '/open311/v2/services.xml?locale=oz' });
    expect(oz.body).toContain(
      `<service><service_code>public_order</service_code><service_name>${t.system.ctx.reference().categories.get('public_order')?.names.oz}</service_name>`,
    );
    expect(oz.body).toContain('<metadata>true</metadata><type>realtime</type><keywords/>');
  });

  it('defines a service with its attributes, and answers 404 in the spec’s error format for an unknown one', async () => {
    const json = await t.request({ method: 'GET', url: '/open311/v2/services/public_order.json?locale=en' });
    const definition = json.json<{ service_code: string; attributes: Record<string, unknown>[] }>();
    expect(definition.service_code).toBe('public_order');
    expect(definition.attributes[0]).toMatchObject({
      variable: true,
      code: 'appeal_type',
      datatype: 'singlevaluelist',
      required: false,
      order: 1,
      values: [
        { key: 'ariza', name: 'Application' },
        { key: 'taklif', name: 'Proposal' },
        { key: 'shikoyat', name: 'Complaint' },
      ],
    });
    expect(definition.attributes[1]).toMatchObject({ code: 'territory', order: 2 });
    const xml = await t.request({ method: 'GET', url: '/open311/v2/services/public_order.xml' });
    expect(xml.body).toContain(
      '<service_definition><service_code>public_order</service_code><attributes><attribute><variable>true</variable><code>appeal_type</code>',
    );
    expect(xml.body).toContain('<values><value><key>ariza</key><name>Ariza</name></value>');

    const missing = await t.request({ method: 'GET', url: '/open311/v2/services/no_such.json' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual([{ code: 404, description: expect.stringContaining('no_such') }]);
    const missingXml = await t.request({ method: 'GET', url: '/open311/v2/services/no_such.xml' });
    expect(missingXml.statusCode).toBe(404);
    expect(missingXml.body).toMatch(
      /<errors><error><code>404<\/code><description>[^<]+<\/description><\/error><\/errors>/,
    );
  });

  it('answers an unknown path under /open311 with the spec’s error body', async () => {
    const response = await t.request({ method: 'GET', url: '/open311/v2/nothing.json' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual([{ code: 404, description: expect.any(String) }]);
  });

  it('issues no tokens: every service is realtime', async () => {
    const json = await t.request({ method: 'GET', url: '/open311/v2/tokens/12345.json' });
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual([{ code: 404, description: 'token 12345 not found' }]);
    const xml = await t.request({ method: 'GET', url: '/open311/v2/tokens/12345.xml' });
    expect(xml.statusCode).toBe(404);
    expect(xml.body).toContain(
      '<errors><error><code>404</code><description>token 12345 not found</description></error></errors>',
    );
  });
});

describe('posting a service request', () => {
  it('registers an appeal on the open311 channel and answers with its id and a notice', async () => {
    const response = await post({ ...pothole, api_key: key, account_id: 'u-77' });
    expect(response.statusCode).toBe(201);
    const [created] =
      response.json<{ service_request_id: string; service_notice: string; account_id: string }[]>();
    expect(created?.service_request_id).toMatch(/^IIV-\d{4}-\d{7}$/);
    expect(created?.account_id).toBe('u-77');
    expect(created?.service_notice).toContain(created?.service_request_id);
    // Without `personal-data` the applicant's access code is not handed to the integration.
    expect(created?.service_notice).not.toMatch(/kod|code/i);
    const appeal = await t.ownerDb
      .selectFrom('appeals')
      .select(['channel', 'category_code', 'territory_code', 'place', 'lat', 'applicant_kind'])
      .where('number', '=', created?.service_request_id ?? '')
      .executeTakeFirstOrThrow();
    expect(appeal).toEqual({
      channel: 'open311',
      category_code: 'public_order',
      territory_code: '1726266',
      place: pothole.address_string,
      lat: 41.365,
      applicant_kind: 'individual',
    });
  });

  it('answers in XML too, and tells the access code only to a key allowed personal data', async () => {
    const response = await post({ ...pothole, api_key: personalKey }, 'xml');
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(response.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests><request><service_request_id>IIV-\d{4}-\d{7}<\/service_request_id><service_notice>[^<]*Maxfiy kod: [0-9A-Z]{8}[^<]*<\/service_notice><account_id\/><\/request><\/service_requests>/,
    );
  });

  it('refuses a missing, wrong, revoked or wrong-scope key with 403 and registers nothing', async () => {
    const before = await countAppeals();
    const revoked = await issue('Old app', ['open311']);
    const revoke = await admin.request({
      method: 'POST',
      url: `/api/v1/admin/integrations/${revoked.id}/revoke`,
    });
    expect(revoke.statusCode).toBe(200);
    for (const apiKey of [undefined, 'mjk_not-a-key', `${key.slice(0, -2)}xx`, revoked.key, webhookKey]) {
      const fields = apiKey === undefined ? pothole : { ...pothole, api_key: apiKey };
      const json = await post(fields);
      expect(json.statusCode, String(apiKey)).toBe(403);
      expect(json.json()).toEqual([{ code: 403, description: expect.any(String) }]);
      const xml = await post(fields, 'xml');
      expect(xml.statusCode).toBe(403);
      expect(xml.body).toMatch(
        /<errors><error><code>403<\/code><description>[^<]+<\/description><\/error><\/errors>/,
      );
    }
    expect(await countAppeals()).toBe(before);
  });

  it('answers 400 with one error per problem, and 404 for an unknown service_code', async () => {
    const noCode = await post({ api_key: key, description: 'Juda uzun tavsif matni bor.' });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json()).toEqual([{ code: 400, description: 'service_code was not provided' }]);
    const unknown = await post({ ...pothole, api_key: key, service_code: 'potholes' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: 'service_code potholes not found' }]);
    const several = await post({
      api_key: key,
      service_code: 'public_order',
      lat: '41.3',
      description: 'qisqa',
      phone: '12',
    });
    expect(several.statusCode).toBe(400);
    expect(several.json<{ code: number }[]>().map((e) => e.code)).toEqual([400, 400, 400]);
    const xml = await post(
      { api_key: key, service_code: 'public_order', description: 'Hech qanday joy yoʻq.' },
      'xml',
    );
    expect(xml.statusCode).toBe(400);
    expect(xml.body).toContain('<errors><error><code>400</code><description>a location is required');
  });

  it('checks a request on the sandbox without registering it', async () => {
    const before = await countAppeals();
    const response = await post({ ...pothole, api_key: key }, 'json', '/open311/sandbox/v2');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual([
      {
        service_request_id: expect.stringMatching(/^TEST-/),
        service_notice: expect.any(String),
        account_id: null,
      },
    ]);
    const refused = await post(pothole, 'json', '/open311/sandbox/v2');
    expect(refused.statusCode).toBe(403);
    expect(await countAppeals()).toBe(before);
    const list = await t.request({ method: 'GET', url: '/open311/sandbox/v2/requests.json' });
    expect(list.json()).toEqual([]);
  });
});

async function countAppeals(): Promise<number> {
  const row = await t.ownerDb
    .selectFrom('appeals')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('reading service requests', () => {
  it('shows a request with its public status, in JSON and XML, and only those received through Open311', async () => {
    const [created] = (await post({ ...pothole, api_key: key })).json<{ service_request_id: string }[]>();
    const id = created?.service_request_id ?? '';
    const web = await t.fileAppeal();

    const one = await t.request({ method: 'GET', url: `/open311/v2/requests/${id}.json?locale=en` });
    expect(one.statusCode).toBe(200);
    const [request] = one.json<Record<string, unknown>[]>();
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: expect.any(String),
      service_code: 'public_order',
      service_name: t.system.ctx.reference().categories.get('public_order')?.names.en,
      description: expect.stringContaining('shovqin'),
      address: pothole.address_string,
      lat: 41.365,
      long: 69.289,
      address_id: null,
      zipcode: null,
      media_url: null,
      requested_datetime: expect.stringMatching(/Z$/),
      updated_datetime: expect.stringMatching(/Z$/),
      expected_datetime: expect.stringMatching(/Z$/),
    });
    // The applicant's contact details never appear.
    expect(one.body).not.toMatch(/Karimov|aziz\.karimov|901234567/);

    const xml = await t.request({ method: 'GET', url: `/open311/v2/requests/${id}.xml` });
    expect(xml.body).toContain(
      `<service_requests><request><service_request_id>${id}</service_request_id><status>open</status><status_notes>`,
    );
    expect(xml.body).toContain(
      '<address_id/><zipcode/><lat>41.365</lat><long>69.289</long><media_url/></request></service_requests>',
    );

    const hidden = await t.request({ method: 'GET', url: `/open311/v2/requests/${web.number}.json` });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual([{ code: 404, description: expect.any(String) }]);

    const all = await t.request({ method: 'GET', url: '/open311/v2/requests.json' });
    const ids = all.json<{ service_request_id: string }[]>().map((r) => r.service_request_id);
    expect(ids).toContain(id);
    expect(ids).not.toContain(web.number);
  });

  it('filters by id, service code, dates and status', async () => {
    const [a] = (await post({ ...pothole, api_key: key })).json<{ service_request_id: string }[]>();
    const [b] = (await post({ ...pothole, api_key: key, service_code: 'road_traffic' })).json<
      { service_request_id: string }[]
    >();
    const ids = async (query: string, format = 'json') => {
      const response = await t.request({ method: 'GET', url: `/open311/v2/requests.${format}?${query}` });
      expect(response.statusCode, response.body).toBe(200);
      return response.json<{ service_request_id: string }[]>().map((r) => r.service_request_id);
    };
    expect(await ids(`service_request_id=${a?.service_request_id},${b?.service_request_id}`)).toEqual(
      expect.arrayContaining([a?.service_request_id, b?.service_request_id]),
    );
    const road = await ids('service_code=road_traffic');
    expect(road).toContain(b?.service_request_id);
    expect(road).not.toContain(a?.service_request_id);
    expect(await ids('status=open')).toContain(a?.service_request_id);
    expect(await ids('status=closed')).not.toContain(a?.service_request_id);
    const now = t.system.ctx.clock.now().getTime();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(await ids(`start_date=${iso(now - 3_600_000)}&end_date=${iso(now + 3_600_000)}`)).toContain(
      a?.service_request_id,
    );
    expect(await ids(`start_date=${iso(now + 3_600_000)}`)).toEqual([]);
    // An empty parameter is the same as none.
    expect(await ids('status=&service_code=')).toContain(a?.service_request_id);
  });

  it('answers bad filters with 400 in the spec’s error format', async () => {
    for (const query of [
      'status=pending',
      'start_date=yesterday',
      'start_date=2026-01-01T00:00:00',
      'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
    ]) {
      const json = await t.request({ method: 'GET', url: `/open311/v2/requests.json?${query}` });
      expect(json.statusCode, query).toBe(400);
      expect(json.json()).toEqual([{ code: 400, description: expect.any(String) }]);
      const xml = await t.request({ method: 'GET', url: `/open311/v2/requests.xml?${query}` });
      expect(xml.statusCode).toBe(400);
      expect(xml.body).toMatch(/<errors><error><code>400<\/code>/);
    }
  });
});

describe('attacks: confidential appeals through Open311', () => {
  it('never shows the words, place or contact of a complaint about an officer, in a list, by id or in XML', async () => {
    const secret = 'Inspektor Zokirov pora talab qildi, guvoh Olimova 998935551122';
    const [created] = (
      await post({
        ...pothole,
        api_key: key,
        service_code: 'officer_conduct',
        description: secret,
        address_string: 'Uy manzili: Chilonzor 9-kvartal 14-uy',
      })
    ).json<{ service_request_id: string }[]>();
    const id = created?.service_request_id ?? '';
    for (const url of [
      `/open311/v2/requests/${id}.json`,
      `/open311/v2/requests/${id}.xml`,
      '/open311/v2/requests.json',
      '/open311/v2/requests.xml',
      `/open311/v2/requests.json?service_request_id=${id}`,
      '/open311/v2/requests.json?service_code=officer_conduct',
      '/open311/v2/requests.json?status=open',
    ]) {
      const response = await t.request({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toMatch(/Zokirov|pora|Olimova|Chilonzor|5551122|Karimov|aziz/);
    }
    const [shown] = (await t.request({ method: 'GET', url: `/open311/v2/requests/${id}.json` })).json<
      Record<string, unknown>[]
    >();
    expect(shown).toMatchObject({
      service_request_id: id,
      status: 'open',
      description: null,
      address: null,
      lat: null,
      long: null,
      agency_responsible: null,
    });
  });

  it('hides the words of an appeal once staff mark it a complaint about an officer', async () => {
    const text = 'Hovlidagi chiroq ishlamaydi, kechasi qorongʻi va xavfli boʻlib qoldi.';
    const [created] = (await post({ ...pothole, api_key: key, description: text })).json<
      { service_request_id: string }[]
    >();
    const id = created?.service_request_id ?? '';
    const before = await t.request({ method: 'GET', url: `/open311/v2/requests/${id}.json` });
    expect(before.body).toContain('chiroq');
    const head = await t.staff('open311-city-head', 'head', 'IIV-1726', { scopeSubtree: true });
    const marked = await head.request({
      method: 'POST',
      url: `/api/v1/appeals/${id}/transitions`,
      payload: { action: 'mark_officer_complaint', unit: 'IIV-1726266-PATROL' },
    });
    expect(marked.statusCode, marked.body).toBe(200);
    for (const url of [`/open311/v2/requests/${id}.json`, '/open311/v2/requests.xml']) {
      const after = await t.request({ method: 'GET', url });
      expect(after.body, url).not.toContain('chiroq');
    }
  });

  it('never shows the words or place of an urgent report (a crime or a threat to life)', async () => {
    const [created] = (
      await post({
        ...pothole,
        api_key: key,
        service_code: 'domestic_violence',
        description: 'Qoʻshnim xotinini urib, pichoq bilan oʻldiraman deb qoʻrqitmoqda, tezda keling!',
        address_string: 'Yunusobod 12-kvartal 7-uy 33-xonadon',
      })
    ).json<{ service_request_id: string }[]>();
    const urgent = await t.ownerDb
      .selectFrom('appeals')
      .select('urgent')
      .where('number', '=', created?.service_request_id ?? '')
      .executeTakeFirstOrThrow();
    expect(urgent.urgent).toBe(true);
    for (const url of [
      `/open311/v2/requests/${created?.service_request_id}.xml`,
      '/open311/v2/requests.json',
    ]) {
      const response = await t.request({ method: 'GET', url });
      expect(response.body, url).not.toMatch(/pichoq|xotinini|33-xonadon/);
    }
  });

  it('blanks contact details a person typed into an ordinary description', async () => {
    const [created] = (
      await post({
        ...pothole,
        api_key: key,
        description: 'Shovqin har kuni. Menga qoʻngʻiroq qiling: +998 (90) 765-43-21 yoki yozing: me@mail.uz',
      })
    ).json<{ service_request_id: string }[]>();
    const response = await t.request({
      method: 'GET',
      url: `/open311/v2/requests/${created?.service_request_id}.json`,
    });
    const [shown] = response.json<{ description: string }[]>();
    expect(shown?.description).toContain('Shovqin har kuni.');
    expect(shown?.description).not.toMatch(/765|43-21|me@mail\.uz/);
  });

  it('does not reveal a hidden appeal through a filter or count: a web appeal’s words never match', async () => {
    const web = await t.fileAppeal({ text: 'Maxfiy matn: qoʻshnim Sobirov qurol saqlaydi.' });
    for (const url of [
      `/open311/v2/requests.json?service_request_id=${web.number}`,
      '/open311/v2/requests.json?service_code=public_order,weapons_licence,other',
      '/open311/v2/requests.xml',
    ]) {
      const response = await t.request({ method: 'GET', url });
      expect(response.body, url).not.toMatch(/Sobirov|qurol/);
      expect(response.body, url).not.toContain(web.number);
    }
  });
});

describe('rate limit', () => {
  it('limits posts per key, answering 429 in the spec’s error format', async () => {
    const limited = await startTestSystem({
      rateLimits: { ...rateLimitsFor('off'), integration: { max: 2, timeWindow: 60_000 } },
    });
    try {
      const limitedAdmin = await limited.staff('limited-admin', 'admin', 'IIV');
      const issueThere = async () =>
        (
          await limitedAdmin.request({
            method: 'POST',
            url: '/api/v1/admin/integrations',
            payload: { name: 'Busy app', scopes: ['open311'] },
          })
        ).json<{ key: string }>().key;
      const busy = await issueThere();
      const calm = await issueThere();
      const send = (apiKey: string, format = 'json') =>
        limited.request({
          method: 'POST',
          url: `/open311/v2/requests.${format}`,
          ...form({ ...pothole, api_key: apiKey }),
        });
      expect((await send(busy)).statusCode).toBe(201);
      expect((await send(busy)).statusCode).toBe(201);
      const third = await send(busy);
      expect(third.statusCode).toBe(429);
      expect(third.json()).toEqual([{ code: 429, description: expect.any(String) }]);
      const thirdXml = await send(busy, 'xml');
      expect(thirdXml.statusCode).toBe(429);
      expect(thirdXml.body).toContain('<errors><error><code>429</code>');
      // Another integration's key has its own allowance.
      expect((await send(calm)).statusCode).toBe(201);
    } finally {
      await limited.stop();
    }
  });
});
