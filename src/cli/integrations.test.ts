import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../app/testing/test-system.ts';
import { main } from './main.ts';

let t: TestSystem;

async function run(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => {
    out += String(c);
  });
  stderr.on('data', (c) => {
    err += String(c);
  });
  const code = await main(args, { stdin: Readable.from(['']), stdout, stderr });
  return { code, out, err };
}

beforeAll(async () => {
  t = await startTestSystem();
  Object.assign(process.env, t.env);
});
afterAll(async () => {
  await t?.stop();
});

describe('murojaat integrations', () => {
  it('creates a key, prints it once, lists it without the key, and revokes it', async () => {
    const created = await run([
      'integrations',
      'create',
      '--name',
      'Shahar ilovasi',
      '--scopes',
      'open311,webhooks',
    ]);
    expect(created.code, created.err).toBe(0);
    const key = /API key \(shown once, keep it secret\): (\S+)/.exec(created.out)?.[1] ?? '';
    expect(key).toMatch(/^mjk_/);
    // The signing secret is the one the server derives from the key with the same data key.
    const secret = /Signing secret \(shown once, keep it secret\): (\S+)/.exec(created.out)?.[1];
    expect(secret).toBe(t.system.ctx.protector.integrationSigningSecret(key));
    const id = /Created integration (\d+)/.exec(created.out)?.[1] ?? '';

    const posted = await t.request({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: key,
        service_code: 'public_order',
        address_string: 'Yunusobod 4-mavze',
        description: 'Kechasi koʻchada shovqin, iltimos tekshiring.',
      }).toString(),
    });
    expect(posted.statusCode).toBe(201);

    const list = await run(['integrations', 'list']);
    expect(list.code).toBe(0);
    expect(list.out).toContain(`${id}\tShahar ilovasi\t${key.slice(0, 10)}…\topen311,webhooks\tlast used 20`);
    expect(list.out).toContain('\tactive');
    expect(list.out).not.toContain(key);

    const revoked = await run(['integrations', 'revoke', id]);
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain(`Revoked integration ${id}`);
    expect((await run(['integrations', 'list'])).out).toContain('\trevoked 20');
    const refused = await t.request({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `api_key=${key}&service_code=public_order&address_string=x`,
    });
    expect(refused.statusCode).toBe(403);

    const audit = await t.ownerDb
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('target_type', '=', 'integration')
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'integration.create', actor_label: 'cli' },
      { action: 'integration.revoke', actor_label: 'cli' },
    ]);
  });

  it('refuses an unknown scope, a missing name and an unknown id', async () => {
    expect((await run(['integrations', 'create', '--name', 'X app', '--scopes', 'root'])).code).toBe(2);
    expect((await run(['integrations', 'create', '--scopes', 'open311'])).code).toBe(2);
    const missing = await run(['integrations', 'revoke', '424242']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No integration with id 424242');
    expect((await run(['integrations'])).code).toBe(2);
  });
});
