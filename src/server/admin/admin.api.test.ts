import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { adminUnitSchema, adminUserSchema, routingTestResultSchema } from '../../contracts/admin.schema.ts';
import { verifyAuditLog } from '../audit/audit-checkpoints.ts';
import { FixedClock } from '../clock.ts';

// A working Wednesday in Tashkent.
const clock = new FixedClock('2026-11-25T05:00:00Z');
let t: TestSystem;
let admin: StaffAgent;

beforeAll(async () => {
  t = await startTestSystem({ clock });
  admin = await t.staff('admin-ops', 'admin', 'IIV', { scopeSubtree: true });
});
afterAll(async () => {
  await t?.stop();
});

const get = (agent: StaffAgent, url: string) => agent.request({ method: 'GET', url });
const send = (
  agent: StaffAgent,
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  payload?: unknown,
) =>
  agent.request({
    method,
    url,
    ...(payload === undefined
      ? {}
      : { payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } }),
  });

describe('staff accounts', () => {
  it('lists accounts without secrets and lets an administrator move, deactivate and reset them', async () => {
    const clerk = await t.staff('clerk-admin', 'clerk', 'IIV-1726266-APP');
    const list = await get(admin, '/api/v1/admin/users');
    expect(list.statusCode).toBe(200);
    const users = adminUserSchema.array().parse(list.json());
    expect(users.find((u) => u.login === 'clerk-admin')).toMatchObject({
      role: 'clerk',
      unit: { code: 'IIV-1726266-APP' },
    });
    expect(list.body).not.toMatch(/password_hash|totp_secret/i);

    const moved = await send(admin, 'PATCH', '/api/v1/admin/users/clerk-admin', {
      role: 'executor',
      unit: 'IIV-1726266-INV',
    });
    expect(moved.statusCode, moved.body).toBe(204);
    // A change of rights ends the person's sessions at once.
    expect((await get(clerk, '/api/v1/auth/me')).statusCode).toBe(401);

    const reset = await send(admin, 'POST', '/api/v1/admin/users/clerk-admin/reset-password');
    expect(reset.statusCode).toBe(200);
    const { oneTimePassword } = reset.json<{ oneTimePassword: string }>();
    const signIn = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'clerk-admin', password: oneTimePassword },
    });
    expect(signIn.json()).toMatchObject({ mustChangePassword: true, user: { role: 'executor' } });

    expect(
      (await send(admin, 'PATCH', '/api/v1/admin/users/clerk-admin', { active: false })).statusCode,
    ).toBe(204);
    const refused = await t.request({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: 'clerk-admin', password: oneTimePassword },
    });
    expect(refused.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('clears a lost authenticator so that the person enrols again', async () => {
    await t.staff('head-totp', 'head', 'IIV-1726266-APP');
    await t.system.ctx.db
      .updateTable('users')
      .set({ totp_enabled: true })
      .where('login', '=', 'head-totp')
      .execute();
    expect((await send(admin, 'POST', '/api/v1/admin/users/head-totp/reset-totp')).statusCode).toBe(204);
    const row = await t.system.ctx.db
      .selectFrom('users')
      .select(['totp_enabled', 'totp_secret_enc'])
      .where('login', '=', 'head-totp')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_enabled: false, totp_secret_enc: null });
  });

  it('keeps the last active administrator', async () => {
    const solo = await t.staff('admin-solo', 'admin', 'IIV', { scopeSubtree: true });
    const others = ['admin', 'admin-ops'];
    await t.system.ctx.db.updateTable('users').set({ active: false }).where('login', 'in', others).execute();
    try {
      const demoted = await send(solo, 'PATCH', '/api/v1/admin/users/admin-solo', { role: 'clerk' });
      expect(demoted.statusCode).toBe(409);
      expect(demoted.json().error.code).toBe('LAST_ADMIN');
      expect(
        (await send(solo, 'PATCH', '/api/v1/admin/users/admin-solo', { active: false })).statusCode,
      ).toBe(409);
    } finally {
      await t.system.ctx.db.updateTable('users').set({ active: true }).where('login', 'in', others).execute();
    }
  });

  it('refuses every change to anyone but an administrator; an auditor may read', async () => {
    const auditor = await t.staff('auditor-admin', 'auditor', 'IIV', { scopeSubtree: true });
    expect((await get(auditor, '/api/v1/admin/users')).statusCode).toBe(200);
    expect(
      (await send(auditor, 'PATCH', '/api/v1/admin/users/admin-ops', { fullName: 'X' })).statusCode,
    ).toBe(403);
    const executor = await t.staff('exec-admin', 'executor', 'IIV-1726266-INV');
    expect((await get(executor, '/api/v1/admin/users')).statusCode).toBe(403);
    expect((await send(executor, 'POST', '/api/v1/admin/units', {})).statusCode).toBe(400);
  });
});

