import { type Kysely, sql } from 'kysely';

// Staff's own notices (the console's notification centre): an appeal assigned or returned to me, a draft
// awaiting my approval, a legal deadline a few working days away, an appeal overdue in my unit. A notice is
// written once per key, however many processes or runs find the same fact.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_notices (
      id bigserial primary key,
      user_id integer not null references users(id),
      appeal_id integer not null references appeals(id),
      kind text not null check (kind in ('assigned', 'returned', 'awaiting_approval', 'due_soon', 'overdue')),
      key text not null unique,
      created_at timestamptz not null,
      read_at timestamptz
    )`.execute(db);
  await sql`create index staff_notices_user_idx on staff_notices (user_id, created_at desc)`.execute(db);
  await sql`create index staff_notices_unread_idx on staff_notices (user_id) where read_at is null`.execute(
    db,
  );
}
