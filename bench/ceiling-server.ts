// The physical ceiling the benchmarks compare against: the same framework (Fastify), the same driver
// (pg Pool of the server's default size) and the same database, doing the least the endpoint could:
// one INSERT of an intake-sized appeals row, or one indexed SELECT by number. No validation, no
// batching, no history, no jobs, no audit.
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { attachRunningEmbedded } from '../src/server/db/embedded.ts';

const port = Number(process.env.PORT ?? 3100);
const databaseUrl = process.env.DATABASE_URL;
const connection = databaseUrl
  ? { connectionString: databaseUrl }
  : (await attachRunningEmbedded(process.env.DATA_DIR ?? './data'))?.requests;
if (!connection) throw new Error('No database: set DATABASE_URL, or DATA_DIR of a running embedded server.');
const pool = new pg.Pool({ ...connection, max: Number(process.env.DB_POOL_SIZE ?? 20) });

const unit = await pool.query<{ id: number; territory_code: string }>(
  "select id, territory_code from units where code like 'IIV-%-APP' order by id limit 1",
);
const unitId = unit.rows[0]?.id ?? 1;
const territory = unit.rows[0]?.territory_code ?? null;
const today = new Date().toISOString().slice(0, 10);
// Ceiling rows use the year 2999 so that they never collide with real numbers, and are marked sandbox so
// that no staff list or dashboard counts them (deleting them would cost more than the run itself).
const CEILING_YEAR = 2999;
const maxSeq = await pool.query<{ max: number | null }>(
  'select max(seq)::int as max from appeals where year = $1',
  [CEILING_YEAR],
);
let next = (maxSeq.rows[0]?.max ?? 0) + 1;

interface IntakeBody {
  type?: string;
  text?: string;
  applicant?: Record<string, unknown>;
}

const app = Fastify({ logger: false, bodyLimit: 256 * 1024 });
app.get('/readyz', async () => ({ status: 'ready' }));

app.post<{ Body: IntakeBody }>('/ceiling/intake', async (request, reply) => {
  const body = request.body;
  const n = next++;
  const number = `IIV-${CEILING_YEAR}-${String(n).padStart(7, '0')}`;
  const text = body.text ?? '';
  const result = await pool.query<{ id: number }>(
    `insert into appeals (number, year, seq, access_code_hash, type, form, channel, status, applicant_kind,
       applicant_enc, phone_hash, name_hash, text, text_latin, answer_language, answer_channel, territory_code,
       owner_unit_id, scope_units, received_at, received_on, registration_due_on, due_on, base_due_on,
       handover_due_on, forward_due_on, sandbox)
     values ($1, $2, $3, $4, $5, 'electronic', 'web', 'registered', 'individual', $6, $7, $8, $9, $10, 'uz', 'web',
       $11, $12, $13, now(), $14, $14, $14, $14, $14, $14, true)
     returning id`,
    [
      number,
      CEILING_YEAR,
      n,
      randomBytes(32),
      body.type ?? 'ariza',
      Buffer.from(JSON.stringify(body.applicant ?? {})),
      randomBytes(32),
      randomBytes(32),
      text,
      text.toLowerCase(),
      territory,
      unitId,
      [unitId],
      today,
    ],
  );
  return reply.status(201).send({ number, id: result.rows[0]?.id });
});

app.post<{ Body: { number?: string } }>('/ceiling/track', async (request, reply) => {
  const result = await pool.query('select * from appeals where number = $1', [request.body.number ?? '']);
  const row = result.rows[0];
  if (!row) return reply.status(404).send({ error: 'not found' });
  return { number: row.number, status: row.status, receivedAt: row.received_at, dueOn: row.due_on };
});

await app.listen({ port, host: '127.0.0.1' });
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
