import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { FixedClock } from '../clock.ts';

// Days far outside the calendar's years (1000–9999), or custom periods so long that the period before them
// reached outside it, were answered 500 by the leader views, the appeal list, the report runs and staff
// intake (found by trying them as a user would, 5 Dec 2026). Every such request is a 400 with a field error.

const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;
let head: StaffAgent;
let admin: StaffAgent;
let operator: StaffAgent;

beforeAll(async () => {
  t = await startTestSystem({ clock });
  head = await t.staff('bounds-head', 'head', 'IIV-1718', { scopeSubtree: true });
  admin = await t.staff('bounds-admin', 'admin', t.system.ctx.reference().units.ministry.code);
  operator = await t.staff('bounds-operator', 'operator', 'IIV-1718');
});

afterAll(async () => {
  await t?.stop();
});

const ranges = [
  ['0001-01-01', '9999-12-31'],
  ['1000-01-01', '2026-12-31'],
  ['2026-01-01', '5000-12-31'],
  ['0999-12-31', '2026-01-01'],
  ['1991-08-31', '2026-01-01'],
  ['2026-01-01', '2100-01-01'],
];

function expectDayRange(response: { statusCode: number; body: string }) {
  expect(response.statusCode, response.body).toBe(400);
  const { error } = JSON.parse(response.body) as { error: { code: string; fields?: { message: string }[] } };
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.fields?.length).toBeGreaterThan(0);
}

describe('days outside 1991-09-01 … 2099-12-31', () => {
  it('are a field error in every leader view and its export, never a 500', async () => {
    for (const view of ['hierarchy', 'workload', 'map']) {
      for (const [from, to] of ranges) {
        for (const format of ['', '&format=xlsx']) {
          const url = `/api/v1/analytics/${view}?unit=IIV-1718&period=custom&from=${from}&to=${to}${format}`;
          expectDayRange(await head.request({ method: 'GET', url }));
        }
      }
    }
  });

  it('still allow the longest period within them, with its period before', async () => {
    for (const view of ['hierarchy', 'workload', 'map']) {
      const url = `/api/v1/analytics/${view}?unit=IIV-1718&period=custom&from=1991-09-01&to=2099-12-31`;
      const response = await head.request({ method: 'GET', url });
      expect(response.statusCode, `${view}: ${response.body}`).toBe(200);
    }
  });

  it('are a field error in the appeal list’s filters', async () => {
    for (const filter of [
      'closedFrom=0001-01-01',
      'closedTo=9999-12-31',
      'receivedFrom=0999-12-31',
      'dueBefore=9999-12-31',
    ]) {
      expectDayRange(await head.request({ method: 'GET', url: `/api/v1/appeals?${filter}` }));
      expectDayRange(await head.request({ method: 'GET', url: `/api/v1/appeals?${filter}&format=csv` }));
    }
  });

  it('are a field error for a report run’s month', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/admin/report-schedules',
      payload: { unit: 'IIV-1718', name: 'Samarqand', recipients: [head.id], language: 'uz' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: number }>().id;
    for (const month of ['0001-01', '1000-01', '0999-12', '1991-08', '2100-01']) {
      expectDayRange(
        await admin.request({
          method: 'POST',
          url: `/api/v1/admin/report-schedules/${id}/run?month=${month}`,
        }),
      );
    }
  });

  it('are a field error for the time a staff member says an appeal came', async () => {
    for (const receivedAt of [
      '0001-01-01T10:00:00+05:00',
      '0999-12-31T10:00:00Z',
      '1991-08-31T10:00:00+05:00',
    ]) {
      const response = await operator.request({
        method: 'POST',
        url: '/api/v1/appeals',
        payload: {
          type: 'ariza',
          applicant: { kind: 'anonymous' },
          text: 'Qoʻshnimning iti kechasi bilan hurib chiqadi, uxlay olmayapmiz.',
          territory: '1718236',
          consent: true,
          channel: 'hotline',
          receivedAt,
        },
      });
      expectDayRange(response);
    }
  });
});
