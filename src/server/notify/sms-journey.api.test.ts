import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Staff, staffOf } from '../../app/testing/answer-appeal.ts';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { inputValue, multipart, PortalSession } from '../../portal/testing.ts';
import { type SmsGateway, startSmsGateway } from './testing/loopback-peers.ts';

// One citizen's whole journey on the SMS channel, with the real worker sending through a generic HTTP SMS
// gateway on loopback: filed on the portal → the number by SMS → a status change by SMS → the answer ready
// by SMS with the tracking link → that link, the number and the code open the answer → the rating is kept.
// Every step is checked at the gateway, as the phone network would receive it.

let t: TestSystem;
let staff: Staff;
let gateway: SmsGateway;

beforeAll(async () => {
  gateway = await startSmsGateway();
  t = await startTestSystem({
    workers: true,
    env: {
      SMS_PROVIDER: 'http',
      SMS_HTTP_URL: gateway.url,
      SMS_HTTP_TOKEN: 'journey-secret',
      PUBLIC_URL: 'https://murojaat.test',
    },
  });
  staff = await staffOf(t);
}, 120_000);
afterAll(async () => {
  await t?.stop();
  await gateway?.stop();
});

const phone = '+998907770011';

/** The texts the gateway has received for the citizen's phone, once there are `count` of them. */
async function textsReceived(count: number): Promise<string[]> {
  const mine = () => gateway.requests.filter((r) => r.body.to === phone).map((r) => r.body.text);
  await expect.poll(() => mine().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(count);
  return mine();
}

async function act(agent: Staff[keyof Staff], number: string, payload: Record<string, unknown>) {
  const response = await agent.request({
    method: 'POST',
    url: `/api/v1/appeals/${number}/transitions`,
    payload,
  });
  expect(response.statusCode, response.body).toBe(200);
}

describe('the SMS channel, end to end', () => {
  it('files on the portal, texts the number, a status change and the answer, and takes the rating through the texted link', async () => {
    // 1. The citizen files on the portal, to be answered by SMS.
    const citizen = new PortalSession(t);
    const csrf = await citizen.csrf('/uz/appeal');
    const filed = await citizen.request({
      method: 'POST',
      url: '/uz/appeal',
      ...multipart({
        _csrf: csrf,
        type: 'ariza',
        'applicant.kind': 'individual',
        'applicant.lastName': 'Karimov',
        'applicant.firstName': 'Aziz',
        'applicant.address': 'Toshkent sh., Yunusobod tumani, 5-kvartal',
        'applicant.phone': '90 777 00 11',
        territory: '1726266',
        text: 'Kecha kechqurun Yunusobod tumanida telefonimni oʻgʻirlab ketishdi, yordam bering.',
        answerChannel: 'sms',
        answerLanguage: 'uz',
        consent: 'true',
      }),
    });
    expect(filed.statusCode, filed.body).toBe(303);
    const number = /\/uz\/appeal\/sent\/(IIV-\d{4}-\d{7})$/.exec(String(filed.headers.location))?.[1] ?? '';
    expect(number).not.toBe('');
    const receipt = await citizen.request({ method: 'GET', url: `/uz/appeal/sent/${number}` });
    const accessCode = /id="access-code"[^>]*>([0-9A-Z]{8})</.exec(receipt.body)?.[1] ?? '';
    expect(accessCode).not.toBe('');

    // 2. The registration reaches the phone with the number and the tracking link, never the code.
    const [registered] = await textsReceived(1);
    expect(registered).toBe(
      `Murojaatingiz ${number} raqami bilan ro'yxatga olindi. https://murojaat.test/uz/track?number=${number}`,
    );
    expect(gateway.requests.at(-1)?.headers.authorization).toBe('Bearer journey-secret');

    // 3. Staff take it up and the head extends the deadline: the citizen is told by SMS.
    await act(staff.clerk, number, { action: 'route', units: ['IIV-1726266-INV'] });
    await act(staff.executor, number, { action: 'accept' });
    await act(staff.head, number, { action: 'extend', reason: 'Qoʻshimcha tekshiruv kerak.' });
    const afterExtension = await textsReceived(2);
    expect(afterExtension).toHaveLength(2);
    expect(afterExtension[1]).toMatch(
      new RegExp(
        `^Murojaatingiz ${number} bo'yicha ko'rib chiqish muddati \\d{2}\\.\\d{2}\\.\\d{4}-yilgacha uzaytirildi\\. https://murojaat\\.test/uz/track\\?number=${number}$`,
      ),
    );

    // 4. The answer is written and approved: the SMS says it is ready and where to read it.
    await act(staff.executor, number, {
      action: 'draft_answer',
      outcome: 'explained',
      body: 'Hurmatli Aziz Karimov, telefoningiz topildi. Yunusobod IIBga kelib olib keting.',
    });
    await act(staff.head, number, { action: 'approve_answer' });
    const all = await textsReceived(3);
    expect(all).toHaveLength(3);
    expect(all[2]).toBe(
      `Murojaatingiz ${number} bo'yicha javob tayyor. https://murojaat.test/uz/track?number=${number}`,
    );
    expect(all.join('\n')).not.toContain(accessCode);

    // 5. On another phone's browser, the link from the SMS, the code from the receipt: the answer, rated.
    const link = new URL(/https:\/\/\S+$/.exec(all[2] ?? '')?.[0] ?? '');
    const reader = new PortalSession(t);
    const trackPage = await reader.request({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(trackPage.statusCode).toBe(200);
    expect(inputValue(trackPage.body, 'number')).toBe(number);
    const opened = await reader.request({
      method: 'POST',
      url: '/uz/track',
      payload: { number, accessCode },
    });
    expect(opened.statusCode, opened.body).toBe(303);
    const status = await reader.request({ method: 'GET', url: String(opened.headers.location) });
    expect(status.body).toContain('telefoningiz topildi');
    const rated = await reader.request({
      method: 'POST',
      url: `/uz/track/${number}/rate`,
      payload: {
        _csrf: inputValue(status.body, '_csrf') ?? '',
        rating: '5',
        comment: 'Rahmat, tez javob berildi.',
      },
    });
    expect(rated.statusCode, rated.body).toBe(303);

    const row = await t.ownerDb
      .selectFrom('appeals')
      .select(['rating', 'rating_comment', 'answer_channel'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ rating: 5, rating_comment: 'Rahmat, tez javob berildi.', answer_channel: 'sms' });
    const notices = await t.ownerDb
      .selectFrom('notifications')
      .innerJoin('appeals', 'appeals.id', 'notifications.appeal_id')
      .select(['notifications.template', 'notifications.channel', 'notifications.status'])
      .where('appeals.number', '=', number)
      .orderBy('notifications.id')
      .execute();
    expect(notices).toEqual([
      { template: 'registered', channel: 'sms', status: 'sent' },
      { template: 'deadline-extended', channel: 'sms', status: 'sent' },
      { template: 'answered', channel: 'sms', status: 'sent' },
    ]);
  });
});
