import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerThroughApi, staffOf } from '../app/testing/answer-appeal.ts';
import { defaultAppeal, startTestSystem, type TestSystem } from '../app/testing/test-system.ts';
import { citizenLanguages } from '../contracts/enums.ts';
import { rateLimitsFor } from '../server/http/rate-limits.ts';
import { letterCode } from '../server/templates/letter-verification.ts';
import { appealFieldNames, formOnlyFieldNames } from './form-input.ts';
import { elfProgram, inputValue, multipart, PortalSession, tinyPng } from './testing.ts';

let t: TestSystem;
let staff: ReturnType<typeof staffOf> | undefined;
/** The staff who answer appeals in these tests, created once per file. */
const yunusobodStaff = () => {
  staff ??= staffOf(t);
  return staff;
};

const individual = {
  type: 'ariza',
  'applicant.kind': 'individual',
  'applicant.lastName': 'Karimov',
  'applicant.firstName': 'Aziz',
  'applicant.address': 'Toshkent sh., Yunusobod tumani, 5-kvartal',
  'applicant.phone': '90 123 45 67',
  territory: '1726266',
  text: 'Kecha kechqurun Yunusobod tumanida telefonimni oʻgʻirlab ketishdi, yordam bering.',
  consent: 'true',
};

async function fileAppeal(session: PortalSession, lang = 'uz', fields: Record<string, string> = individual) {
  const csrf = await session.csrf(`/${lang}/appeal`);
  return session.request({
    method: 'POST',
    url: `/${lang}/appeal`,
    ...multipart({ _csrf: csrf, ...fields }),
  });
}

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => {
  await t?.stop();
});

