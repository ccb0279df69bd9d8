import { type Kysely, sql } from 'kysely';

// Trends and alerts: a surge of appeals in one territory × category over one window, against the same
// window of the previous weeks (docs/analytics.md). One alert per territory × category × window: the
// hourly detector updates it as the window fills rather than raising another. Staff notices gain the
// kind that tells the territory's heads.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table surge_alerts (
      id serial primary key,
      territory_code text not null,
      category_code text not null,
      unit_id integer not null references units(id),
      window_from timestamptz not null,
      window_to timestamptz not null,
      observed integer not null,
      expected double precision not null,
      appeal_ids integer[] not null,
      shared_words text[] not null default '{}',
      campaign boolean not null default false,
      status text not null default 'open' check (status in ('open', 'acknowledged')),
      acknowledged_by integer references users(id),
      acknowledged_at timestamptz,
      note text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      unique (territory_code, category_code, window_from)
    )`.execute(db);
  await sql`create index surge_alerts_open on surge_alerts (unit_id, window_from desc) where status = 'open'`.execute(
    db,
  );
  await sql`alter table staff_notices drop constraint staff_notices_kind_check`.execute(db);
  await sql`
    alter table staff_notices add constraint staff_notices_kind_check
      check (kind in ('assigned', 'returned', 'awaiting_approval', 'due_soon', 'overdue', 'surge_alert'))`.execute(
    db,
  );
}
