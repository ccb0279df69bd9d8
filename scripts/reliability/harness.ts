// Shared pieces of the reliability suite: fresh databases, the real server process, intake load that
// remembers every acknowledged appeal, and the checks that nothing acknowledged was lost.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { freePort, type Started, startNode } from '../../bench/lib/processes.ts';
import { AuditTrail } from '../../src/server/audit/audit.ts';
import { attachRunningEmbedded } from '../../src/server/db/embedded.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { createUser } from '../../src/server/people/accounts.ts';

export const DATA_KEY = Buffer.alloc(32, 11).toString('base64');
/** The audit chain as the servers started here key it (from `DATA_KEY`). */
export const audit = new AuditTrail(Buffer.from(DATA_KEY, 'base64'));
export const root = path.resolve(import.meta.dirname, '..', '..');

/** The PostgreSQL server the suite may create databases on (and, for the outage test, stop). */
export function postgresAdminUrl(): string {
  return process.env.RELIABILITY_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export type Engine = 'embedded' | 'postgres';

/** A fresh, empty database of one engine and how to reach and remove it. */
export interface FreshDatabase {
  engine: Engine;
  env: Record<string, string>;
  dataDir: string;
  /** A pool to the database (attaches to the running embedded cluster, so call it after a server started). */
  pool(): Promise<pg.Pool>;
  drop(): Promise<void>;
}

async function admin<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A new database on PostgreSQL, or a new embedded data folder. */
export async function freshDatabase(engine: Engine): Promise<FreshDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `murojaat-rel-${engine}-`));
  const pools: pg.Pool[] = [];
  if (engine === 'postgres') {
    const name = `murojaat_rel_${randomBytes(4).toString('hex')}`;
    await admin(`create database ${name}`);
    const url = new URL(postgresAdminUrl());
    url.pathname = `/${name}`;
    return {
      engine,
      env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
      dataDir,
      pool: async () => {
        const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
        pool.on('error', () => {});
        pools.push(pool);
        return pool;
      },
      drop: async () => {
        for (const p of pools) await p.end().catch(() => {});
        await admin(`drop database if exists ${name} with (force)`).catch(() => {});
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  }
  return {
    engine,
    env: { DATA_DIR: dataDir },
    dataDir,
    pool: async () => {
      const connection = await attachRunningEmbedded(dataDir);
      if (!connection) throw new Error('the embedded database is not running');
      const pool = new pg.Pool({ ...connection.owner, max: 4 });
      pool.on('error', () => {});
      pools.push(pool);
      return pool;
    },
    drop: async () => {
      for (const p of pools) await p.end().catch(() => {});
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts the real server (`node --import tsx src/app/main.ts`) on a database. */
export async function startServer(
  database: FreshDatabase,
  options: { port?: number; env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<Started> {
  const port = options.port ?? (await freePort());
  return startNode({
    script: 'src/app/main.ts',
    nodeArgs: options.nodeArgs,
    cwd: root,
    port,
    timeoutMs: 90_000,
    env: {
      ...database.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'error',
      REQUIRE_TOTP_ROLES: '',
      MUROJAAT_DATA_KEY: DATA_KEY,
      ...options.env,
    },
  });
}

const texts = [
  'Kecha bozor yonida telefonimni oʻgʻirlab ketishdi, iltimos yordam bering.',
  'Телефонимни ўғирлаб кетишди, ёрдам беринг. Кеча кечқурун метро бекати ёнида.',
  'Соседи каждую ночь громко включают музыку, дети не могут спать. Прошу принять меры.',
  'Mahalla inspektori aholi bilan umuman uchrashmaydi, muammolarimiz hal boʻlmayapti.',
  'My phone was stolen near the metro station yesterday. Please look into this matter.',
];

/** One appeal a citizen might send, marked with a unique token so it can be found again. */
export function appealBody(token: string, index: number): { body: string; text: string } {
  const text = `${texts[index % texts.length]} [${token}]`;
  const body = JSON.stringify({
    type: index % 7 === 0 ? 'shikoyat' : 'ariza',
    applicant:
      index % 25 === 0
        ? { kind: 'anonymous' }
        : {
            kind: 'individual',
            lastName: 'Karimov',
            firstName: 'Aziz',
            address: 'Toshkent sh., Yunusobod tumani',
            phone: `+99890${String(1_000_000 + (index % 8_999_999)).padStart(7, '0')}`,
          },
    text,
    territory: '1726266',
    consent: true,
  });
  return { body, text };
}

export interface Ack {
  number: string;
  accessCode: string;
  text: string;
}

/** What intake load saw: acknowledgements, answers by status and code, failures to connect, slow answers. */
export interface LoadLog {
  acks: Ack[];
  statuses: Map<string, number>;
  networkErrors: number;
  slowest: number;
  hung: number;
}

/**
 * Keeps `clients` concurrent citizens filing appeals against whatever `target()` returns until `stop()`;
 * a refused connection (server down) is retried after a short pause.
 */
export function intakeLoad(options: {
  target: () => string;
  clients: number;
  token: string;
  timeoutMs?: number;
  pauseOnErrorMs?: number;
}): { log: LoadLog; stop(): Promise<LoadLog> } {
  const log: LoadLog = { acks: [], statuses: new Map(), networkErrors: 0, slowest: 0, hung: 0 };
  let running = true;
  let counter = 0;
  const client = async () => {
    while (running) {
      const index = counter++;
      const { body, text } = appealBody(`${options.token}-${index}`, index);
      const started = performance.now();
      try {
        const response = await fetch(`${options.target()}/api/v1/appeals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
        const answer = (await response.json().catch(() => ({}))) as {
          number?: string;
          accessCode?: string;
          error?: { code?: string };
        };
        const key = `${response.status}${answer.error?.code ? ` ${answer.error.code}` : ''}`;
        log.statuses.set(key, (log.statuses.get(key) ?? 0) + 1);
        if (response.status === 201 && answer.number && answer.accessCode) {
          log.acks.push({ number: answer.number, accessCode: answer.accessCode, text });
        }
        log.slowest = Math.max(log.slowest, performance.now() - started);
      } catch (error) {
        if (error instanceof Error && error.name === 'TimeoutError') log.hung += 1;
        else log.networkErrors += 1;
        await new Promise((resolve) => setTimeout(resolve, options.pauseOnErrorMs ?? 50));
      }
    }
  };
  const workers = Array.from({ length: options.clients }, () => client());
  return {
    log,
    async stop() {
      running = false;
      await Promise.all(workers);
      return log;
    },
  };
}

/** What the database holds for the acknowledged appeals, and whether numbering is still gap-free. */
export interface Verification {
  acknowledged: number;
  lost: string[];
  wrongText: string[];
  noHistory: string[];
  numbering: { year: number; counter: number; rows: number; max: number; distinct: number }[];
  gapFree: boolean;
}

/** Checks every acknowledged appeal is stored with its number, text and history; numbers gap-free. */
export async function verifyAcks(pool: pg.Pool, acks: Ack[]): Promise<Verification> {
  const lost: string[] = [];
  const wrongText: string[] = [];
  const noHistory: string[] = [];
  for (let i = 0; i < acks.length; i += 2_000) {
    const slice = acks.slice(i, i + 2_000);
    const { rows } = await pool.query<{ number: string; text: string; registered: number }>(
      `select a.number, a.text,
         (select count(*)::int from appeal_events e where e.appeal_id = a.id and e.event = 'registered') as registered
       from appeals a where a.number = any($1)`,
      [slice.map((a) => a.number)],
    );
    const found = new Map(rows.map((r) => [r.number, r]));
    for (const ack of slice) {
      const row = found.get(ack.number);
      if (!row) lost.push(ack.number);
      else if (row.text !== ack.text) wrongText.push(ack.number);
      else if (row.registered !== 1) noHistory.push(ack.number);
    }
  }
  const { rows: numbering } = await pool.query<{
    year: number;
    counter: number;
    rows: number;
    max: number;
    distinct: number;
  }>(
    `select c.year, c.last_seq as counter, count(a.id)::int as rows, coalesce(max(a.seq), 0)::int as max,
       count(distinct a.seq)::int as distinct
     from appeal_counters c left join appeals a on a.year = c.year group by c.year, c.last_seq order by c.year`,
  );
  const gapFree = numbering.every((n) => n.counter === n.rows && n.rows === n.max && n.rows === n.distinct);
  return { acknowledged: acks.length, lost, wrongText, noHistory, numbering, gapFree };
}

/** A test's outcome for the summary. */
export interface Outcome {
  name: string;
  passed: boolean;
  /** Not run here (what it needs is missing); the first detail says why. */
  skipped?: boolean;
  details: string[];
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function formatStatuses(statuses: Map<string, number>): string {
  return [...statuses].map(([k, v]) => `${k}: ${v}`).join(', ');
}

/** Polls `check` every half second until it holds or `ms` have passed; the last answer is returned. */
export async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await sleep(500);
  }
  return check();
}

/** The password of the staff accounts the suite creates. */
export const STAFF_PASSWORD = 'reliability-password-long';

/** Signs a staff member in; returns the session cookie (`name=value`). */
export async function signIn(url: string, login: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: STAFF_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('murojaat_session='));
  return cookie?.split(';')[0] ?? '';
}

/** One `appeal` event a live stream delivered. */
export interface LiveEvent {
  number: string;
  status: string | null;
  /** performance.now() when it arrived. */
  at: number;
}

/** A staff member's live stream (`GET /api/v1/live`, Server-Sent Events), recording what it announces. */
export interface LiveStream {
  /** Resolves once the stream answered 200. */
  opened: Promise<void>;
  /** Appeal numbers announced so far. */
  numbers: Set<string>;
  events: LiveEvent[];
  /** The `x-backend` header of the answer, when a balancer placed the stream. */
  backend(): string | undefined;
  /** True once the stream ended or broke while not asked to stop. */
  broken(): boolean;
  stop(): void;
}

/** Opens the live stream and records the appeal events it announces until `stop` is called. */
export function listen(url: string, cookie: string): LiveStream {
  const controller = new AbortController();
  const numbers = new Set<string>();
  const events: LiveEvent[] = [];
  let backend: string | undefined;
  let broken = false;
  const opened = fetch(`${url}/api/v1/live`, { headers: { cookie }, signal: controller.signal }).then(
    async (response) => {
      if (!response.ok || !response.body) throw new Error(`live stream answered ${response.status}`);
      backend = response.headers.get('x-backend') ?? undefined;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      const pump = async () => {
        try {
          while (true) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += decoder.decode(value, { stream: true });
            // Events are separated by a blank line; the last piece may be incomplete.
            const parts = buffer.split('\n\n');
            buffer = parts.pop() ?? '';
            for (const part of parts) {
              if (!part.startsWith('event: appeal\n')) continue;
              const data = /^data: (.*)$/m.exec(part)?.[1];
              const event = data
                ? (JSON.parse(data) as { number?: string | null; status?: string | null })
                : {};
              if (!event.number) continue;
              numbers.add(event.number);
              events.push({ number: event.number, status: event.status ?? null, at: performance.now() });
            }
          }
        } catch {
          // aborted, or the connection broke
        }
        if (!controller.signal.aborted) broken = true;
      };
      void pump();
    },
  );
  return {
    opened,
    numbers,
    events,
    backend: () => backend,
    broken: () => broken,
    stop: () => controller.abort(),
  };
}

/** Creates a clerk of the ministry who sees every appeal (password `STAFF_PASSWORD`). */
export async function createClerk(pool: pg.Pool, login: string): Promise<void> {
  // A pool of its own on the same settings: the caller's stays open.
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ ...pool.options, max: 1 }) }),
  });
  try {
    const ministry = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'IIV')
      .executeTakeFirstOrThrow();
    await createUser(db, {
      login,
      role: 'clerk',
      unitId: ministry.id,
      scopeSubtree: true,
      password: STAFF_PASSWORD,
      mustChangePassword: false,
      actor: { id: null, label: 'reliability' },
      now: new Date(),
      audit,
    });
  } finally {
    await db.destroy();
  }
}
