import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { assigneesSchema, attachmentListSchema } from '../../contracts/console.schema.ts';

let t: TestSystem;
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function fileWithPhoto(): Promise<string> {
  const boundary = 'xBOUNDARYx';
  const fields = {
    type: 'ariza',
    'applicant.kind': 'individual',
    'applicant.lastName': 'Karimov',
    'applicant.firstName': 'Aziz',
    'applicant.address': 'Toshkent, Yunusobod',
    text: 'Mashinamning raqami oʻgʻirlandi, surati ilova qilindi.',
    territory: '1726266',
    consent: 'on',
  };
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const payload = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="surat.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    png,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/appeals',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().number;
}

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
});

describe('the appeal card’s attachments', () => {
  it('lists files, shows a photo inline to a role that may see it, audits the opening, and hides it from others', async () => {
    const number = await fileWithPhoto();
    const clerk = await t.staff('clerk-files', 'clerk', 'IIV-1726266-APP');
    const files = attachmentListSchema.parse(
      (await clerk.request({ method: 'GET', url: `/api/v1/appeals/${number}/attachments` })).json(),
    );
    expect(files).toEqual([
      expect.objectContaining({ filename: 'surat.png', mime: 'image/png', preview: 'image' }),
    ]);
    const id = files[0]?.id ?? '';
    const opened = await clerk.request({ method: 'GET', url: `/api/v1/appeals/${number}/attachments/${id}` });
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-type']).toBe('image/png');
    expect(opened.headers['content-disposition']).toMatch(/^inline/);
    expect(opened.headers['content-security-policy']).toMatch(/sandbox/);
    // Written anew by the server: the same pixels, not necessarily the same bytes.
    const pixels = (image: Buffer) => sharp(image).raw().toBuffer();
    expect((await pixels(opened.rawPayload)).equals(await pixels(png))).toBe(true);
    const audit = await t.system.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', number)
      .where('action', '=', 'appeal.open_attachment')
      .execute();
    expect(audit).toHaveLength(1);

    const outsider = await t.staff('clerk-files-andijan', 'clerk', 'IIV-1703202-APP');
    expect(
      (await outsider.request({ method: 'GET', url: `/api/v1/appeals/${number}/attachments/${id}` }))
        .statusCode,
    ).toBe(404);
    const auditor = await t.staff('auditor-files', 'auditor', 'IIV', { scopeSubtree: true });
    expect(
      (await auditor.request({ method: 'GET', url: `/api/v1/appeals/${number}/attachments/${id}` }))
        .statusCode,
    ).toBe(403);
  });
});

describe('possible executors', () => {
  it('offers the staff of the units working the appeal', async () => {
    const number = await fileWithPhoto();
    const clerk = await t.staff('clerk-assign', 'clerk', 'IIV-1726266-APP');
    await t.staff('exec-assign', 'executor', 'IIV-1726266-INV');
    await t.staff('exec-assign-patrol', 'executor', 'IIV-1726266-PATROL');
    const head = await t.staff('head-assign', 'head', 'IIV-1726266-INV');
    await clerk.request({
      method: 'POST',
      url: `/api/v1/appeals/${number}/transitions`,
      payload: { action: 'route', units: ['IIV-1726266-INV'] },
    });
    const people = assigneesSchema.parse(
      (await head.request({ method: 'GET', url: `/api/v1/appeals/${number}/assignees` })).json(),
    );
    expect(people.map((p) => p.login).sort()).toEqual(['exec-assign', 'head-assign']);
  });
});
