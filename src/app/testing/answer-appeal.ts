import { expect } from 'vitest';
import type { StaffAgent, TestSystem } from './test-system.ts';

// Taking an appeal to an answer through the staff API, for tests of what the citizen sees afterwards
// (the portal's route tests and its browser journeys).

/** The staff of Yunusobod's department who route, examine and answer appeals through the API. */
export interface Staff {
  clerk: StaffAgent;
  executor: StaffAgent;
  head: StaffAgent;
}

/** Creates the three staff accounts and signs them in. */
export async function staffOf(t: TestSystem): Promise<Staff> {
  return {
    clerk: await t.staff('portal-clerk', 'clerk', 'IIV-1726266-APP'),
    executor: await t.staff('portal-exec', 'executor', 'IIV-1726266-INV'),
    head: await t.staff('portal-head', 'head', 'IIV-1726266-INV'),
  };
}

/** Routes, accepts, drafts and approves an answer, as the staff console would. */
export async function answerThroughApi(staff: Staff, number: string, body: string): Promise<void> {
  const act = async (agent: StaffAgent, payload: Record<string, unknown>) => {
    const response = await agent.request({
      method: 'POST',
      url: `/api/v1/appeals/${number}/transitions`,
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
  };
  await act(staff.clerk, { action: 'route', units: ['IIV-1726266-INV'] });
  await act(staff.executor, { action: 'accept' });
  await act(staff.executor, { action: 'draft_answer', outcome: 'explained', body });
  await act(staff.head, { action: 'approve_answer' });
}
