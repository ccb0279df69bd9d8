import { type Kysely, sql } from 'kysely';

// Appeals brought in from another register (`murojaat import`): which source row became which appeal, so a
// second run of the same file adds nothing, and the source's own number stays findable when ours differs.
// A bulk load also keeps quiet on the live feed: one announcement per imported row would flood every open
// console with appeals nobody needs to act on.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table appeal_imports (
      import_key text primary key,
      appeal_id bigint not null unique references appeals(id),
      source_number text,
      file_sha256 text not null,
      source_row integer not null,
      imported_at timestamptz not null
    )`.execute(db);
  await sql`create index appeal_imports_source_number on appeal_imports (source_number) where source_number is not null`.execute(
    db,
  );
  await sql`
    create or replace function appeals_announce_change() returns trigger language plpgsql as $$
    begin
      if current_setting('murojaat.bulk_load', true) = 'on' then
        return null;
      end if;
      perform pg_notify('murojaat_appeal_changed', json_build_object(
        'number', new.number,
        'status', new.status,
        'scope', new.scope_units,
        'oldScope', case when tg_op = 'UPDATE' then old.scope_units end,
        'subjectUnit', new.subject_unit_id,
        'subjectOfficer', new.subject_officer_id,
        'sandbox', new.sandbox
      )::text);
      return null;
    end $$`.execute(db);
}
