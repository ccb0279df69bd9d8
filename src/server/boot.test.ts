import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { startSystem } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

describe('configuration', () => {
  it('has working defaults for a first start', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined });
    expect(config.dataDir).toBe(path.resolve('./data'));
  });

  it('names every bad variable in one error', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', MUROJAAT_DATA_KEY: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = error instanceof Error ? error.message : '';
      expect(message).toContain('PORT="eighty"');
      expect(message).toContain('DATABASE_URL="mysql://x"');
      expect(message).toContain('MUROJAAT_DATA_KEY');
    }
  });

  it('reads TRUST_PROXY as the proxies’ addresses or a hop count, and refuses to trust everyone', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    for (const bad of ['true', '1', 'yes', '10.0.0.0/33', 'proxy.example.org'])
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY=.*write the addresses/);
  });

  it('turns the Telegram bot on with its token, and never echoes a malformed token', () => {
    expect(loadConfig({}).telegram).toBeUndefined();
    expect(
      loadConfig({
        TELEGRAM_BOT_TOKEN: '123456:ABC-def_1',
        TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
        TELEGRAM_WEBHOOK_URL: 'https://murojaat.example.uz/telegram/hook',
      }).telegram,
    ).toEqual({
      token: '123456:ABC-def_1',
      apiRoot: 'http://127.0.0.1:8081',
      webhookUrl: 'https://murojaat.example.uz/telegram/hook',
    });
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'secret words' })).toThrow(/TELEGRAM_BOT_TOKEN="…"/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: 'secret words' })).not.toThrow(/secret words/);
  });

  it('turns single sign-on on with all three OIDC settings, and says what is missing', () => {
    const oidc = {
      OIDC_ISSUER: 'https://id.example.uz',
      OIDC_CLIENT_ID: 'murojaat',
      OIDC_CLIENT_SECRET: 's3',
    };
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig({ ...oidc, PUBLIC_URL: 'https://murojaat.example.uz/' }).oidc).toEqual({
      issuer: 'https://id.example.uz',
      clientId: 'murojaat',
      clientSecret: 's3',
      label: 'OneID',
      redirectUrl: 'https://murojaat.example.uz/api/v1/auth/sso/callback',
    });
    expect(() => loadConfig({ OIDC_ISSUER: 'https://id.example.uz' })).toThrow(/go together/);
    expect(() => loadConfig(oidc)).toThrow(/without PUBLIC_URL or OIDC_REDIRECT_URL/);
    expect(() => loadConfig({ ...oidc, OIDC_REDIRECT_URL: 'https://murojaat.example.uz/elsewhere' })).toThrow(
      /must end with/,
    );
  });
});

describe('starting on the embedded database', () => {
  it('initialises on first start, and a second start changes nothing', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'murojaat-boot-'));
    try {
      const config = loadConfig({ DATA_DIR: dataDir });
      const first = await startSystem({ config, log: silent, workers: false });
      expect(first.seeded).toBe(true);
      expect(first.adminPassword).toBeDefined();
      expect(first.database.engine).toBe('embedded');
      // Requests run as the role the cluster was given for them, which cannot rewrite the audit log.
      expect(first.database.connection.user).toBe('murojaat_app');
      expect((await stat(path.join(dataDir, 'db-app-password'))).mode & 0o777).toBe(0o600);
      await expect(sql`delete from audit_log`.execute(first.ctx.db)).rejects.toThrow(/permission denied/);
      const count = async (db: typeof first.ctx.db) =>
        (
          await sql<{ units: number; users: number; audit: number }>`
          select (select count(*) from units)::int as units, (select count(*) from users)::int as users,
                 (select count(*) from audit_log)::int as audit`.execute(db)
        ).rows[0];
      const before = await count(first.ctx.db);
      await first.stop();

      const second = await startSystem({ config, log: silent, workers: false });
      expect(second.seeded).toBe(false);
      expect(second.adminPassword).toBeUndefined();
      expect(await count(second.ctx.db)).toEqual(before);
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
