import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';

// The promise that logs carry no personal data, checked on the lines the app really writes.

const lines: string[] = [];
let t: TestSystem;

beforeAll(async () => {
  t = await startTestSystem({ logStream: { write: (line) => lines.push(line) } });
});
afterAll(async () => {
  await t?.stop();
});

describe('request logs', () => {
  it('hold one line per request with the route pattern, and nothing of the applicant, the appeal or the client', async () => {
    const { number, accessCode } = await t.fileAppeal({
      type: 'shikoyat',
      applicant: {
        kind: 'individual',
        lastName: 'Shoxruxbekov',
        firstName: 'Jamshid',
        address: 'Chilonzor, 9-kvartal',
        phone: '+998 90 765-43-21',
      },
      text: 'Shoxruxbekov familiyali qoʻshnim meni haqorat qildi, chora koʻrishingizni soʻrayman.',
    });
    await t.request({ method: 'POST', url: '/api/v1/appeals/track', payload: { number, accessCode } });
    const clerk = await t.staff('clerk-logs', 'clerk', 'IIV-1726266-APP');
    const found = await clerk.request({ method: 'GET', url: '/api/v1/appeals?q=Shoxruxbekov' });
    expect(found.json().total).toBeGreaterThan(0);
    await clerk.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
    await t.request({ method: 'GET', url: '/no/such/page?name=Shoxruxbekov' });

    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requests.map((r) => `${r.method} ${r.route} ${r.status}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/appeals 201',
        'POST /api/v1/appeals/track 200',
        'GET /api/v1/appeals 200',
        'GET /api/v1/appeals/:number 200',
        'GET unmatched 404',
      ]),
    );
    const all = lines.join('\n');
    for (const secret of [
      'Shoxruxbekov',
      'Jamshid',
      'Chilonzor',
      '998907654321',
      '765-43-21',
      accessCode,
      number,
      '127.0.0.1',
    ])
      expect(all).not.toContain(secret);
  });
});
