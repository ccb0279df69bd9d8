// (d) Bad input: property-based fuzzing (fast-check) of every endpoint in the OpenAPI document — body,
// headers and query — anonymously and with a signed-in administrator's session, plus the hostile classics
// (oversized and deeply nested bodies, wrong content types, broken multipart, invalid UTF-8, huge and
// too many files). No answer may be a 500, none may hang, every API error must carry a catalogue code.
import fc from 'fast-check';
import { Kysely, PostgresDialect } from 'kysely';
import { errorCodes } from '../../src/contracts/errors.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { createUser } from '../../src/server/people/accounts.ts';
import { audit, freshDatabase, type Outcome, startServer } from './harness.ts';

const PASSWORD = 'reliability-password-long';
const TIMEOUT_MS = 15_000;
const known = new Set<string>(errorCodes);

interface Route {
  method: string;
  path: string;
}

interface Answer {
  status: number;
  code: string | undefined;
  ms: number;
  hung: boolean;
  json: boolean;
}

async function send(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array | string },
): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body:
        init.method === 'GET' || init.method === 'HEAD' || init.body === undefined
          ? undefined
          : typeof init.body === 'string'
            ? init.body
            : new Uint8Array(init.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'manual',
    });
    if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
      // A live stream that opened has answered; it is meant to stay open.
      await response.body?.cancel();
      return {
        status: response.status,
        code: undefined,
        ms: performance.now() - started,
        hung: false,
        json: false,
      };
    }
    const text = await response.text();
    let code: string | undefined;
    let json = false;
    try {
      const parsed = JSON.parse(text) as { error?: { code?: unknown } };
      json = true;
      code = typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
    } catch {
      json = false;
    }
    return { status: response.status, code, ms: performance.now() - started, hung: false, json };
  } catch (error) {
    const hung = error instanceof Error && error.name === 'TimeoutError';
    // A server that closes the connection on a protocol violation has answered, not hung.
    return { status: hung ? -1 : 0, code: undefined, ms: performance.now() - started, hung, json: false };
  }
}

/** An answer is acceptable when it is not a 5xx, arrived in time, and (for the API) carries a known code. */
function problem(route: string, answer: Answer): string | undefined {
  if (answer.hung) return `${route}: no answer in ${TIMEOUT_MS} ms`;
  if (answer.status >= 500) return `${route}: ${answer.status} ${answer.code ?? ''}`;
  if (
    answer.status >= 400 &&
    route.includes(' /api/') &&
    !(answer.json && answer.code && known.has(answer.code))
  ) {
    return `${route}: ${answer.status} without a catalogue code (${answer.code ?? 'no JSON error body'})`;
  }
  return undefined;
}

const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'multipart/form-data',
  'application/xml',
  'application/octet-stream',
  '',
];

const bodyArb = fc.oneof(
  fc.json(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc
    .record({
      type: fc.oneof(fc.constantFrom('ariza', 'taklif', 'shikoyat'), fc.string()),
      applicant: fc.oneof(
        fc.constant({ kind: 'anonymous' }),
        fc.record({
          kind: fc.constantFrom('individual', 'legal_entity', 'x'),
          lastName: fc.string(),
          address: fc.string(),
        }),
        fc.anything(),
      ),
      text: fc.string({ maxLength: 400 }),
      territory: fc.oneof(fc.string(), fc.constant('1726266')),
      consent: fc.oneof(fc.constant(true), fc.anything()),
      number: fc.oneof(fc.string(), fc.constant('IIV-2026-0000001')),
      accessCode: fc.string(),
      action: fc.constantFrom('route', 'accept', 'draft_answer', 'extend', 'merge', 'nope'),
      login: fc.string(),
      password: fc.string(),
    })
    .map((v) => JSON.stringify(v)),
  fc.string(),
  fc.uint8Array({ maxLength: 300 }),
);

const headerArb = fc.record(
  {
    'accept-language': fc.oneof(
      fc.constantFrom('uz', 'ru;q=0.5, en', 'uz-Cyrl', 'xx', '*;q=abc'),
      fc.string(),
    ),
    'if-match': fc.oneof(fc.nat().map(String), fc.string()),
    'x-csrf-token': fc.string({ maxLength: 80 }),
    'x-forwarded-for': fc.string({ maxLength: 40 }),
  },
  { requiredKeys: [] },
);

const queryArb = fc.oneof(
  fc
    .dictionary(
      fc.oneof(
        fc.constantFrom('q', 'status', 'page', 'pageSize', 'sort', 'queue', 'territory', 'lang', 'sandbox'),
        fc.string({ maxLength: 8 }),
      ),
      fc.string({ maxLength: 40 }),
    )
    .map((d) => `?${new URLSearchParams(d).toString()}`),
  fc.constantFrom(
    '',
    '?%zz',
    '?page=-1',
    '?pageSize=100000',
    '?status=registered,bogus',
    '?q=%00',
    '?a[b][c]=1',
  ),
);

/** Header values must be ByteStrings for fetch: keep what a client could actually send. */
function sendable(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([, v]) =>
      [...v].every((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) <= 0xff),
    ),
  );
}

