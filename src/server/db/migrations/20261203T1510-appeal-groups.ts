import { type Kysely, sql } from 'kysely';

// Duplicates worked as one: a member appeal points at the group's lead, whose approved answer answers every
// member (each applicant gets their own letter). Nullable, nothing rewritten; the index serves "the members of
// this lead", asked on every card and every approval.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table appeals add column group_lead_id integer references appeals(id)`.execute(db);
  await sql`create index appeals_group_lead_idx on appeals (group_lead_id) where group_lead_id is not null`.execute(
    db,
  );
  // A lead is never a member: a group is one level deep, so answering it never recurses.
  await sql`alter table appeals add constraint appeals_group_not_self check (group_lead_id is null or group_lead_id <> id)`.execute(
    db,
  );
}
