import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import type { Role } from '../../contracts/enums.ts';

// Role × scope × action, written out by hand (not derived from the policy code it checks).
// The appeal is registered at the Yunusobod district department's appeals unit.
let t: TestSystem;
const placements = {
  own: { unit: 'IIV-1726266-APP', subtree: false },
  above: { unit: 'IIV-1726', subtree: true },
  other: { unit: 'IIV-1703202-APP', subtree: false },
} as const;
type Placement = keyof typeof placements;
const roleList: Role[] = [
  'operator',
  'clerk',
  'executor',
  'head',
  'internal_security',
  'analyst',
  'admin',
  'auditor',
];
const agents = new Map<string, StaffAgent>();

async function newAppeal(): Promise<string> {
  const response = await t.request({
    method: 'POST',
    url: '/api/v1/appeals',
    payload: {
      type: 'ariza',
      applicant: {
        kind: 'individual',
        lastName: 'Olimova',
        firstName: 'Dilnoza',
        address: 'Toshkent, Yunusobod',
      },
      text: 'Qoʻshnilarim har kecha baland ovozda musiqa qoʻyishadi.',
      territory: '1726266',
      consent: true,
    },
  });
  return response.json().number;
}

beforeAll(async () => {
  t = await startTestSystem();
  for (const role of roleList) {
    for (const [name, placement] of Object.entries(placements)) {
      agents.set(
        `${role}/${name}`,
        await t.staff(`${role.replace('_', '')}-${name}`, role, placement.unit, {
          scopeSubtree: placement.subtree,
        }),
      );
    }
  }
});
afterAll(async () => {
  await t?.stop();
});

function agent(role: Role, placement: Placement): StaffAgent {
  const found = agents.get(`${role}/${placement}`);
  if (!found) throw new Error('no agent');
  return found;
}

// Expected HTTP status per role, for a user whose scope holds the appeal (own unit, or a body above it).
const inScope: Record<'view' | 'reveal' | 'route', Record<Role, number>> = {
  view: {
    operator: 200,
    clerk: 200,
    executor: 200,
    head: 200,
    internal_security: 200,
    analyst: 403,
    admin: 200,
    auditor: 200,
  },
  reveal: {
    operator: 200,
    clerk: 200,
    executor: 200,
    head: 200,
    internal_security: 200,
    analyst: 403,
    admin: 200,
    auditor: 403,
  },
  route: {
    operator: 403,
    clerk: 200,
    executor: 403,
    head: 200,
    internal_security: 200,
    analyst: 403,
    admin: 200,
    auditor: 403,
  },
};

describe.each(roleList)('a user with role %s', (role) => {
  it.each(['own', 'above'] as const)(
    'in scope (%s) may do exactly what the role allows',
    async (placement) => {
      const number = await newAppeal();
      const user = agent(role, placement);
      expect((await user.request({ method: 'GET', url: `/api/v1/appeals/${number}` })).statusCode).toBe(
        inScope.view[role],
      );
      expect(
        (await user.request({ method: 'GET', url: `/api/v1/appeals/${number}/applicant` })).statusCode,
      ).toBe(inScope.reveal[role]);
      const routed = await user.request({
        method: 'POST',
        url: `/api/v1/appeals/${number}/transitions`,
        payload: { action: 'route', units: ['IIV-1726266-PREV'] },
      });
      expect(routed.statusCode).toBe(inScope.route[role]);
    },
  );

  it('out of scope cannot tell the appeal from a number that does not exist', async () => {
    const number = await newAppeal();
    const user = agent(role, 'other');
    const expected = role === 'analyst' ? 403 : 404;
    const real = await user.request({ method: 'GET', url: `/api/v1/appeals/${number}` });
    const invented = await user.request({ method: 'GET', url: '/api/v1/appeals/IIV-2026-0999999' });
    expect(real.statusCode).toBe(expected);
    expect(real.json().error.code).toBe(invented.json().error.code);
    const routed = await user.request({
      method: 'POST',
      url: `/api/v1/appeals/${number}/transitions`,
      payload: { action: 'route', units: ['IIV-1703202-APP'] },
    });
    expect(routed.statusCode).toBe(404);
    const reveal = await user.request({ method: 'GET', url: `/api/v1/appeals/${number}/applicant` });
    expect(reveal.statusCode).toBe(expected);
  });
});

describe('audit of personal data', () => {
  it('records every reveal of the applicant with who and when', async () => {
    const number = await newAppeal();
    const clerk = agent('clerk', 'own');
    await clerk.request({ method: 'GET', url: `/api/v1/appeals/${number}/applicant` });
    const rows = await t.system.ctx.db
      .selectFrom('audit_log')
      .select(['actor_label', 'action'])
      .where('target_id', '=', number)
      .where('action', '=', 'appeal.reveal_applicant')
      .execute();
    expect(rows).toEqual([{ actor_label: 'clerk-own', action: 'appeal.reveal_applicant' }]);
  });
});
