import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { rebuildRollup, rollupTables } from '../analytics/daily-rollup.repository.ts';
import { rebuildRollup as rebuildOpenStats } from '../analytics/open-stats.repository.ts';
import type { AuditTrail } from '../audit/audit.ts';
import { guardedClient } from '../db/guarded-pool.ts';
import { kyselyOnClient } from '../db/kysely-on-client.ts';
import type { UnitDirectory } from '../routing/unit-directory.ts';
import type { DataProtector } from '../security/data-protector.ts';
import {
  generateAppeals,
  planSeed,
  type SeedAppeal,
  type SeedEvent,
  type SeedReference,
} from './generate-appeals.ts';
import type { SeedExecutor } from './seed-staff.ts';

/** What a seed run did, for the command's report. */
export interface SeedResult {
  appeals: number;
  /** The executor accounts the appeals are worked by (created, or reused from an earlier seed). */
  executors: number;
  events: number;
  answers: number;
  firstNumber: string | null;
  lastNumber: string | null;
  perYear: Record<string, number>;
  rebuiltIndexes: string[];
  seconds: { generateAndCopy: number; indexes: number; analyze: number; rollup: number; total: number };
}

export interface SeedRunOptions {
  /**
   * The owner's connection (it drops and rebuilds indexes); the seed opens its own, without the server
   * pool's per-query timeout.
   */
  connection: pg.ClientConfig;
  protector: DataProtector;
  audit: AuditTrail;
  ref: SeedReference;
  appeals: number;
  seed: number;
  years: number;
  until: Date;
  progress?: (message: string) => void;
}

const CHUNK = 10_000;
const APPEAL_COLUMNS = [
  'id',
  'number',
  'year',
  'seq',
  'access_code_hash',
  'type',
  'form',
  'channel',
  'status',
  'applicant_kind',
  'applicant_enc',
  'phone_hash',
  'pinfl_hash',
  'email_hash',
  'name_hash',
  'text',
  'text_latin',
  'language',
  'answer_language',
  'answer_channel',
  'territory_code',
  'category_code',
  'signatories',
  'urgent',
  'urgency_reason',
  'about_officer',
  'subject_unit_id',
  'owner_unit_id',
  'scope_units',
  'scope_reach',
  'parent_id',
  'link_kind',
  'merged_into_id',
  'received_at',
  'received_on',
  'registration_due_on',
  'due_on',
  'base_due_on',
  'handover_due_on',
  'forward_due_on',
  'proposal_notice_due_on',
  'extra_study',
  'head_extension_used',
  'info_due_on',
  'routed_at',
  'routing_confidence',
  'outcome',
  'closed_at',
  'forwarded_to',
  'executor_id',
  'rating',
  'rated_at',
  'updated_at',
] as const;

const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;

/** A value in COPY's text format. */
function text(value: string | null): string {
  if (value === null) return NULL;
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}
const bytes = (value: Buffer | null) => (value === null ? NULL : `\\\\x${value.toString('hex')}`);
const time = (value: Date | null) => (value === null ? NULL : value.toISOString());
const num = (value: number | null) => (value === null ? NULL : String(value));
const bool = (value: boolean) => (value ? 't' : 'f');

/**
 * The units that see an appeal through their subtree: what the `appeals_scope_reach` trigger computes,
 * here because the bulk load runs with triggers off (`session_replication_role = replica`).
 */
function scopeReach(scopeUnits: number[], units: UnitDirectory): number[] {
  return [...new Set(scopeUnits.flatMap((id) => units.ancestorIds(id)))].sort((a, b) => a - b);
}

