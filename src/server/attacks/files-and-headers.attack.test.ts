import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { attachmentListSchema } from '../../contracts/console.schema.ts';
import { elfProgram, type FilePart, multipart, PortalSession, tinyPng } from '../../portal/testing.ts';
import { attachmentPath } from '../appeals/attachments.ts';

// Attacks through files (uploads that leave bytes behind, hostile PDFs, polyglots, pixel bombs, photos
// that give away where they were taken), through response headers (staff data kept by caches) and through
// answers that still hold a template's {{placeholders}}. Every attack goes through the real HTTP app.

let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
});

/** Every file under the data folder's attachments, half-written ones included. */
async function filesOnDisk(): Promise<string[]> {
  const root = path.join(t.system.ctx.config.dataDir, 'attachments');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const appealFields = {
  type: 'ariza',
  'applicant.kind': 'individual',
  'applicant.lastName': 'Karimov',
  'applicant.firstName': 'Aziz',
  'applicant.address': 'Toshkent, Yunusobod',
  text: 'Mashinamning raqami oʻgʻirlandi, suratlar ilova qilindi.',
  territory: '1726266',
  consent: 'on',
};

function file(filename: string, content: Buffer): FilePart {
  return { name: 'files', filename, type: 'application/octet-stream', content };
}

function postAppeal(fields: Record<string, string>, files: FilePart[]) {
  return t.request({ method: 'POST', url: '/api/v1/appeals', ...multipart(fields, files) });
}

/** A multipart body cut off inside its last file part, as a dropped connection leaves it. */
function truncated(fields: Record<string, string>, files: FilePart[]) {
  const body = multipart(fields, files);
  return { headers: body.headers, payload: body.payload.subarray(0, body.payload.length - 200) };
}

async function photo(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .toBuffer();
}

/** A PNG whose header claims 50,000 × 50,000 pixels (2.5 gigapixels) in a few hundred bytes. */
function pngBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(50_000, 0);
  header.writeUInt32BE(50_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = deflateSync(Buffer.alloc(50_001 * 3 * 4));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PDF that runs JavaScript as soon as a viewer opens it. */
const scriptedPdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>endobj\n' +
    '2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    '3 0 obj<</S/JavaScript/JS(app.alert\\("owned"\\))>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A file that is a PDF to a magic-byte check and a web page to a browser that sniffs. */
const htmlPdf = Buffer.from(
  '%PDF-1.4\n<html><body><script>fetch("/api/v1/auth/me")</script></body></html>\n%%EOF\n',
);

let staffCount = 0;
async function staffOf(role: 'clerk' | 'executor' | 'head', unit: string): Promise<StaffAgent> {
  staffCount += 1;
  return t.staff(`${role}-fh-${staffCount}`, role, unit);
}

async function filed(files: FilePart[]): Promise<string> {
  const response = await postAppeal(appealFields, files);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ number: string }>().number;
}

describe('files of refused uploads', () => {
  it('are removed from disk on every path the intake API refuses: schema, territory, count, size, type, truncation and a database error', async () => {
    const before = await filesOnDisk();
    const good = [file('a.png', tinyPng), file('b.png', tinyPng)];
    const { text: _text, ...withoutText } = appealFields;
    const attempts: [string, () => ReturnType<typeof postAppeal>, number][] = [
      ['schema', () => postAppeal(withoutText, good), 400],
      ['territory', () => postAppeal({ ...appealFields, territory: '1799999' }, good), 400],
      [
        'count',
        () =>
          postAppeal(
            appealFields,
            [1, 2, 3, 4, 5, 6].map((i) => file(`${i}.png`, tinyPng)),
          ),
        400,
      ],
      [
        'size',
        () =>
          postAppeal(appealFields, [
            ...good,
            file('big.png', Buffer.concat([tinyPng, Buffer.alloc(11 << 20)])),
          ]),
        413,
      ],
      ['type', () => postAppeal(appealFields, [...good, file('x.png', elfProgram)]), 415],
      [
        'truncated',
        () =>
          t.request({
            method: 'POST',
            url: '/api/v1/appeals',
            ...truncated(appealFields, [
              ...good,
              file('c.png', Buffer.concat([tinyPng, Buffer.alloc(4096)])),
            ]),
          }),
        400,
      ],
    ];
    for (const [name, attempt, status] of attempts) {
      const response = await attempt();
      expect(response.statusCode, `${name}: ${response.body}`).toBe(status);
      expect(await filesOnDisk(), name).toEqual(before);
    }

    // Only the schema's owner may add a trigger; requests run as a role that cannot.
    await sql`create function refuse_attachment() returns trigger language plpgsql as $$
      begin raise exception 'disk of the database is full'; end $$`.execute(t.ownerDb);
    await sql`create trigger refuse_attachment before insert on attachments
      for each row execute function refuse_attachment()`.execute(t.ownerDb);
    try {
      const response = await postAppeal(appealFields, good);
      expect(response.statusCode).toBeGreaterThanOrEqual(500);
      expect(await filesOnDisk(), 'database error').toEqual(before);
    } finally {
      await sql`drop trigger refuse_attachment on attachments`.execute(t.ownerDb);
      await sql`drop function refuse_attachment()`.execute(t.ownerDb);
    }
  });

  it('are removed from disk when the portal form or the answer files upload is refused', async () => {
    const before = await filesOnDisk();
    const session = new PortalSession(t);
    const csrf = await session.csrf('/uz/appeal');
    const good = [file('a.png', tinyPng), file('b.png', tinyPng)];
    const portal = await session.request({
      method: 'POST',
      url: '/uz/appeal',
      ...truncated({ _csrf: csrf, ...appealFields }, [...good, file('c.png', Buffer.alloc(4096))]),
    });
    expect(portal.statusCode).toBeLessThan(500);
    expect(await filesOnDisk(), 'portal, truncated').toEqual(before);
    const { text: _text, ...withoutText } = appealFields;
    const invalid = await session.request({
      method: 'POST',
      url: '/uz/appeal',
      ...multipart({ _csrf: csrf, ...withoutText }, good),
    });
    expect(invalid.statusCode).toBe(400);
    expect(await filesOnDisk(), 'portal, schema').toEqual(before);

    const number = await filed([]);
    const clerk = await staffOf('clerk', 'IIV-1726266-APP');
    const executor = await staffOf('executor', 'IIV-1726266-INV');
    const act = (agent: StaffAgent, payload: Record<string, unknown>) =>
      agent.request({ method: 'POST', url: `/api/v1/appeals/${number}/transitions`, payload });
    await act(clerk, { action: 'route', units: ['IIV-1726266-INV'] });
    await act(executor, { action: 'accept' });
    const answerFiles = (body: { headers: Record<string, string>; payload: Buffer }) =>
      executor.request({ method: 'POST', url: `/api/v1/appeals/${number}/answer-files`, ...body });
    // No draft yet, then a cut-off upload, then a sixth file.
    expect((await answerFiles(multipart({}, good))).statusCode).toBe(409);
    expect(await filesOnDisk(), 'answer files, no draft').toEqual(before);
    await act(executor, {
      action: 'draft_answer',
      outcome: 'explained',
      body: 'Tushuntirish berildi, rahmat.',
    });
    expect((await answerFiles(truncated({}, [...good, file('c.png', Buffer.alloc(4096))]))).statusCode).toBe(
      400,
    );
    expect(await filesOnDisk(), 'answer files, truncated').toEqual(before);
    const six = [1, 2, 3, 4, 5, 6].map((i) => file(`${i}.png`, tinyPng));
    expect((await answerFiles(multipart({}, six))).statusCode).toBe(400);
    expect(await filesOnDisk(), 'answer files, count').toEqual(before);
  });

  it('are removed from disk when the client hangs up in the middle of an upload', async () => {
    const before = await filesOnDisk();
    const base = new URL(await t.listen());
    const body = truncated(appealFields, [file('a.png', tinyPng), file('b.png', Buffer.alloc(1 << 20))]);
    const socket = net.connect(Number(base.port), base.hostname);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /api/v1/appeals HTTP/1.1\r\nHost: ${base.host}\r\n` +
        `Content-Type: ${body.headers['content-type']}\r\nContent-Length: ${body.payload.length + 10_000}\r\n\r\n`,
    );
    socket.write(body.payload);
    // The first file is stored by now; the client goes away before the rest arrives.
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.destroy();
    let left = await filesOnDisk();
    for (let i = 0; i < 50 && left.length !== before.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      left = await filesOnDisk();
    }
    expect(left).toEqual(before);
  });
});

describe('hostile files', () => {
  async function openFile(number: string, filename: string) {
    const clerk = await staffOf('clerk', 'IIV-1726266-APP');
    const list = await clerk.request({ method: 'GET', url: `/api/v1/appeals/${number}/attachments` });
    const entry = attachmentListSchema.parse(list.json()).find((f) => f.filename === filename);
    if (!entry) throw new Error(`no ${filename} on ${number}`);
    const response = await clerk.request({
      method: 'GET',
      url: `/api/v1/appeals/${number}/attachments/${entry.id}`,
    });
    return { entry, response };
  }

  it('serves a PDF with a JavaScript OpenAction and a PDF/HTML polyglot only as a sandboxed download, never inline', async () => {
    const number = await filed([file('spravka.pdf', scriptedPdf), file('page.pdf', htmlPdf)]);
    for (const name of ['spravka.pdf', 'page.pdf']) {
      const { entry, response } = await openFile(number, name);
      expect(entry.preview, name).toBe('none');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition'], name).toMatch(/^attachment;/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(String(response.headers['content-security-policy'])).toMatch(/\bsandbox\b/);
    }
  });

  it('re-encodes images so that HTML appended to a JPEG and the GPS position in its EXIF are gone', async () => {
    const polyglot = Buffer.concat([
      await photo(),
      Buffer.from('<html><script>alert(document.cookie)</script>'),
    ]);
    const located = await sharp(await photo(120, 90))
      .withExif({
        IFD0: { Make: 'Telefon', Model: 'X' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '41/1 18/1 3000/100', GPSLongitudeRef: 'E' },
      })
      .jpeg()
      .toBuffer();
    expect((await sharp(located).metadata()).exif).toBeDefined();
    const number = await filed([file('car.jpg', polyglot), file('street.jpg', located)]);

    const { entry, response } = await openFile(number, 'car.jpg');
    expect(entry.preview).toBe('image');
    expect(response.rawPayload.includes('<script')).toBe(false);
    expect(response.headers['content-type']).toBe('image/jpeg');

    const street = await openFile(number, 'street.jpg');
    const metadata = await sharp(street.response.rawPayload).metadata();
    expect(metadata.exif).toBeUndefined();
    expect([metadata.width, metadata.height]).toEqual([120, 90]);
    // What is kept on disk is the re-encoded image, and its recorded size and hash are those of it.
    const row = await t.system.ctx.db
      .selectFrom('attachments')
      .select(['size', 'sha256'])
      .where('id', '=', street.entry.id)
      .executeTakeFirstOrThrow();
    const stored = await readFile(attachmentPath(t.system.ctx.config.dataDir, street.entry.id));
    expect(stored.equals(street.response.rawPayload)).toBe(true);
    expect(row).toEqual({ size: stored.length, sha256: createHash('sha256').update(stored).digest('hex') });
  });

  it('refuses a 50,000 × 50,000 PNG bomb with ATTACHMENT_IMAGE_TOO_LARGE and keeps nothing of it', async () => {
    const before = await filesOnDisk();
    const response = await postAppeal(appealFields, [file('a.png', tinyPng), file('bomb.png', pngBomb())]);
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('ATTACHMENT_IMAGE_TOO_LARGE');
    expect(await filesOnDisk()).toEqual(before);
  });
});

describe('response headers', () => {
  it('tell caches to keep no staff JSON (the applicant’s data above all) nor a tracked appeal, and deny powerful browser features', async () => {
    const registered = await t.fileAppeal();
    const clerk = await staffOf('clerk', 'IIV-1726266-APP');
    const staffUrls = [
      `/api/v1/appeals/${registered.number}/applicant`,
      `/api/v1/appeals/${registered.number}`,
      `/api/v1/appeals/${registered.number}/attachments`,
      '/api/v1/appeals',
      '/api/v1/auth/me',
    ];
    for (const url of staffUrls) {
      const response = await clerk.request({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toMatch(/\bno-store\b/);
    }
    const tracked = await t.request({
      method: 'POST',
      url: '/api/v1/appeals/track',
      payload: registered,
    });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.headers['cache-control']).toMatch(/\bno-store\b/);

    // Only the portal's form may ask for the position ("use my location").
    for (const [url, geolocation] of [
      ['/uz/appeal', 'geolocation=(self)'],
      ['/api/v1/auth/me', 'geolocation=()'],
      ['/console/', 'geolocation=()'],
    ]) {
      const policy = String((await t.request({ method: 'GET', url })).headers['permissions-policy']);
      for (const feature of ['camera=()', 'microphone=()', 'payment=()', 'usb=()', geolocation])
        expect(policy, url).toContain(feature);
      // Passkeys are for the staff console's own pages only.
      expect(policy, url).toContain(
        url === '/console/' ? 'publickey-credentials-get=(self)' : 'publickey-credentials-get=()',
      );
    }
  });
});

describe('answers with unfilled placeholders', () => {
  async function drafted() {
    const number = await filed([]);
    const clerk = await staffOf('clerk', 'IIV-1726266-APP');
    const executor = await staffOf('executor', 'IIV-1726266-INV');
    const head = await staffOf('head', 'IIV-1726266-INV');
    const act = (agent: StaffAgent, payload: Record<string, unknown>, language = 'uz') =>
      agent.request({
        method: 'POST',
        url: `/api/v1/appeals/${number}/transitions`,
        headers: { 'accept-language': language },
        payload,
      });
    await act(clerk, { action: 'route', units: ['IIV-1726266-INV'] });
    await act(executor, { action: 'accept' });
    return { number, executor, head, act };
  }

  it('refuses a draft answer that still holds a {{placeholder}}, naming it, in every language', async () => {
    const { executor, act } = await drafted();
    const body = 'Hurmatli {{applicantName}}! Murojaatingiz {{ number }} koʻrib chiqildi.';
    const messages = new Set<string>();
    for (const language of ['uz', 'uz-Cyrl', 'ru', 'en']) {
      const response = await act(executor, { action: 'draft_answer', outcome: 'explained', body }, language);
      expect(response.statusCode, response.body).toBe(422);
      const { error } = response.json();
      expect(error.code).toBe('ANSWER_HAS_PLACEHOLDERS');
      expect(error.details).toEqual({ placeholders: ['{{applicantName}}', '{{ number }}'] });
      messages.add(error.message);
    }
    expect(messages.size).toBe(4);
  });

  it('refuses to approve an old draft that still holds a placeholder, so the citizen never sees it', async () => {
    const { number, executor, head, act } = await drafted();
    const drafted_ = await act(executor, {
      action: 'draft_answer',
      outcome: 'explained',
      body: 'Murojaatingiz koʻrib chiqildi, tushuntirish berildi.',
    });
    expect(drafted_.statusCode, drafted_.body).toBe(200);
    // A draft written before the rule existed.
    await t.system.ctx.db
      .updateTable('answers')
      .set({ body: 'Hurmatli {{applicantName}}! Murojaatingiz koʻrib chiqildi.' })
      .where('appeal_id', '=', (eb) => eb.selectFrom('appeals').select('id').where('number', '=', number))
      .execute();
    const approval = await act(head, { action: 'approve_answer' });
    expect(approval.statusCode, approval.body).toBe(422);
    expect(approval.json().error).toMatchObject({
      code: 'ANSWER_HAS_PLACEHOLDERS',
      details: { placeholders: ['{{applicantName}}'] },
    });
    const card = await head.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
    expect(card.json().status).toBe('answer_drafted');
  });
});
