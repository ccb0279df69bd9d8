import { sql } from 'kysely';
import { canonicalLatin } from '../../nlp/normalize.ts';
import type { System } from '../boot.ts';
import type { Db } from '../db/database.ts';
import { seedAppeals } from '../seed/copy-seed.ts';

/** One appeal to clone: the Tashkent day and hour it was received, where, about what, and its text. */
export interface ClonedAppeal {
  on: string;
  hour: number;
  territory: string;
  category: string;
  text: string;
}

let seq = 500_000;

/**
 * Appeals cloned from the filed appeal `template` (numbers `T-…`), received when and where the rows say:
 * history for the surge detector's tests, written in one statement through the owner's connection.
 */
export async function cloneAppeals(ownerDb: Db, template: string, rows: ClonedAppeal[]): Promise<void> {
  const columns = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
     where table_schema = 'public' and table_name = 'appeals' and is_generated = 'NEVER'
       and column_name not in ('id', 'number', 'seq', 'received_at', 'received_on', 'territory_code',
                               'category_code', 'text', 'text_latin')`.execute(ownerDb);
  const kept = sql.join(columns.rows.map((c) => sql.ref(`appeals.${c.column_name}`)));
  const names = sql.join(columns.rows.map((c) => sql.ref(c.column_name)));
  const seqs = rows.map(() => ++seq);
  await sql`
    insert into appeals (${names}, number, seq, received_at, received_on, territory_code, category_code, text, text_latin)
    select ${kept}, 'T-' || v.seq, v.seq, v.at, v.received_day, v.territory, v.category, v.text, v.latin
      from appeals,
           unnest(${seqs}::int[],
                  ${rows.map((r) => `${r.on}T${String(r.hour).padStart(2, '0')}:00:00+05:00`)}::timestamptz[],
                  ${rows.map((r) => r.on)}::date[], ${rows.map((r) => r.territory)}::text[],
                  ${rows.map((r) => r.category)}::text[], ${rows.map((r) => r.text)}::text[],
                  ${rows.map((r) => canonicalLatin(r.text))}::text[])
             as v(seq, at, received_day, territory, category, text, latin)
     where appeals.number = ${template}`.execute(ownerDb);
}

/** Appeals from `murojaat seed`'s generator, loaded into a test system through its owner's connection. */
export function seedGenerated(
  system: System,
  options: { appeals: number; seed: number; years: number; until: Date },
): ReturnType<typeof seedAppeals> {
  return seedAppeals({
    connection: system.database.ownerConnection,
    protector: system.ctx.protector,
    audit: system.ctx.audit,
    ref: system.ctx.reference(),
    ...options,
  });
}
