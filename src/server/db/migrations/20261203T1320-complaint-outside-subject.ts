import { type Kysely, sql } from 'kysely';

// A complaint about an officer is never held by the officer's body or anything below it (ZRU-445; 59-FZ
// art. 8; the MIA's own rule). The application decides it at intake and on every change; from here on the
// database refuses any row that breaks it, whatever code path (or person) writes it: `scope_reach` holds
// the units that see the appeal and all their ancestors, so a scope unit inside the subject puts the
// subject into the reach.
//
// Appeals written before this rule was complete (an urgent complaint left with the subject's duty unit,
// a complaint recognised from its text still in the subject's appeals unit) are first moved the way staff
// would mark them — to internal security of the body above, with its duty unit when urgent — with a line
// in their history, so that the constraint can then be validated.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table appeals add constraint appeals_complaint_outside_subject
    check (subject_unit_id is null or not (scope_reach @> array[subject_unit_id])) not valid`.execute(db);

  await sql`
    create temporary table misplaced_complaints as
    select a.id, a.status, a.urgent, coalesce(isec.id, above.id) as examiner, duty.id as duty
    from appeals a
    join units subject on subject.id = a.subject_unit_id
    join units above on above.id = coalesce(subject.parent_id, subject.id)
    left join units isec on isec.parent_id = above.id and isec.service = 'internal_security' and isec.active
      and isec.id <> subject.id
    left join units duty on duty.parent_id = above.id and duty.service = 'duty' and duty.active and a.urgent
      and duty.id <> subject.id
    where a.scope_reach @> array[a.subject_unit_id]`.execute(db);

  await sql`
    update appeals a set
      scope_units = array[m.examiner] || coalesce(array[m.duty], '{}'),
      owner_unit_id = m.examiner,
      executor_id = null,
      about_officer = true,
      status = case when a.status = 'registered' then 'assigned' else a.status end,
      version = a.version + 1,
      updated_at = now()
    from misplaced_complaints m where m.id = a.id`.execute(db);
  await sql`delete from appeal_units u using misplaced_complaints m where u.appeal_id = m.id`.execute(db);
  await sql`
    insert into appeal_units (appeal_id, unit_id, role, position, assigned_at)
    select m.id, m.examiner, 'lead', 0, now() from misplaced_complaints m
    union all
    select m.id, m.duty, 'co', 1, now() from misplaced_complaints m where m.duty is not null`.execute(db);
  await sql`
    insert into appeal_events (appeal_id, at, event, from_status, to_status, actor_id, actor_kind, public, unit_id, data)
    select m.id, now(), 'routed_officer_complaint', m.status,
      case when m.status = 'registered' then 'assigned' else m.status end,
      null, 'system', true, m.examiner,
      json_build_object('repair', 'moved out of the unit the complaint is about')
    from misplaced_complaints m`.execute(db);

  await sql`drop table misplaced_complaints`.execute(db);
  await sql`alter table appeals validate constraint appeals_complaint_outside_subject`.execute(db);
}