function appealLine(
  a: SeedAppeal,
  protector: DataProtector,
  units: UnitDirectory,
  executorIds: ReadonlyMap<string, number>,
): string {
  const c = a.clock;
  const executorId = a.executor === null ? null : executorIds.get(a.executor);
  if (executorId === undefined) throw new Error(`no account was written for the executor ${a.executor}`);
  const fields = [
    String(a.id),
    a.number,
    String(a.year),
    String(a.seq),
    bytes(protector.accessCodeHash(a.number, a.accessCode)),
    a.type,
    a.form,
    a.channel,
    a.status,
    a.applicantKind,
    bytes(a.applicant ? protector.seal(a.applicant, a.number) : null),
    bytes(a.lookup.phone ? protector.lookupHash('phone', a.lookup.phone) : null),
    bytes(a.lookup.pinfl ? protector.lookupHash('pinfl', a.lookup.pinfl) : null),
    bytes(a.lookup.email ? protector.lookupHash('email', a.lookup.email) : null),
    bytes(a.lookup.name ? protector.lookupHash('name', a.lookup.name) : null),
    text(a.text),
    text(a.textLatin),
    text(a.language),
    a.answerLanguage,
    a.answerChannel,
    text(a.territoryCode),
    text(a.categoryCode),
    num(a.signatories),
    bool(a.urgent),
    text(a.urgencyReason),
    bool(a.aboutOfficer),
    num(a.subjectUnitId),
    String(a.ownerUnitId),
    `{${a.scopeUnits.join(',')}}`,
    `{${scopeReach(a.scopeUnits, units).join(',')}}`,
    num(a.parentId),
    text(a.linkKind),
    num(a.mergedIntoId),
    a.receivedAt.toISOString(),
    c.receivedOn,
    c.registrationDueOn,
    c.dueOn,
    c.baseDueOn,
    c.handoverDueOn,
    c.forwardDueOn,
    c.proposalNoticeDueOn ?? NULL,
    bool(c.extraStudy),
    bool(c.headExtensionUsed),
    a.infoDueOn ?? NULL,
    time(a.routedAt),
    num(a.routingConfidence),
    text(a.outcome),
    time(a.closedAt),
    text(a.forwardedTo),
    num(executorId),
    num(a.rating),
    time(a.ratedAt),
    a.updatedAt.toISOString(),
  ];
  return `${fields.join('\t')}\n`;
}

interface Chunk {
  appeals: string[];
  units: string[];
  events: string[];
  answers: string[];
}

function eventLine(appealId: number, e: SeedEvent): string {
  return `${appealId}\t${e.at.toISOString()}\t${e.event}\t${text(e.fromStatus)}\t${text(e.toStatus)}\t${e.actorKind}\t${bool(e.public)}\t${num(e.unitId)}\t${text(JSON.stringify(e.data))}\n`;
}

function childLines(a: SeedAppeal, out: Chunk): void {
  for (const u of a.units) {
    out.units.push(`${a.id}\t${u.unitId}\t${u.role}\t${u.position}\t${u.assignedAt.toISOString()}\n`);
  }
  for (const e of a.events) out.events.push(eventLine(a.id, e));
  if (a.shareWithExaminers)
    out.events.push(eventLine(a.shareWithExaminers.appealId, a.shareWithExaminers.event));
  for (const ans of a.answers) {
    out.answers.push(
      `${a.id}\t${ans.kind}\t${text(ans.body)}\t${text(ans.outcome)}\t${ans.status}\t${ans.createdAt.toISOString()}\t${time(ans.reviewedAt)}\t${text(ans.reviewComment)}\n`,
    );
  }
}

/** Streams lines into `COPY … FROM STDIN`, honouring back-pressure. */
async function copyLines(client: pg.Client, statement: string, lines: Iterable<string>): Promise<void> {
  const stream = client.query(copyFrom(statement));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
  });
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length >= 1 << 16) {
      if (!stream.write(buffer)) await new Promise((resolve) => stream.once('drain', resolve));
      buffer = '';
    }
  }
  if (buffer) stream.write(buffer);
  stream.end();
  await done;
}

/**
 * Writes the seed's executor accounts in one statement and answers their ids by login. Accounts an earlier
 * seed wrote (the same logins) are reused, and put back to what the seeded histories assume of them (an
 * active executor of the unit in the login) should someone have changed them; only the missing ones are
 * inserted, so a second seed takes no ids from the sequence for accounts it already has. Nobody signs in
 * as them: their password hash is no argon2 hash, so every password is refused until an administrator
 * sets one.
 */
async function writeExecutors(client: pg.Client, executors: SeedExecutor[]): Promise<Map<string, number>> {
  const { rows } = await client.query<{ id: number; login: string }>(
    `with wanted as (
       select * from unnest($1::text[], $2::text[], $3::int[]) as w(login, full_name, unit_id)
     ), restored as (
       update users u set role = 'executor', unit_id = w.unit_id, active = true
       from wanted w
       where u.login = w.login and (u.role <> 'executor' or u.unit_id <> w.unit_id or not u.active)
     ), added as (
       insert into users (login, full_name, role, unit_id, active, password_hash)
       select w.login, w.full_name, 'executor', w.unit_id, true, '!'
       from wanted w
       where not exists (select 1 from users u where u.login = w.login)
       returning id, login
     )
     select u.id, u.login from users u join wanted w on w.login = u.login
     union all
     select id, login from added`,
    [executors.map((e) => e.login), executors.map((e) => e.fullName), executors.map((e) => e.unitId)],
  );
  return new Map(rows.map((r) => [r.login, r.id]));
}

