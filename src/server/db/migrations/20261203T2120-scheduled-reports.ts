import { type Kysely, sql } from 'kysely';

// Scheduled reports (docs/analytics.md, "Scheduled reports"): an administrator names a unit and the staff who
// receive its monthly report; on the 1st of each month a job writes the month before, once per recipient, as
// that recipient sees it.
// - report_schedules: the unit, a name, the language of the files, who made it; `deleted_at` retires one
//   (its reports stay with their recipients); `last_run_month`/`last_run_at` say what was last written.
// - report_schedule_recipients: the staff who receive it, one row each (foreign keys, not an array).
// - reports: one row per schedule × recipient × month (the unique key makes a run, or a retried job,
//   write each report once). A recipient who could not receive it that month (out of scope, wrong role,
//   account closed) gets a `skipped` row with the reason and no files. The e-mail's progress is kept beside.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_schedules (
      id serial primary key,
      unit_id integer not null references units(id),
      name text not null check (length(name) between 1 and 200),
      language text not null check (language in ('uz', 'oz', 'ru', 'en')),
      created_by integer references users(id),
      created_at timestamptz not null,
      active boolean not null default true,
      deleted_at timestamptz,
      last_run_month date,
      last_run_at timestamptz,
      check (active = (deleted_at is null))
    )`.execute(db);
  await sql`
    create table report_schedule_recipients (
      schedule_id integer not null references report_schedules(id),
      user_id integer not null references users(id),
      primary key (schedule_id, user_id)
    )`.execute(db);
  await sql`create index report_schedule_recipients_user on report_schedule_recipients (user_id)`.execute(db);
  await sql`
    create table reports (
      id bigserial primary key,
      schedule_id integer not null references report_schedules(id),
      user_id integer not null references users(id),
      unit_id integer not null references units(id),
      month date not null check (extract(day from month) = 1),
      status text not null check (status in ('generated', 'skipped')),
      skip_reason text check (skip_reason in ('out_of_scope', 'role', 'inactive')),
      generated_at timestamptz not null,
      pdf bytea,
      xlsx bytea,
      email_status text not null default 'none'
        check (email_status in ('none', 'queued', 'retrying', 'sent', 'failed', 'dropped')),
      email_error text,
      unique (schedule_id, user_id, month),
      check ((status = 'generated') = (pdf is not null and xlsx is not null)),
      check ((status = 'skipped') = (skip_reason is not null))
    )`.execute(db);
  await sql`create index reports_recipient on reports (user_id, month desc) where status = 'generated'`.execute(
    db,
  );
}