function multipart(
  boundary: string,
  parts: { name: string; filename?: string; content: Buffer | string }[],
): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n`));
    if (p.filename) chunks.push(Buffer.from('Content-Type: application/octet-stream\r\n'));
    chunks.push(
      Buffer.from('\r\n'),
      Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export async function fuzzTest(runsPerRoute: number): Promise<Outcome> {
  const database = await freshDatabase('postgres');
  const server = await startServer(database);
  const problems: string[] = [];
  const details: string[] = [];
  let requests = 0;
  let slowest = 0;
  const statusSeen = new Map<number, number>();
  const check = (route: string, answer: Answer, request = '') => {
    requests += 1;
    slowest = Math.max(slowest, answer.ms);
    statusSeen.set(answer.status, (statusSeen.get(answer.status) ?? 0) + 1);
    const p = problem(route, answer);
    if (p && problems.length < 50) problems.push(request ? `${p}\n      request: ${request}` : p);
    return p === undefined;
  };
  try {
    const pool = await database.pool();
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const ministry = await db
      .selectFrom('units')
      .select('id')
      .where('code', '=', 'IIV')
      .executeTakeFirstOrThrow();
    await createUser(db, {
      login: 'rel.admin',
      role: 'admin',
      unitId: ministry.id,
      scopeSubtree: true,
      password: PASSWORD,
      mustChangePassword: false,
      actor: { id: null, label: 'reliability' },
      now: new Date(),
      audit,
    });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'rel.admin', password: PASSWORD }),
    });
    const session =
      login.headers
        .getSetCookie()
        .find((c) => c.startsWith('murojaat_session='))
        ?.split(';')[0] ?? '';
    const csrf = ((await login.json()) as { csrfToken?: string }).csrfToken ?? '';
    const filed = await fetch(`${server.url}/api/v1/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'ariza',
        applicant: { kind: 'individual', lastName: 'Karimov', firstName: 'Aziz', address: 'Toshkent sh.' },
        text: 'Telefonimni oʻgʻirlab ketishdi, yordam bering.',
        consent: true,
      }),
    });
    const real = (await filed.json()) as { number?: string };

    const docs = (await (await fetch(`${server.url}/api/docs/json`)).json()) as {
      paths?: Record<string, Record<string, unknown>>;
    };
    const routes: Route[] = [];
    for (const [p, methods] of Object.entries(docs.paths ?? {})) {
      for (const method of Object.keys(methods)) routes.push({ method: method.toUpperCase(), path: p });
    }
    // Signing out or changing the password would end the fuzzing session itself.
    const sessionSafe = (r: Route) => !/logout|password|sessions|totp/.test(r.path);
    details.push(`${routes.length} operations in /api/docs/json`);

    for (const route of routes) {
      const name = `${route.method} ${route.path}`;
      const pathArb = fc.oneof(
        fc.constant(real.number ?? 'IIV-2026-0000001'),
        fc.constantFrom('IIV-2026-0000001', 'x', '..%2F..', '%FF', '0', 'a'.repeat(300)),
        fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
      );
      await fc
        .assert(
          fc.asyncProperty(
            pathArb,
            queryArb,
            bodyArb,
            fc.constantFrom(...contentTypes),
            headerArb,
            fc.boolean(),
            async (param, query, body, contentType, headers, signedIn) => {
              const target = route.path.replace(/\{[^}]+\}/g, param);
              const all: Record<string, string> = { ...headers };
              if (contentType) all['content-type'] = contentType;
              if (signedIn && sessionSafe(route)) {
                all.cookie = session;
                all['x-csrf-token'] = csrf;
              }
              const answer = await send(`${server.url}${target}${query}`, {
                method: route.method,
                headers: sendable(all),
                body,
              });
              const shown = typeof body === 'string' ? body.slice(0, 160) : `<${body.length} bytes>`;
              return check(
                name,
                answer,
                `${route.method} ${target}${query} content-type=${JSON.stringify(contentType)} signed-in=${signedIn} body=${JSON.stringify(shown)}`,
              );
            },
          ),
          { numRuns: runsPerRoute, endOnFailure: true },
        )
        .catch(() => {
          // Counted in `problems` with the failing request's route.
        });
    }

    // The hostile classics, each against intake (the public, unauthenticated door) and tracking.
    const intake = `${server.url}/api/v1/appeals`;
    const json = { 'content-type': 'application/json' };
    const classics: [string, Answer][] = [];
    const huge = JSON.stringify({ type: 'ariza', text: 'x'.repeat(400_000), consent: true });
    classics.push([
      'oversized JSON (400 kB)',
      await send(intake, { method: 'POST', headers: json, body: huge }),
    ]);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    classics.push([
      'JSON nested 100,000 deep',
      await send(intake, { method: 'POST', headers: json, body: deep }),
    ]);
    const deepObject = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    classics.push([
      'object nested 20,000 deep',
      await send(intake, { method: 'POST', headers: json, body: deepObject }),
    ]);
    for (const type of ['text/plain', 'application/xml', 'image/png', 'application/json-patch+json']) {
      classics.push([
        `content type ${type}`,
        await send(intake, { method: 'POST', headers: { 'content-type': type }, body: '{}' }),
      ]);
    }
    const invalidUtf8 = Buffer.concat([
      Buffer.from('{"type":"ariza","text":"'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from('","consent":true}'),
    ]);
    classics.push([
      'invalid UTF-8 in JSON',
      await send(intake, { method: 'POST', headers: json, body: invalidUtf8 }),
    ]);
    classics.push([
      'invalid UTF-8 in tracking',
      await send(`${intake}/track`, {
        method: 'POST',
        headers: json,
        body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
      }),
    ]);
    const mp = 'multipart/form-data; boundary=abc';
    classics.push([
      'multipart with garbage',
      await send(intake, {
        method: 'POST',
        headers: { 'content-type': mp },
        body: 'garbage without any boundary',
      }),
    ]);
    classics.push([
      'multipart without boundary',
      await send(intake, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data' },
        body: '--abc\r\n',
      }),
    ]);
    const truncated = multipart('abc', [
      { name: 'text', content: 'Telefonimni oʻgʻirlab ketishdi.' },
    ]).subarray(0, 60);
    classics.push([
      'truncated multipart',
      await send(intake, { method: 'POST', headers: { 'content-type': mp }, body: truncated }),
    ]);
    const fields = [
      { name: 'type', content: 'ariza' },
      { name: 'applicant.kind', content: 'anonymous' },
      { name: 'text', content: 'Telefonimni oʻgʻirlab ketishdi, yordam bering.' },
      { name: 'consent', content: 'on' },
    ];
    const bigFile = multipart('abc', [
      ...fields,
      { name: 'file', filename: 'big.pdf', content: Buffer.alloc(12 * 1024 * 1024, 0x25) },
    ]);
    classics.push([
      '12 MB file',
      await send(intake, { method: 'POST', headers: { 'content-type': mp }, body: bigFile }),
    ]);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const manyFiles = multipart('abc', [
      ...fields,
      ...Array.from({ length: 8 }, (_, i) => ({ name: 'file', filename: `f${i}.pdf`, content: pdf })),
    ]);
    classics.push([
      '8 files',
      await send(intake, { method: 'POST', headers: { 'content-type': mp }, body: manyFiles }),
    ]);
    const exe = multipart('abc', [
      ...fields,
      { name: 'file', filename: 'x.pdf', content: Buffer.from('MZ\x90\x00 not a pdf') },
    ]);
    classics.push([
      'executable named .pdf',
      await send(intake, { method: 'POST', headers: { 'content-type': mp }, body: exe }),
    ]);
    const badJsonPart = multipart('abc', [{ name: 'appeal', content: '{not json' }]);
    classics.push([
      'multipart with broken JSON part',
      await send(intake, { method: 'POST', headers: { 'content-type': mp }, body: badJsonPart }),
    ]);
    const form = 'type=ariza&applicant.kind=anonymous&text=%FF%FE&consent=on';
    classics.push([
      'form with invalid percent-encoding',
      await send(intake, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      }),
    ]);
    for (const [label, answer] of classics) {
      const ok = check(`POST /api/v1/appeals (${label})`, answer);
      details.push(`${label}: ${answer.status} ${answer.code ?? ''}${ok ? '' : '  ← PROBLEM'}`);
    }
    await db.destroy();
  } finally {
    await server.stop();
    await database.drop();
  }
  details.unshift(
    `${requests} requests, answers by status: ${[...statusSeen]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ')}; slowest ${Math.round(slowest)} ms`,
  );
  details.push(...problems.map((p) => `PROBLEM ${p}`));
  return { name: 'fuzzing every endpoint (fast-check)', passed: problems.length === 0, details };
}
