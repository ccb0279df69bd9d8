import { type Kysely, sql } from 'kysely';

// Retention (docs/operations.md, "Retention"): after the term an administrator set per type and outcome, a
// daily job replaces the personal data of a closed appeal with a marker and keeps what statistics count.
// - appeals.anonymised_at: when that happened (null while the appeal still holds its personal data).
// - appeal_holds: a legal hold on one appeal (a court case, an inspection): a held appeal is never
//   anonymised. Lifting the hold deletes the row; the audit log keeps who held and lifted it and why.
// The terms themselves are a setting (key `retention` in `settings`).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table appeals add column anonymised_at timestamptz`.execute(db);
  // The job looks for closed appeals not yet anonymised, oldest answer first.
  await sql`
    create index appeals_retention_due on appeals (closed_at)
    where closed_at is not null and anonymised_at is null`.execute(db);
  await sql`
    create table appeal_holds (
      appeal_id bigint primary key references appeals(id),
      reason text not null check (length(reason) between 1 and 500),
      held_by integer references users(id),
      held_at timestamptz not null
    )`.execute(db);
}
