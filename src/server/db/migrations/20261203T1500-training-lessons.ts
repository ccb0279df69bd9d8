import { type Kysely, sql } from 'kysely';

// Guided lessons of the training sandbox. A run says which sandbox appeal a trainee's lesson set up (or,
// for a lesson where the trainee registers the appeal, when they started); it goes when the sandbox
// appeal is cleared away. A completion is kept for good — the first pass of each lesson by each person —
// so a head can see who has not done their training, whatever happened to the demo appeals since.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table training_lesson_runs (
      id serial primary key,
      user_id integer not null references users(id),
      lesson_id text not null,
      appeal_id integer references appeals(id) on delete cascade,
      started_at timestamptz not null
    )
  `.execute(db);
  await sql`create index training_lesson_runs_newest on training_lesson_runs (user_id, lesson_id, id desc)`.execute(
    db,
  );
  await sql`
    create table training_lesson_completions (
      user_id integer not null references users(id),
      lesson_id text not null,
      appeal_id integer references appeals(id) on delete set null,
      completed_at timestamptz not null,
      primary key (user_id, lesson_id)
    )
  `.execute(db);
}