interface IndexDef {
  name: string;
  definition: string;
}

/** Secondary indexes (not backing a constraint) of the tables the seed fills. */
async function secondaryIndexes(client: pg.Client): Promise<IndexDef[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    join pg_class t on t.oid = i.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema()
      and t.relname in ('appeals', 'appeal_events', 'answers', 'appeal_units')
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
    order by 1`);
  return rows;
}

/**
 * Loads generated appeals with COPY in one transaction: appeals, their units, history and answers,
 * the year counters and one chained audit entry summarising the load. When the tables hold less than
 * the load, their secondary indexes are dropped first and rebuilt after (much faster than updating
 * them row by row). Concurrent intake waits for the transaction (the appeals table is locked).
 */
export async function seedAppeals(options: SeedRunOptions): Promise<SeedResult> {
  const { protector, ref } = options;
  const progress = options.progress ?? (() => {});
  const started = performance.now();
  // Index builds and the final VACUUM at a million rows take minutes: no client-side query timeout here.
  const client = guardedClient({ ...options.connection, query_timeout: undefined, statement_timeout: 0 });
  await client.connect();
  try {
    await client.query('begin');
    await client.query("set local maintenance_work_mem = '1GB'");
    await client.query("set local statement_timeout = '0'");
    const superuser = await client.query<{ rolsuper: boolean }>(
      'select rolsuper from pg_roles where rolname = current_user',
    );
    // Generated rows reference only the database's own reference rows; skipping the per-row foreign
    // key triggers (superusers only) is the usual bulk-load shortcut.
    if (superuser.rows[0]?.rolsuper) await client.query('set local session_replication_role = replica');
    await client.query('lock table appeals in exclusive mode');
    const existing = await client.query<{ max: number | null; n: number }>(
      'select max(id)::int as max, count(*)::int as n from appeals',
    );
    const firstId = (existing.rows[0]?.max ?? 0) + 1;
    const counters = await client.query<{ year: number; last_seq: number }>(
      'select year, last_seq from appeal_counters for update',
    );
    const lastSeq = new Map(counters.rows.map((r) => [r.year, r.last_seq]));
    const seedOptions = {
      appeals: options.appeals,
      seed: options.seed,
      years: options.years,
      until: options.until,
      firstId,
      lastSeq,
    };
    const { perYear, executors } = planSeed(ref, seedOptions);
    const executorIds = await writeExecutors(client, executors);

    const rebuild = (existing.rows[0]?.n ?? 0) < options.appeals * 2 ? await secondaryIndexes(client) : [];
    for (const index of rebuild) await client.query(`drop index ${index.name}`);

    let count = 0;
    let events = 0;
    let answers = 0;
    let firstNumber: string | null = null;
    let lastNumber: string | null = null;
    // Units that complaints about an answer add to the answered appeal's scope, applied after the COPY
    // (the answered appeal is usually in an earlier chunk), in the order intake would add them.
    const shares = new Map<number, Set<number>>();
    const generator = generateAppeals(ref, seedOptions);
    // Generation (this process) and COPY (the database) overlap: the next chunk is generated, yielding to
    // the event loop now and then so the socket keeps flushing, while the database ingests this one.
    const produce = async (): Promise<Chunk | undefined> => {
      const chunk: Chunk = { appeals: [], units: [], events: [], answers: [] };
      for (let k = 0; k < CHUNK; k++) {
        const next = generator.next();
        if (next.done) break;
        const appeal = next.value;
        firstNumber ??= appeal.number;
        lastNumber = appeal.number;
        chunk.appeals.push(appealLine(appeal, protector, ref.units, executorIds));
        childLines(appeal, chunk);
        if (appeal.shareWithExaminers) {
          const { appealId, units } = appeal.shareWithExaminers;
          const added = shares.get(appealId) ?? new Set<number>();
          for (const unit of units) added.add(unit);
          shares.set(appealId, added);
        }
        if (k % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
      }
      return chunk.appeals.length > 0 ? chunk : undefined;
    };
    let pending = produce();
    while (true) {
      const chunk = await pending;
      if (!chunk) break;
      pending = produce();
      await copyLines(client, `copy appeals (${APPEAL_COLUMNS.join(', ')}) from stdin`, chunk.appeals);
      await copyLines(
        client,
        'copy appeal_units (appeal_id, unit_id, role, position, assigned_at) from stdin',
        chunk.units,
      );
      await copyLines(
        client,
        'copy appeal_events (appeal_id, at, event, from_status, to_status, actor_kind, public, unit_id, data) from stdin',
        chunk.events,
      );
      await copyLines(
        client,
        'copy answers (appeal_id, kind, body, outcome, status, created_at, reviewed_at, review_comment) from stdin',
        chunk.answers,
      );
      count += chunk.appeals.length;
      events += chunk.events.length;
      answers += chunk.answers.length;
      if (count % 100_000 === 0) progress(`${count} appeals written`);
    }
    if (count % 100_000 !== 0) progress(`${count} appeals written`);
    if (shares.size > 0) {
      // Existing units first, then the added ones (as `share_with_examiners` unions them); the reach is
      // set here because the bulk load may run with triggers off.
      await client.query(
        `update appeals a
         set scope_units = s.units, scope_reach = unit_reach(s.units)
         from (
           select a2.id, array(
             select u from unnest(a2.scope_units || added.units) with ordinality t(u, n)
             group by u order by min(n)) as units
           from unnest($1::int[], $2::text[]) added_raw(id, units_text)
           cross join lateral (select added_raw.units_text::int[] as units) added
           join appeals a2 on a2.id = added_raw.id
         ) s
         where a.id = s.id`,
        [[...shares.keys()], [...shares.values()].map((units) => `{${[...units].join(',')}}`)],
      );
    }
    const copied = performance.now();

    for (const index of rebuild) {
      const t = performance.now();
      await client.query(index.definition);
      progress(`rebuilt ${index.name} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const indexed = performance.now();

    for (const [year, n] of perYear) {
      if (n === 0) continue;
      await client.query(
        `insert into appeal_counters (year, last_seq) values ($1, $2)
         on conflict (year) do update set last_seq = appeal_counters.last_seq + $3`,
        [year, (lastSeq.get(year) ?? 0) + n, n],
      );
    }
    await client.query(
      "select setval(pg_get_serial_sequence('appeals', 'id'), greatest((select max(id) from appeals), 1))",
    );
    await options.audit.append(kyselyOnClient(client), [
      {
        actor: { id: null, label: 'seed' },
        action: 'appeals.seed',
        targetType: 'appeals',
        targetId: `${firstNumber ?? ''}..${lastNumber ?? ''}`,
        data: {
          appeals: count,
          executors: executorIds.size,
          seed: options.seed,
          years: options.years,
          until: options.until.toISOString(),
          perYear: Object.fromEntries(perYear),
        },
        at: new Date(),
      },
    ]);
    await client.query('commit');

    const analyzeStart = performance.now();
    await client.query('vacuum (analyze) appeals, appeal_events, answers, appeal_units');
    const analyzed = performance.now();

    // The leader views' roll-ups (docs/analytics.md, "The daily roll-up"), recounted whole: the bulk load ran
    // with the triggers that mark its days off. Not in the load's transaction: the indexes rebuilt there over
    // rows it had updated (broken HOT chains) are marked `indcheckxmin`, and PostgreSQL lets no query of that
    // same transaction use them. Each day's answers were then a full scan of the appeals: 383 s for the
    // answered roll-up alone at 200,000 appeals on the embedded PostgreSQL 18, against 5 s after the commit.
    // Until this transaction commits, the views read the roll-ups as they were before the seed.
    await rebuildRollup(kyselyOnClient(client)).catch((error: unknown) => {
      throw new Error(
        `The ${count} appeals were loaded, but recounting the leader views' roll-ups failed ` +
          `(${error instanceof Error ? error.message : String(error)}): run \`murojaat analytics rollup --rebuild\`.`,
      );
    });
    // The open statistics too (`/{lang}/stats`, `/open-data/`): their hourly job would otherwise leave the
    // public page empty, or without the seeded years, for up to an hour. A running server publishes the new
    // rollup at its next request (it compares the rollup's time).
    await rebuildOpenStats(kyselyOnClient(client), new Date());
    // Their rows were just written, and the first reader of a page not yet vacuumed sets its hint bits (a
    // write): what autovacuum would have done before anyone read them.
    await client.query(`vacuum (analyze) ${rollupTables.join(', ')}, open_stats_monthly`);
    const end = performance.now();
    return {
      appeals: count,
      executors: executorIds.size,
      events,
      answers,
      firstNumber,
      lastNumber,
      perYear: Object.fromEntries([...perYear].map(([y, n]) => [String(y), n])),
      rebuiltIndexes: rebuild.map((i) => i.name),
      seconds: {
        generateAndCopy: round((copied - started) / 1000),
        indexes: round((indexed - copied) / 1000),
        analyze: round((analyzed - analyzeStart) / 1000),
        rollup: round((end - analyzed) / 1000),
        total: round((end - started) / 1000),
      },
    };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