describe('reference data', () => {
  it('adds a unit with requisites, which the tree, routing and letters see at once', async () => {
    const created = await send(admin, 'POST', '/api/v1/admin/units', {
      code: 'IIV-1726266-CYBER',
      parent: 'IIV-1726266',
      level: 'service',
      service: 'investigation',
      names: {
        uz: 'Kiberjinoyatlar boʻlimi',
        oz: 'Кибержиноятлар бўлими',
        ru: 'Отдел киберпреступлений',
        en: 'Cybercrime Unit',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const patched = await send(admin, 'PATCH', '/api/v1/admin/units/IIV-1726266', {
      requisites: {
        address: 'Toshkent sh., Yunusobod tumani, Amir Temur shoh koʻchasi, 1',
        phone: '+998 71 200-00-00',
      },
    });
    expect(patched.statusCode, patched.body).toBe(204);
    const units = adminUnitSchema.array().parse((await get(admin, '/api/v1/admin/units')).json());
    expect(units.find((u) => u.code === 'IIV-1726266-CYBER')).toMatchObject({
      parentCode: 'IIV-1726266',
      active: true,
    });
    expect(units.find((u) => u.code === 'IIV-1726266')?.requisites?.phone).toBe('+998 71 200-00-00');
    expect(t.system.ctx.reference().units.byCode('IIV-1726266-CYBER')).toBeDefined();
    const again = await send(admin, 'POST', '/api/v1/admin/units', {
      code: 'IIV-1726266-CYBER',
      parent: 'IIV-1726266',
      level: 'service',
      names: { uz: 'a', oz: 'a', ru: 'a', en: 'a' },
    });
    expect(again.json().error.code).toBe('ALREADY_EXISTS');
  });

  it('will not deactivate a unit that still has staff', async () => {
    await t.staff('exec-busy', 'executor', 'IIV-1726266-JUV');
    const response = await send(admin, 'PATCH', '/api/v1/admin/units/IIV-1726266-JUV', { active: false });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('IN_USE');
  });

  it('tests a routing rule before saving it, then routes by it once saved', async () => {
    const before = routingTestResultSchema.parse(
      (
        await send(admin, 'POST', '/api/v1/admin/routing-rules/test', {
          category: 'cybercrime',
          territory: '1726266',
        })
      ).json(),
    );
    expect(before).toMatchObject({ basis: 'category_default', unit: { code: 'IIV-1726266-INV' } });
    const rule = {
      category: 'cybercrime',
      territory: '1726',
      unit: 'IIV-1726266-CYBER',
      note: 'Toshkent kiber',
    };
    const tested = routingTestResultSchema.parse(
      (
        await send(admin, 'POST', '/api/v1/admin/routing-rules/test', {
          category: 'cybercrime',
          territory: '1726266',
          rule,
        })
      ).json(),
    );
    expect(tested).toMatchObject({
      basis: 'rule',
      decidedByTestedRule: true,
      unit: { code: 'IIV-1726266-CYBER' },
    });
    const saved = await send(admin, 'POST', '/api/v1/admin/routing-rules', rule);
    expect(saved.statusCode, saved.body).toBe(201);
    const after = routingTestResultSchema.parse(
      (
        await send(admin, 'POST', '/api/v1/admin/routing-rules/test', {
          category: 'cybercrime',
          territory: '1726266',
        })
      ).json(),
    );
    expect(after).toMatchObject({ basis: 'rule', ruleId: saved.json().id, decidedByTestedRule: false });
    const bad = await send(admin, 'POST', '/api/v1/admin/routing-rules', { category: 'cybercrime' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('unit');
  });

  it('adds and renames categories and territories', async () => {
    const names = {
      uz: 'Firibgarlik (onlayn)',
      oz: 'Фирибгарлик (онлайн)',
      ru: 'Онлайн-мошенничество',
      en: 'Online fraud',
    };
    expect(
      (
        await send(admin, 'POST', '/api/v1/admin/categories', {
          code: 'online_fraud',
          service: 'investigation',
          names,
        })
      ).statusCode,
    ).toBe(201);
    expect(t.system.ctx.reference().categories.get('online_fraud')?.names.en).toBe('Online fraud');
    const wrongService = await send(admin, 'PATCH', '/api/v1/admin/categories/online_fraud', {
      service: 'astrology',
    });
    expect(wrongService.statusCode).toBe(400);
    expect(
      (await send(admin, 'PATCH', '/api/v1/admin/categories/online_fraud', { active: false })).statusCode,
    ).toBe(204);
    const territory = await send(admin, 'PATCH', '/api/v1/admin/territories/1726266', {
      names: {
        uz: 'Yunusobod tumani',
        oz: 'Юнусобод тумани',
        ru: 'Юнусабадский район',
        en: 'Yunusabad district',
      },
    });
    expect(territory.statusCode).toBe(204);
    expect(t.system.ctx.reference().territories.get('1726266')?.names.en).toBe('Yunusabad district');
  });

  it('declares a day off that moves the deadline of appeals registered from then on', async () => {
    // Received 25 Nov: 15 days end on 10 Dec (Thursday). Declared a day off, the term moves to 11 Dec.
    const day = await send(admin, 'PUT', '/api/v1/admin/calendar/2026-12-10', {
      kind: 'additional_day_off',
      names: {
        uz: 'Qoʻshimcha dam olish kuni',
        oz: 'Қўшимча дам олиш куни',
        ru: 'Дополнительный выходной',
        en: 'Extra day off',
      },
    });
    expect(day.statusCode, day.body).toBe(204);
    const calendar = await get(admin, '/api/v1/admin/calendar?year=2026');
    expect(calendar.json()).toContainEqual(
      expect.objectContaining({ day: '2026-12-10', kind: 'additional_day_off' }),
    );
    const filed = await t.request({
      method: 'POST',
      url: '/api/v1/appeals',
      payload: {
        type: 'ariza',
        applicant: {
          kind: 'individual',
          lastName: 'Karimov',
          firstName: 'Aziz',
          address: 'Toshkent, Yunusobod',
        },
        text: 'Telefonimni oʻgʻirlab ketishdi, yordam bering iltimos.',
        territory: '1726266',
        consent: true,
      },
    });
    expect(filed.json().dueAt).toBe('2026-12-11T18:59:59.999Z');
    expect((await send(admin, 'DELETE', '/api/v1/admin/calendar/2026-12-10')).statusCode).toBe(204);
  });

  it('validates the clock settings and the weekend', async () => {
    const current = await get(admin, '/api/v1/admin/clock');
    expect(current.json()).toMatchObject({
      clock: { baseTermDays: 15, dayKind: 'calendar' },
      weekend: [6, 7],
    });
    const wrong = await send(admin, 'PUT', '/api/v1/admin/clock', {
      clock: { ...current.json().clock, workingHours: { start: '18:00', end: '09:00' } },
      weekend: [6, 7],
    });
    expect(wrong.statusCode).toBe(400);
    const changed = await send(admin, 'PUT', '/api/v1/admin/clock', {
      clock: { ...current.json().clock, baseTermDays: 14 },
      weekend: [7],
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect(t.system.ctx.reference().clockSettings.baseTermDays).toBe(14);
    await send(admin, 'PUT', '/api/v1/admin/clock', current.json());
  });

  it('audits every change in the hash chain', async () => {
    const audit = await get(admin, '/api/v1/audit?targetType=routing_rule');
    expect(audit.json()[0]).toMatchObject({ action: 'routing_rule.create', actor: 'admin-ops' });
    const { ctx } = t.system;
    expect((await verifyAuditLog({ db: ctx.db, key: ctx.audit.key, dataDir: ctx.config.dataDir })).ok).toBe(
      true,
    );
  });

  it('names in the audit log the person who acted and the staff account an entry is about', async () => {
    const { ctx } = t.system;
    await ctx.db
      .updateTable('users')
      .set({ full_name: 'Karimov Jasur' })
      .where('login', '=', 'admin-ops')
      .execute();
    const clerk = await t.staff('clerk-named', 'clerk', 'IIV-1726266-APP');
    await ctx.db
      .updateTable('users')
      .set({ full_name: 'Sobirova Dilfuza' })
      .where('id', '=', clerk.id)
      .execute();
    expect((await send(admin, 'POST', `/api/v1/admin/users/clerk-named/reset-password`)).statusCode).toBe(
      200,
    );
    const audit = await get(admin, `/api/v1/audit?targetType=user&targetId=${clerk.id}`);
    expect(audit.json()[0]).toMatchObject({
      action: 'user.reset_password',
      actor: 'admin-ops',
      actorName: 'Karimov Jasur',
      targetName: 'Sobirova Dilfuza (clerk-named)',
    });
    const system = (await get(admin, '/api/v1/audit?targetType=reference')).json();
    expect(system[0]).toMatchObject({ actorName: null, targetName: null });
  });
});
