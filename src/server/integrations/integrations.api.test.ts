import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { AppError } from '../errors.ts';
import { authenticateIntegration, integrationKeyHash } from './integration-keys.ts';

let t: TestSystem;
let admin: StaffAgent;

beforeAll(async () => {
  t = await startTestSystem();
  admin = await t.staff('keys-admin', 'admin', 'IIV');
});
afterAll(async () => {
  await t?.stop();
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof AppError ? error.code : String(error)),
  );

describe('integration keys', () => {
  it('issues a key once, keeps only its hash, and lists it without the key', async () => {
    const created = await admin.request({
      method: 'POST',
      url: '/api/v1/admin/integrations',
      payload: { name: 'Toshkent shahar ilovasi', scopes: ['open311', 'personal-data', 'open311'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const issued = created.json<{ id: number; key: string; keyStart: string; scopes: string[] }>();
    expect(issued.key).toMatch(/^mjk_[A-Za-z0-9_-]{43}$/);
    expect(issued.key.startsWith(issued.keyStart)).toBe(true);
    expect(issued.scopes).toEqual(['open311', 'personal-data']);

    const stored = await t.ownerDb
      .selectFrom('integration_keys')
      .selectAll()
      .where('id', '=', issued.id)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash.equals(integrationKeyHash(issued.key))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain(issued.key.slice(10));

    const list = await admin.request({ method: 'GET', url: '/api/v1/admin/integrations' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(issued.key.slice(10));
    expect(list.json()).toContainEqual(
      expect.objectContaining({
        id: issued.id,
        name: 'Toshkent shahar ilovasi',
        createdBy: 'keys-admin',
        revokedAt: null,
      }),
    );
  });

  it('authenticates a live key for its scopes only, and refuses it once revoked', async () => {
    const issued = (
      await admin.request({
        method: 'POST',
        url: '/api/v1/admin/integrations',
        payload: { name: 'Forwarder', scopes: ['appeals:forward'] },
      })
    ).json<{ id: number; key: string }>();
    const ctx = t.system.ctx;
    expect(await authenticateIntegration(ctx, issued.key, 'appeals:forward')).toMatchObject({
      id: issued.id,
      scopes: ['appeals:forward'],
    });
    expect(await refusal(authenticateIntegration(ctx, issued.key, 'open311'))).toBe(
      'INTEGRATION_SCOPE_MISSING',
    );
    expect(await refusal(authenticateIntegration(ctx, undefined, 'open311'))).toBe('INTEGRATION_KEY_INVALID');
    expect(await refusal(authenticateIntegration(ctx, `${issued.key}x`, 'appeals:forward'))).toBe(
      'INTEGRATION_KEY_INVALID',
    );

    const revoked = await admin.request({
      method: 'POST',
      url: `/api/v1/admin/integrations/${issued.id}/revoke`,
    });
    expect(revoked.statusCode).toBe(200);
    expect(await refusal(authenticateIntegration(ctx, issued.key, 'appeals:forward'))).toBe(
      'INTEGRATION_KEY_INVALID',
    );
    const missing = await admin.request({ method: 'POST', url: '/api/v1/admin/integrations/999999/revoke' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'INTEGRATION_NOT_FOUND' } });

    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select(['action', 'actor_label', 'data'])
      .where('target_type', '=', 'integration')
      .where('target_id', '=', String(issued.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.actor_label])).toEqual([
      ['integration.create', 'keys-admin'],
      ['integration.revoke', 'keys-admin'],
    ]);
    expect(JSON.stringify(audit)).not.toContain(issued.key.slice(10));
  });

  it('lets only administrators see, issue or revoke keys', async () => {
    const analyst = await t.staff('keys-analyst', 'analyst', 'IIV');
    const auditor = await t.staff('keys-auditor', 'auditor', 'IIV');
    for (const agent of [analyst, auditor]) {
      expect((await agent.request({ method: 'GET', url: '/api/v1/admin/integrations' })).statusCode).toBe(
        403,
      );
      const issue = await agent.request({
        method: 'POST',
        url: '/api/v1/admin/integrations',
        payload: { name: 'Sneaky', scopes: ['personal-data'] },
      });
      expect(issue.statusCode).toBe(403);
      expect(
        (await agent.request({ method: 'POST', url: '/api/v1/admin/integrations/1/revoke' })).statusCode,
      ).toBe(403);
    }
    expect((await t.request({ method: 'GET', url: '/api/v1/admin/integrations' })).statusCode).toBe(401);
  });

  it('refuses an unknown scope or an empty name', async () => {
    for (const payload of [
      { name: 'X app', scopes: ['everything'] },
      { name: 'X app', scopes: [] },
      { name: ' ', scopes: ['open311'] },
    ]) {
      const response = await admin.request({ method: 'POST', url: '/api/v1/admin/integrations', payload });
      expect(response.statusCode).toBe(400);
    }
  });
});