describe('languages', () => {
  it('sends / to the language the browser asks for, Uzbek Latin by default', async () => {
    const go = (header?: string) =>
      t.request({ method: 'GET', url: '/', headers: header ? { 'accept-language': header } : {} });
    expect((await go('ru-RU,ru;q=0.9,en;q=0.5')).headers.location).toBe('/ru/');
    expect((await go('uz-Cyrl-UZ,uz;q=0.9')).headers.location).toBe('/oz/');
    expect((await go('en-GB')).headers.location).toBe('/en/');
    expect((await go('kaa')).headers.location).toBe('/kaa/');
    expect((await go('kaa-Latn-UZ,ru;q=0.8')).headers.location).toBe('/kaa/');
    expect((await go('de-DE')).headers.location).toBe('/uz/');
    expect((await go()).headers.location).toBe('/uz/');
  });

  it('draws every page in all five languages, with the switcher keeping the page', async () => {
    for (const lang of citizenLanguages) {
      for (const page of ['/', '/appeal', '/track']) {
        const response = await t.request({ method: 'GET', url: `/${lang}${page}` });
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toMatch(/text\/html/);
        const htmlLang = { uz: 'uz-Latn', oz: 'uz-Cyrl', ru: 'ru', en: 'en', kaa: 'kaa' }[lang];
        expect(response.body).toContain(`<html lang="${htmlLang}">`);
        for (const other of citizenLanguages) expect(response.body).toContain(`href="/${other}${page}"`);
      }
    }
  });

  it('answers a Karakalpak question without JavaScript in Karakalpak words, marking the Uzbek article as such', async () => {
    const session = new PortalSession(t);
    const csrf = await session.csrf('/kaa/ask');
    const answered = await session.request({
      method: 'POST',
      url: '/kaa/ask',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, question: 'Murájatıma qashan juwap beredi?' }).toString(),
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toContain('<html lang="kaa">');
    expect(answered.body).toContain('Bul juwap paydalı boldı ma?');
    expect(answered.body).toMatch(/<p class="pre" lang="uz-Latn">Ariza va shikoyat/);
  });

  it('answers an unknown page of a language with a 404 page in that language', async () => {
    const response = await t.request({ method: 'GET', url: '/ru/no-such-page' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('Страница не найдена');
  });
});

describe('the new-appeal form', () => {
  it('names its fields exactly like the API’s JSON paths', async () => {
    const page = (await t.request({ method: 'GET', url: '/en/appeal' })).body;
    const names = new Set(
      [...page.matchAll(/<(?:input|select|textarea)[^>]*\sname="([^"]+)"/g)].map((m) => m[1]),
    );
    const allowed = new Set<string>([...appealFieldNames, ...formOnlyFieldNames, 'files']);
    expect([...names].filter((n) => n !== undefined && !allowed.has(n))).toEqual([]);
    for (const name of ['type', 'applicant.kind', 'applicant.lastName', 'text', 'territory', 'consent'])
      expect(names).toContain(name);
  });

  it('uses no inline script or style, so the strict CSP holds', async () => {
    const response = await t.request({ method: 'GET', url: '/uz/appeal' });
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(response.body).not.toMatch(/\sstyle=/);
    expect(response.body).not.toMatch(/\son[a-z]+=/);
  });

  it('registers an appeal and shows the number and code on the confirmation page', async () => {
    const session = new PortalSession(t);
    const posted = await fileAppeal(session);
    expect(posted.statusCode, posted.body.slice(0, 500)).toBe(303);
    expect(posted.headers.location).toMatch(/^\/uz\/appeal\/sent\/IIV-\d{4}-\d{7}$/);
    const sent = await session.request({ method: 'GET', url: String(posted.headers.location) });
    expect(sent.statusCode).toBe(200);
    const code = /id="access-code">([0-9A-Z]{8})</.exec(sent.body)?.[1];
    expect(code).toBeDefined();
    const number = String(posted.headers.location).split('/').at(-1) ?? '';
    const tracked = await t.request({
      method: 'POST',
      url: '/api/v1/appeals/track',
      payload: { number, accessCode: code },
    });
    expect(tracked.statusCode).toBe(200);
  });

  it('files an appeal from the Karakalpak form without JavaScript, in Karakalpak and recorded as such', async () => {
    const session = new PortalSession(t);
    const form = (await session.request({ method: 'GET', url: '/kaa/appeal' })).body;
    expect(form).toContain('<html lang="kaa">');
    expect(form).toContain('Murájattı jiberiw');
    // What a browser without scripts sends: the fields typed, and the answer language the form preselected.
    const answerLanguage = /<select[^>]*name="answerLanguage"[\s\S]*?<option value="([a-z]+)" selected>/.exec(
      form,
    )?.[1];
    expect(answerLanguage).toBe('kaa');
    const posted = await session.request({
      method: 'POST',
      url: '/kaa/appeal',
      ...multipart({
        _csrf: inputValue(form, '_csrf') ?? '',
        ...individual,
        text: 'Keshe keshte Nókis qalasında telefonımdı urlap ketti, járdem beriń.',
        answerLanguage: answerLanguage ?? '',
      }),
    });
    expect(posted.statusCode, posted.body.slice(0, 500)).toBe(303);
    expect(posted.headers.location).toMatch(/^\/kaa\/appeal\/sent\/IIV-\d{4}-\d{7}$/);
    const sent = await session.request({ method: 'GET', url: String(posted.headers.location) });
    expect(sent.body).toContain('Murájatıńız qabıl etildi');
    const number = String(posted.headers.location).split('/').at(-1) ?? '';
    const row = await t.system.ctx.db
      .selectFrom('appeals')
      .select('answer_language')
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(row.answer_language).toBe('kaa');
  });

  it('refuses a post without the CSRF token and keeps what was typed', async () => {
    const session = new PortalSession(t);
    await session.request({ method: 'GET', url: '/uz/appeal' });
    const posted = await session.request({ method: 'POST', url: '/uz/appeal', ...multipart(individual) });
    expect(posted.statusCode).toBe(403);
    expect(posted.body).toContain('Xavfsizlik kaliti eskirgan');
    expect(posted.body).toContain('telefonimni oʻgʻirlab ketishdi');
    expect(inputValue(posted.body, 'applicant.lastName')).toBe('Karimov');
  });

  it('refuses a token minted for another browser', async () => {
    const other = new PortalSession(t);
    const stolen = await other.csrf('/uz/appeal');
    const session = new PortalSession(t);
    await session.request({ method: 'GET', url: '/uz/appeal' });
    const posted = await session.request({
      method: 'POST',
      url: '/uz/appeal',
      ...multipart({ _csrf: stolen, ...individual }),
    });
    expect(posted.statusCode).toBe(403);
  });

  it('does not register a post that filled the honeypot', async () => {
    const session = new PortalSession(t);
    const posted = await fileAppeal(session, 'en', { ...individual, homepage: 'http://spam.example' });
    expect(posted.statusCode).toBe(400);
    expect(posted.body).toContain('Clear the field');
  });

  it('comes back with an error summary linking to each field and the message next to it', async () => {
    const session = new PortalSession(t);
    const posted = await fileAppeal(session, 'ru', {
      type: 'ariza',
      'applicant.kind': 'individual',
      'applicant.phone': '123',
      text: 'Очень длинный текст обращения, который нельзя потерять.',
    });
    expect(posted.statusCode).toBe(400);
    const page = posted.body;
    expect(page).toContain('<title>Ошибка: Подать обращение');
    for (const id of [
      'f-applicant-lastName',
      'f-applicant-firstName',
      'f-applicant-address',
      'f-applicant-phone',
      'f-consent',
    ]) {
      expect(page).toContain(`href="#${id}"`);
      expect(page).toContain(`id="${id}-error"`);
    }
    expect(page).toContain('Введите номер телефона');
    expect(page).toContain('Очень длинный текст обращения, который нельзя потерять.</textarea>');
    expect(inputValue(page, 'applicant.phone')).toBe('123');
  });

  it('judges attachments by content and keeps the text when it refuses one', async () => {
    const session = new PortalSession(t);
    const csrf = await session.csrf('/uz/appeal');
    const refused = await session.request({
      method: 'POST',
      url: '/uz/appeal',
      ...multipart({ _csrf: csrf, ...individual }, [
        { name: 'files', filename: 'photo.png', type: 'image/png', content: elfProgram },
      ]),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="f-files-error"');
    expect(refused.body).toContain('telefonimni oʻgʻirlab ketishdi');
    const attachments = path.join(t.system.ctx.config.dataDir, 'attachments');
    const stored = await readdir(attachments, { recursive: true }).catch(() => []);
    expect(stored.filter((f) => !f.includes(path.sep) && f.length > 2)).toEqual([]);

    const accepted = await session.request({
      method: 'POST',
      url: '/uz/appeal',
      ...multipart({ _csrf: csrf, ...individual }, [
        { name: 'files', filename: 'photo.png', type: 'image/png', content: tinyPng },
      ]),
    });
    expect(accepted.statusCode).toBe(303);
    const number = String(accepted.headers.location).split('/').at(-1) ?? '';
    const rows = await t.system.ctx.db
      .selectFrom('attachments')
      .innerJoin('appeals', 'appeals.id', 'attachments.appeal_id')
      .select(['attachments.mime', 'attachments.filename'])
      .where('appeals.number', '=', number)
      .execute();
    expect(rows).toEqual([{ mime: 'image/png', filename: 'photo.png' }]);
  });

  it('refuses a file over the size limit and a sixth file with a message at the files, keeping the text', async () => {
    const session = new PortalSession(t);
    const png = (name: string, content = tinyPng) => ({
      name: 'files',
      filename: name,
      type: 'image/png',
      content,
    });
    const big = Buffer.concat([tinyPng, Buffer.alloc(10 * 1024 * 1024 + 1)]);
    for (const [files, message] of [
      [[png('big.png', big)], 'hajmi juda katta'],
      [[1, 2, 3, 4, 5, 6].map((i) => png(`p${i}.png`)), 'fayllar soni juda koʻp'],
    ] as const) {
      const csrf = await session.csrf('/uz/appeal');
      const posted = await session.request({
        method: 'POST',
        url: '/uz/appeal',
        ...multipart({ _csrf: csrf, ...individual }, [...files]),
      });
      expect(posted.statusCode).toBe(400);
      expect(posted.body).toContain('id="f-files-error"');
      expect(posted.body).toContain(message);
      expect(posted.body).toContain('telefonimni oʻgʻirlab ketishdi');
    }
  });

  it('files a complaint linked to the original appeal only for a browser that knows its code', async () => {
    const session = new PortalSession(t);
    const posted = await fileAppeal(session);
    const number = String(posted.headers.location).split('/').at(-1) ?? '';
    const form = await session.request({ method: 'GET', url: `/uz/appeal?complaint=${number}` });
    expect(form.statusCode).toBe(200);
    expect(inputValue(form.body, 'relatedTo.number')).toBe(number);
    expect(inputValue(form.body, 'relatedTo.kind')).toBe('complaint');

    const stranger = new PortalSession(t);
    const refused = await stranger.request({ method: 'GET', url: `/uz/appeal?complaint=${number}` });
    expect(refused.statusCode).toBe(303);
    expect(refused.headers.location).toBe(`/uz/track?number=${number}&again=1`);
  });
});

describe('where it happened', () => {
  it('asks for a place in words, keeps coordinates hidden for the phone to fill, and shows both on the card', async () => {
    const page = (await t.request({ method: 'GET', url: '/uz/appeal' })).body;
    expect(page).toContain('name="location.place"');
    expect(page).toMatch(/<input type="hidden" name="location.lat"/);
    expect(page).not.toContain('Kenglik</label>');

    const session = new PortalSession(t);
    const posted = await fileAppeal(session, 'uz', {
      ...individual,
      'location.place': 'Chilonzor 9-kvartal, 12-uy oldidagi bekat',
      'location.lat': '41.2995',
      'location.lon': '69.2401',
    });
    expect(posted.statusCode).toBe(303);
    const number = String(posted.headers.location).split('/').at(-1) ?? '';
    const clerk = await t.staff('place-clerk', 'clerk', 'IIV-1726266-APP');
    const card = await clerk.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
    expect(card.json().location).toEqual({
      place: 'Chilonzor 9-kvartal, 12-uy oldidagi bekat',
      lat: 41.2995,
      lon: 69.2401,
    });

    const half = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: { 'accept-language': 'en' },
      payload: { ...defaultAppeal, location: { lat: 41.3 } },
    });
    expect(half.statusCode).toBe(400);
    expect(JSON.stringify(half.json())).toContain('latitude and longitude together');
  });
});

describe('a complaint about an answer', () => {
  async function filedWithCode(session: PortalSession) {
    const posted = await fileAppeal(session);
    const number = String(posted.headers.location).split('/').at(-1) ?? '';
    const sent = await session.request({ method: 'GET', url: String(posted.headers.location) });
    const accessCode = /id="access-code">([0-9A-Z]{8})</.exec(sent.body)?.[1] ?? '';
    return { number, accessCode };
  }
  const complaintFields = (number: string, accessCode: string) => ({
    type: 'shikoyat',
    'relatedTo.number': number,
    'relatedTo.accessCode': accessCode,
    'relatedTo.kind': 'complaint',
    'applicant.from': 'original',
    text: 'Javob mening savolimga toʻliq javob bermadi, qayta koʻrib chiqishingizni soʻrayman.',
    consent: 'true',
  });
  async function applicantOf(number: string) {
    const row = await t.ownerDb
      .selectFrom('appeals')
      .select(['applicant_enc', 'parent_id', 'link_kind'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    return {
      applicant: row.applicant_enc ? t.system.ctx.protector.open(row.applicant_enc, number) : null,
      related: row.link_kind === 'complaint' ? row.parent_id : null,
    };
  }

  it('continues as the original applicant: name shown, no personal fields to type again', async () => {
    const session = new PortalSession(t);
    const { number, accessCode } = await filedWithCode(session);
    const form = await session.request({
      method: 'GET',
      url: `/ru/appeal?complaint=${number.toLowerCase()}`,
    });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Заявитель: Karimov Aziz');
    expect(form.body).not.toContain('ещё раз');
    expect(form.body).not.toContain('name="applicant.lastName"');
    expect(form.body).not.toContain('Yunusobod tumani, 5-kvartal');
    expect(inputValue(form.body, 'applicant.from')).toBe('original');

    const csrf = await session.csrf(`/ru/appeal?complaint=${number}`);
    const posted = await session.request({
      method: 'POST',
      url: '/ru/appeal',
      // A forged name in the form is ignored: the applicant is read from the original appeal.
      ...multipart({ _csrf: csrf, ...complaintFields(number, accessCode), 'applicant.lastName': 'Boshqa' }),
    });
    expect(posted.statusCode, /error-summary[\s\S]{0,600}/.exec(posted.body)?.[0]).toBe(303);
    const complaint = String(posted.headers.location).split('/').at(-1) ?? '';
    const original = await applicantOf(number);
    const filed = await applicantOf(complaint);
    expect(filed.applicant).toEqual(original.applicant);
    expect(filed.related).not.toBeNull();
  });

  it('offers the whole form for other details, and refuses the original applicant without the right code', async () => {
    const session = new PortalSession(t);
    const { number, accessCode } = await filedWithCode(session);
    const other = await session.request({ method: 'GET', url: `/uz/appeal?complaint=${number}&details=new` });
    expect(other.body).toContain('name="applicant.lastName"');
    expect(other.body).not.toContain('name="applicant.from"');

    const csrf = await session.csrf(`/uz/appeal?complaint=${number}`);
    const wrong = accessCode.startsWith('A') ? 'BBBBBBBB' : 'AAAAAAAA';
    const refused = await session.request({
      method: 'POST',
      url: '/uz/appeal',
      ...multipart({ _csrf: csrf, ...complaintFields(number, wrong) }),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).not.toContain('Karimov');
  });
});

describe('tracking', () => {
  it('shows the status page only to a browser that entered the right code', async () => {
    const filer = new PortalSession(t);
    const posted = await fileAppeal(filer);
    const number = String(posted.headers.location).split('/').at(-1) ?? '';
    const sent = await filer.request({ method: 'GET', url: String(posted.headers.location) });
    const code = /id="access-code">([0-9A-Z]{8})</.exec(sent.body)?.[1] ?? '';

    const visitor = new PortalSession(t);
    const blocked = await visitor.request({ method: 'GET', url: `/uz/track/${number}` });
    expect(blocked.statusCode).toBe(303);
    const wrong = await visitor.request({
      method: 'POST',
      url: '/uz/track',
      payload: { number, accessCode: 'AAAAAAAA' },
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.body).toContain('Bunday raqam va kodli murojaat topilmadi');
    const right = await visitor.request({
      method: 'POST',
      url: '/uz/track',
      payload: { number: number.toLowerCase(), accessCode: `${code.slice(0, 4)}-${code.slice(4)}` },
    });
    expect(right.statusCode).toBe(303);
    const status = await visitor.request({ method: 'GET', url: `/uz/track/${number}` });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Qabul qilindi va roʻyxatga olindi');

    const receipt = await visitor.request({ method: 'GET', url: `/uz/track/${number}/receipt.pdf` });
    expect(receipt.headers['content-type']).toBe('application/pdf');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(receipt.rawPayload.toString('latin1')).toContain(number);

    await visitor.request({ method: 'POST', url: '/uz/forget', payload: {} });
    expect((await visitor.request({ method: 'GET', url: `/uz/track/${number}` })).statusCode).toBe(303);
  });
});

describe('tracking numbers as people type them', () => {
  it('finds the appeal from a lower-case, spaced, short or Cyrillic number', async () => {
    const { number, accessCode } = await t.fileAppeal();
    const [, year, seq] = number.split('-');
    const short = `${year}-${Number(seq)}`;
    for (const typed of [number.toLowerCase(), `iiv ${year} ${Number(seq)}`, short, `ИИВ-${short}`]) {
      const visitor = new PortalSession(t);
      const found = await visitor.request({
        method: 'POST',
        url: '/uz/track',
        payload: { number: typed, accessCode: accessCode.toLowerCase() },
      });
      expect(found.statusCode, typed).toBe(303);
      expect(found.headers.location).toBe(`/uz/track/${number}`);
    }
  });

  it('names the expected form when the number cannot be one', async () => {
    for (const [lang, words] of [
      ['uz', 'IIV-2026-0001234 koʻrinishida'],
      ['oz', 'IIV-2026-0001234 кўринишида'],
      ['ru', 'в виде IIV-2026-0001234'],
      ['en', 'as IIV-2026-0001234'],
    ] as const) {
      const response = await t.request({
        method: 'POST',
        url: `/${lang}/track`,
        payload: { number: 'IIV-20X6-12', accessCode: 'ABCDEFGH' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(words);
    }
  });
});

describe('the status page', () => {
  it('says when it last changed, and sums up a rating sent without a choice at the top', async () => {
    const staff = await yunusobodStaff();
    const visitor = new PortalSession(t);
    const { number, accessCode } = await t.fileAppeal();
    await visitor.request({ method: 'POST', url: '/oz/track', payload: { number, accessCode } });
    await answerThroughApi(staff, number, 'Telefoningiz topildi, boʻlimga kelib olib keting.');
    const page = await visitor.request({ method: 'GET', url: `/oz/track/${number}` });
    expect(page.body).toContain('Охирги ўзгариш');
    expect(page.body).toContain(`<span class="whole">${number}</span>-сонли мурожаат`);

    const csrf = inputValue(page.body, '_csrf') ?? '';
    const rated = await visitor.request({
      method: 'POST',
      url: `/oz/track/${number}/rate`,
      payload: { _csrf: csrf, comment: '' },
    });
    expect(rated.statusCode).toBe(400);
    const summary = rated.body.indexOf('class="error-summary"');
    expect(summary).toBeGreaterThan(0);
    expect(summary).toBeLessThan(rated.body.indexOf('<dl class="summary">'));
    expect(rated.body.slice(summary, summary + 400)).toContain('autofocus');
    // A rating is chosen, not typed: the message says so rather than "fill in this field".
    expect(rated.body.slice(summary, summary + 400)).toContain('Баҳони танланг.');
  });
});

describe('the answer letter', () => {
  /** A string of the PDF's document information: an object pdfkit writes as (ASCII) or <FEFF…> (UTF-16). */
  function pdfInfo(pdf: Buffer, key: string): string {
    const raw = pdf.toString('latin1');
    const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(raw)?.[1];
    const object = ref ? new RegExp(`\\n${ref} 0 obj\\n([^\\n]*)\\nendobj`).exec(raw)?.[1] : undefined;
    const hex = object?.match(/^<FEFF([0-9A-Fa-f]*)>$/)?.[1];
    if (hex !== undefined) return Buffer.from(hex, 'hex').swap16().toString('utf16le');
    const literal = object?.match(/^\((.*)\)$/)?.[1] ?? '';
    return literal.startsWith('\u00fe\u00ff')
      ? Buffer.from(literal.slice(2), 'latin1').swap16().toString('utf16le')
      : literal;
  }

  it('gives the citizen the formal letter, checkable on /verify by its number and code', async () => {
    const staff = await yunusobodStaff();
    const visitor = new PortalSession(t);
    const { number, accessCode } = await t.fileAppeal();
    await visitor.request({ method: 'POST', url: '/uz/track', payload: { number, accessCode } });
    await answerThroughApi(staff, number, 'Telefoningiz topildi, boʻlimga kelib olib keting.');

    const pdf = await visitor.request({ method: 'GET', url: `/uz/track/${number}/answer.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    // The letterhead's author is the answering body, as on the letter staff print.
    const ref = t.system.ctx.reference();
    const unit = ref.units.byCode('IIV-1726266-INV');
    expect(unit).toBeDefined();
    const body = unit ? ref.units.bodyOf(unit).names.uz : '';
    expect(pdfInfo(pdf.rawPayload, 'Author')).toBe(body);
    expect(pdfInfo(pdf.rawPayload, 'Title')).toContain(number);

    const answer = await t.ownerDb
      .selectFrom('answers')
      .innerJoin('appeals', 'appeals.id', 'answers.appeal_id')
      .select('answers.id')
      .where('appeals.number', '=', number)
      .where('answers.status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const code = letterCode(t.system.ctx.protector, number, answer.id);

    const anyone = new PortalSession(t);
    const checked = await anyone.request({
      method: 'POST',
      url: '/ru/verify',
      payload: { number: number.toLowerCase(), code: code.toLowerCase().replace('-', ' ') },
    });
    expect(checked.statusCode).toBe(200);
    expect(checked.body).toContain('Письмо подлинное');
    expect(checked.body).toContain(ref.units.bodyOf(unit ?? ref.units.ministry).names.ru);
    expect(checked.body).not.toContain('Karimov');

    const scanned = await anyone.request({ method: 'GET', url: `/en/verify?number=${number}&code=${code}` });
    expect(scanned.body).toContain('The letter is genuine');

    const other = await t.fileAppeal();
    for (const [tried, tryCode] of [
      [other.number, code],
      [number, code.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))],
    ] as const) {
      const refused = await anyone.request({
        method: 'POST',
        url: '/uz/verify',
        payload: { number: tried, code: tryCode },
      });
      expect(refused.statusCode).toBe(404);
      expect(refused.body).toContain('Bunday raqam va kodli xat topilmadi');
    }
    const malformed = await anyone.request({
      method: 'POST',
      url: '/uz/verify',
      payload: { number, code: 'abc' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('10 ta harf va raqam');
  });
});

describe('assets and hints', () => {
  it('serves the CSS and script compressed, with content-hashed names cached for a year', async () => {
    const page = (await t.request({ method: 'GET', url: '/uz/' })).body;
    const css = /href="(\/assets\/portal\.[0-9a-f]{10}\.css)"/.exec(page)?.[1] ?? '';
    const js = /src="(\/assets\/portal\.[0-9a-f]{10}\.js)"/.exec(page)?.[1] ?? '';
    for (const url of [css, js]) {
      const response = await t.request({
        method: 'GET',
        url,
        headers: { 'accept-encoding': 'gzip, deflate, br' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers['cache-control']).toContain('immutable');
    }
    expect((await t.request({ method: 'GET', url: '/assets/portal.0000000000.css' })).statusCode).toBe(404);
  });

  it('suggests a category for a text about a theft', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/api/v1/category-suggestions',
      payload: { text: 'Kecha bozorda hamyonimni va telefonimni oʻgʻirlab ketishdi', language: 'ru' },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ available: boolean; suggestions: { code: string; name: string }[] }>();
    expect(body.available).toBe(true);
    expect(body.suggestions[0]?.code).toBe('theft');
    expect(body.suggestions[0]?.name).toMatch(/[а-я]/);
  });
});

describe('rate limits', () => {
  it('stops floods of appeals and of wrong codes, and keeps the typed text', async () => {
    const limited = await startTestSystem({
      rateLimits: {
        ...rateLimitsFor('on'),
        intake: { max: 2, timeWindow: 60_000 },
        codeGuesses: { free: 3, firstHoldMs: 60_000, maxHoldMs: 60_000, forgetAfterMs: 60_000 },
      },
    });
    try {
      const session = new PortalSession(limited);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const csrf = await session.csrf('/en/appeal');
        const posted = await session.request({
          method: 'POST',
          url: '/en/appeal',
          ...multipart({ _csrf: csrf, ...individual }),
        });
        statuses.push(posted.statusCode);
        if (posted.statusCode === 429) expect(posted.body).toContain('telefonimni oʻgʻirlab ketishdi');
      }
      expect(statuses).toEqual([303, 303, 429]);

      const guesses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const wrong = await session.request({
          method: 'POST',
          url: '/en/track',
          payload: { number: 'IIV-2026-0000001', accessCode: `AAAAAAA${i}` },
        });
        guesses.push(wrong.statusCode);
      }
      expect(guesses).toEqual([404, 404, 404, 429, 429]);
    } finally {
      await limited.stop();
    }
  });
});
