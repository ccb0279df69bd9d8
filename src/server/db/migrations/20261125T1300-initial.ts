import { type Kysely, sql } from 'kysely';

// The appeal's spine: reference data, units, staff, appeals with their history, the audit chain and
// notifications. Outbound jobs live in pg-boss's own tables, written in the same transaction. Forward-only; never import application code here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table territories (
      code text primary key,
      parent_code text references territories(code),
      kind text not null check (kind in ('country', 'region', 'district', 'city', 'city_district')),
      name_uz text not null,
      name_oz text not null,
      name_ru text not null,
      name_en text not null,
      population integer,
      population_year integer,
      active boolean not null default true,
      sort integer not null default 0
    )`.execute(db);
  await sql`create index territories_parent on territories (parent_code)`.execute(db);

  await sql`
    create table units (
      id serial primary key,
      code text not null unique,
      parent_id integer references units(id),
      level text not null check (level in ('ministry', 'directorate', 'department', 'service')),
      service text,
      territory_code text references territories(code),
      path text not null,
      name_uz text not null,
      name_oz text not null,
      name_ru text not null,
      name_en text not null,
      active boolean not null default true
    )`.execute(db);
  await sql`create index units_parent on units (parent_id)`.execute(db);
  await sql`create index units_path on units (path text_pattern_ops)`.execute(db);
  await sql`create index units_territory_service on units (territory_code, service)`.execute(db);

  await sql`
    create table categories (
      code text primary key,
      service text not null,
      officer_complaint boolean not null default false,
      name_uz text not null,
      name_oz text not null,
      name_ru text not null,
      name_en text not null,
      description_uz text not null default '',
      description_oz text not null default '',
      description_ru text not null default '',
      description_en text not null default '',
      sort integer not null default 0,
      active boolean not null default true
    )`.execute(db);

  await sql`
    create table routing_rules (
      id serial primary key,
      category_code text references categories(code),
      territory_code text references territories(code),
      unit_id integer references units(id),
      service text,
      priority integer not null default 0,
      active boolean not null default true,
      note text not null default '',
      created_at timestamptz not null default now(),
      check (unit_id is not null or service is not null)
    )`.execute(db);

  await sql`
    create table calendar_days (
      day date primary key,
      kind text not null check (kind in ('public_holiday', 'observed_day_off', 'additional_day_off', 'transferred_day_off', 'working_day')),
      name_uz text not null default '',
      name_oz text not null default '',
      name_ru text not null default '',
      name_en text not null default '',
      estimated boolean not null default false,
      source text not null default ''
    )`.execute(db);

  await sql`
    create table settings (
      key text primary key,
      value jsonb not null,
      updated_at timestamptz not null default now(),
      updated_by integer
    )`.execute(db);

  await sql`
    create table users (
      id serial primary key,
      login text not null unique,
      full_name text not null default '',
      role text not null check (role in ('operator', 'clerk', 'executor', 'head', 'internal_security', 'analyst', 'admin', 'auditor')),
      unit_id integer not null references units(id),
      scope_subtree boolean not null default false,
      password_hash text not null,
      must_change_password boolean not null default true,
      totp_secret_enc bytea,
      totp_enabled boolean not null default false,
      failed_logins integer not null default 0,
      locked_until timestamptz,
      active boolean not null default true,
      language text not null default 'uz',
      created_at timestamptz not null default now(),
      password_changed_at timestamptz
    )`.execute(db);

  await sql`
    create table sessions (
      id text primary key,
      user_id integer not null references users(id),
      csrf_token text not null,
      second_factor_done boolean not null default false,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`.execute(db);
  await sql`create index sessions_user on sessions (user_id)`.execute(db);

  await sql`
    create table appeal_counters (
      year integer primary key,
      last_seq integer not null
    )`.execute(db);

  await sql`
    create table appeals (
      id bigserial primary key,
      number text not null unique,
      year integer not null,
      seq integer not null,
      access_code_hash bytea not null,
      type text not null check (type in ('ariza', 'taklif', 'shikoyat')),
      form text not null check (form in ('oral', 'written', 'electronic')),
      channel text not null,
      status text not null,
      applicant_kind text not null check (applicant_kind in ('individual', 'legal_entity', 'anonymous')),
      applicant_enc bytea,
      phone_hash bytea,
      pinfl_hash bytea,
      email_hash bytea,
      name_hash bytea,
      text text not null,
      text_latin text not null,
      language text,
      answer_language text not null,
      answer_channel text not null,
      territory_code text references territories(code),
      category_code text references categories(code),
      lat double precision,
      lon double precision,
      signatories integer,
      urgent boolean not null default false,
      urgency_reason text,
      about_officer boolean not null default false,
      subject_unit_id integer references units(id),
      subject_officer_id integer references users(id),
      owner_unit_id integer not null references units(id),
      scope_units integer[] not null,
      executor_id integer references users(id),
      parent_id bigint references appeals(id),
      link_kind text check (link_kind in ('repeat', 'complaint')),
      merged_into_id bigint references appeals(id),
      received_at timestamptz not null,
      received_on date not null,
      registration_due_on date not null,
      due_on date not null,
      base_due_on date not null,
      handover_due_on date not null,
      forward_due_on date not null,
      proposal_notice_due_on date,
      extra_study boolean not null default false,
      head_extension_used boolean not null default false,
      routed_at timestamptz,
      routing_confidence real,
      outcome text check (outcome in ('satisfied', 'explained', 'rejected')),
      closed_at timestamptz,
      forwarded_to text,
      rating smallint check (rating between 1 and 5),
      rating_comment text,
      rated_at timestamptz,
      created_by integer references users(id),
      sandbox boolean not null default false,
      updated_at timestamptz not null default now(),
      version integer not null default 0,
      unique (year, seq)
    )`.execute(db);
  await sql`create index appeals_scope on appeals using gin (scope_units)`.execute(db);
  await sql`create index appeals_status_due on appeals (status, due_on)`.execute(db);
  await sql`create index appeals_received on appeals (received_at desc)`.execute(db);
  await sql`create index appeals_owner on appeals (owner_unit_id, status)`.execute(db);
  await sql`create index appeals_phone on appeals (phone_hash) where phone_hash is not null`.execute(db);
  await sql`create index appeals_pinfl on appeals (pinfl_hash) where pinfl_hash is not null`.execute(db);
  await sql`create index appeals_parent on appeals (parent_id) where parent_id is not null`.execute(db);
  await sql`create index appeals_text_trgm on appeals using gin (text_latin gin_trgm_ops)`.execute(db);

  await sql`
    create table appeal_units (
      appeal_id bigint not null references appeals(id),
      unit_id integer not null references units(id),
      role text not null check (role in ('lead', 'co')),
      position smallint not null,
      assigned_at timestamptz not null,
      assigned_by integer references users(id),
      primary key (appeal_id, unit_id)
    )`.execute(db);
  await sql`create index appeal_units_unit on appeal_units (unit_id)`.execute(db);

  await sql`
    create table appeal_events (
      id bigserial primary key,
      appeal_id bigint not null references appeals(id),
      at timestamptz not null,
      event text not null,
      from_status text,
      to_status text,
      actor_id integer references users(id),
      actor_kind text not null check (actor_kind in ('applicant', 'staff', 'system')),
      public boolean not null default true,
      unit_id integer references units(id),
      data jsonb not null default '{}'
    )`.execute(db);
  await sql`create index appeal_events_appeal on appeal_events (appeal_id, id)`.execute(db);

  await sql`
    create table answers (
      id bigserial primary key,
      appeal_id bigint not null references appeals(id),
      kind text not null check (kind in ('answer', 'conclusion')),
      body text not null,
      outcome text check (outcome in ('satisfied', 'explained', 'rejected')),
      status text not null check (status in ('draft', 'returned', 'approved')),
      author_id integer references users(id),
      created_at timestamptz not null,
      reviewer_id integer references users(id),
      reviewed_at timestamptz,
      review_comment text
    )`.execute(db);
  await sql`create index answers_appeal on answers (appeal_id, id)`.execute(db);

  await sql`
    create table attachments (
      id uuid primary key,
      appeal_id bigint not null references appeals(id),
      answer_id bigint references answers(id),
      filename text not null,
      mime text not null,
      size integer not null,
      sha256 text not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index attachments_appeal on attachments (appeal_id)`.execute(db);

  await sql`
    create table audit_log (
      id bigserial primary key,
      at timestamptz not null,
      actor_id integer,
      actor_label text not null,
      action text not null,
      target_type text not null,
      target_id text not null,
      data jsonb not null default '{}',
      prev_hash text not null,
      hash text not null
    )`.execute(db);
  await sql`create index audit_target on audit_log (target_type, target_id)`.execute(db);
  // Append-only at the database level too: an edit or delete has to drop this trigger first.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_no_change before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);

  await sql`
    create table notifications (
      id bigserial primary key,
      job_id text unique,
      appeal_id bigint references appeals(id),
      channel text not null,
      template text not null,
      language text not null,
      status text not null,
      created_at timestamptz not null,
      sent_at timestamptz,
      error text
    )`.execute(db);
  await sql`create index notifications_appeal on notifications (appeal_id)`.execute(db);
}
