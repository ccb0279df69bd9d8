import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import type { Role } from '../../contracts/enums.ts';
import { triageAppeal } from '../../server/assist/triage-appeal.ts';
import { type System, startSystem } from '../../server/boot.ts';
import type { Clock } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import type { Db } from '../../server/db/database.ts';
import type { Database } from '../../server/db/schema.ts';
import { type RateLimits, rateLimitsFor } from '../../server/http/rate-limits.ts';
import type { Logger } from '../../server/logger.ts';
import { createUser } from '../../server/people/accounts.ts';
import { createTestDatabase, dropTestDatabase } from '../../server/testing/test-database.ts';
import { buildApp } from '../build-app.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };

/** A signed-in staff member for tests: requests carry their cookie and CSRF token. */
export interface StaffAgent {
  login: string;
  id: number;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** The appeal `fileAppeal` sends unless told otherwise. */
export const defaultAppeal = {
  type: 'ariza',
  applicant: { kind: 'individual', lastName: 'Karimov', firstName: 'Aziz', address: 'Toshkent, Yunusobod' },
  text: 'Telefonimni oʻgʻirlab ketishdi, yordam bering iltimos.',
  territory: '1726266',
  consent: true,
};

/** A whole system on its own fresh database, with the HTTP app and helpers. */
export interface TestSystem {
  system: System;
  app: FastifyInstance;
  /** The request role's URL, which the system's requests use. */
  databaseUrl: string;
  /** The environment that points a command (`murojaat …`) at this system's database, key and folder. */
  env: Record<string, string>;
  /** The owner's connection, which can do what requests cannot (tests that tamper with the audit log). */
  ownerDb: Db;
  /** The owner's URL, for tests that run a migration as the migrator does. */
  ownerUrl: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  /**
   * Files an appeal through the public API: an individual in Yunusobod by default, with `fields` laid
   * over the top level of the body. Throws unless it is registered.
   */
  fileAppeal(fields?: Record<string, unknown>): Promise<{ number: string; accessCode: string }>;
  /**
   * Stops the app and the system (as a crash or a deploy would) and starts them again on the same database
   * and folder, with `env` laid over the environment (a new keyring, say); `system` and `app` are the new ones.
   */
  restart(env?: Record<string, string>, options?: { workers?: boolean }): Promise<void>;
  /** Listens on a free loopback port, or on `port`, (for browsers and load tools) and returns the base URL. */
  listen(port?: number): Promise<string>;
  /** Creates an account (no forced password change, no TOTP) and signs it in. */
  staff(
    login: string,
    role: Role,
    unitCode: string,
    options?: { scopeSubtree?: boolean },
  ): Promise<StaffAgent>;
  stop(): Promise<void>;
}

/** Starts a system for one test file; `stop` drops its database. */
export async function startTestSystem(
  options: {
    clock?: Clock;
    workers?: boolean;
    requireTotpRoles?: string;
    rateLimits?: RateLimits;
    /** TRUST_PROXY as an operator would write it. */
    trustProxy?: string;
    /** Catches the app's log lines (at level info) instead of discarding them. */
    logStream?: { write(line: string): void };
    /** Catches the system's own log (boot, workers, jobs) instead of discarding it. */
    systemLog?: Logger;
    /** More environment, as an operator would set it (SMTP_URL, SMS_PROVIDER, PUBLIC_URL …). */
    env?: Record<string, string>;
    /** A server of the test's own (the replica tests' primary) instead of a database made on the suite's. */
    databaseUrl?: string;
  } = {},
): Promise<TestSystem> {
  const info = inject('testDatabase');
  const own = options.databaseUrl;
  const database = own ? { requestUrl: own, ownerUrl: own, name: undefined } : await createTestDatabase(info);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'murojaat-files-'));
  // A test that gives its own keyring (MUROJAAT_DATA_KEYS, MUROJAAT_DATA_KEY_COMMAND) starts from the suite's key.
  const ownKeys = (e: Record<string, string> | undefined) =>
    e?.MUROJAAT_DATA_KEYS !== undefined || e?.MUROJAAT_DATA_KEY_COMMAND !== undefined;
  const env: Record<string, string> = {
    DATABASE_URL: database.requestUrl,
    DATABASE_MIGRATION_URL: database.ownerUrl,
    DATA_DIR: dataDir,
    ...(ownKeys(options.env) ? {} : { MUROJAAT_DATA_KEY: info.dataKey }),
  };
  const boot = async (more: Record<string, string>, workers: boolean) => {
    const { MUROJAAT_DATA_KEY, ...base } = env;
    const config = loadConfig({
      ...options.env,
      ...base,
      ...(ownKeys({ ...options.env, ...more }) || MUROJAAT_DATA_KEY === undefined
        ? {}
        : { MUROJAAT_DATA_KEY }),
      ...more,
      DB_POOL_SIZE: '8',
      REQUIRE_TOTP_ROLES: options.requireTotpRoles ?? '',
      TRUST_PROXY: options.trustProxy,
    });
    const system = await startSystem({
      config,
      log: options.systemLog ?? silent,
      clock: options.clock,
      workers,
    });
    const app = await buildApp(system.ctx, {
      rateLimits: options.rateLimits ?? rateLimitsFor('off'),
      logLevel: options.logStream ? 'info' : 'silent',
      logStream: options.logStream,
      trustProxy: config.trustProxy,
      ...(config.metrics.where === 'app' ? { metricsToken: config.metrics.token } : {}),
    });
    await app.ready();
    return { system, app };
  };
  let { system, app } = await boot({}, options.workers ?? false);
  const request = (o: InjectOptions) => app.inject(o);
  const ownerDb = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.ownerUrl, max: 2 }) }),
  });

  const testSystem: TestSystem = {
    system,
    app,
    databaseUrl: database.requestUrl,
    env,
    ownerDb,
    ownerUrl: database.ownerUrl,
    request,
    async fileAppeal(fields = {}) {
      const response = await request({
        method: 'POST',
        url: '/api/v1/appeals',
        payload: { ...defaultAppeal, ...fields },
      });
      if (response.statusCode !== 201) throw new Error(`appeal not registered: ${response.body}`);
      return response.json<{ number: string; accessCode: string }>();
    },
    async restart(more = {}, restartOptions = {}) {
      await app.close();
      await system.stop();
      ({ system, app } = await boot(more, restartOptions.workers ?? options.workers ?? false));
      testSystem.system = system;
      testSystem.app = app;
    },
    async listen(port = 0) {
      const address = await app.listen({ port, host: '127.0.0.1' });
      return address;
    },
    async staff(login, role, unitCode, staffOptions = {}) {
      const unit = system.ctx.reference().units.byCode(unitCode);
      if (!unit) throw new Error(`No unit ${unitCode}`);
      const password = `pw-${login}-long-enough`;
      const { id } = await createUser(system.ctx.db, {
        login,
        role,
        unitId: unit.id,
        scopeSubtree: staffOptions.scopeSubtree ?? false,
        password,
        mustChangePassword: false,
        actor: { id: null, label: 'test' },
        now: system.ctx.clock.now(),
        audit: system.ctx.audit,
      });
      const signIn = await request({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login, password },
      });
      if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.body}`);
      const cookie = signIn.cookies.find((c) => c.name === 'murojaat_session')?.value ?? '';
      const csrf = signIn.json<{ csrfToken: string }>().csrfToken;
      return {
        login,
        id,
        request: (o) =>
          request({
            ...o,
            cookies: { murojaat_session: cookie, ...(o.cookies ?? {}) },
            headers: { 'x-csrf-token': csrf, ...(o.headers ?? {}) },
          }),
      };
    },
    async stop() {
      await app.close();
      await system.stop();
      await ownerDb.destroy();
      if (database.name !== undefined) await dropTestDatabase(info, database.name);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return testSystem;
}

/**
 * Runs triage now on an appeal filed through the API (in production a job does it after the commit), so that
 * its links — duplicates, repeats, a mass appeal — exist before the test goes on. Answers the appeal's id.
 */
export async function triageNow(t: TestSystem, number: string): Promise<number> {
  const { id } = await t.system.ctx.db
    .selectFrom('appeals')
    .select('id')
    .where('number', '=', number)
    .executeTakeFirstOrThrow();
  await triageAppeal(t.system.ctx, id);
  return id;
}
