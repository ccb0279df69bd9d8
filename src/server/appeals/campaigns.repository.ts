import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Scope } from './appeal.policy.ts';
import { inScope } from './appeals.repository.ts';

// SQL only for src/server/appeals/campaigns.ts: the campaign links of recent appeals, and the linked
// appeals the viewer may see.

/** Links triage made between members of mass appeals, for appeals received since `since`. */
export function campaignLinks(db: Db, since: Date) {
  return db
    .selectFrom('appeal_links')
    .innerJoin('appeals', 'appeals.id', 'appeal_links.appeal_id')
    .select(['appeal_links.appeal_id', 'appeal_links.other_id'])
    .where('appeal_links.kind', '=', 'campaign')
    .where('appeals.received_at', '>=', since)
    .where('appeals.sandbox', '=', false)
    .execute();
}

/** The appeals among `ids` the scope may see, with what a campaign shows of them. */
export function campaignMembers(db: Db, ids: readonly number[], scope: Scope) {
  return db
    .selectFrom('appeals')
    .select([
      'appeals.id',
      'appeals.number',
      'appeals.status',
      'appeals.received_at',
      'appeals.group_lead_id',
      'appeals.category_code',
      'appeals.territory_code',
      'appeals.text',
      // One applicant, however many appeals: the same PINFL, phone or name (keyed hashes), else the appeal.
      sql<string>`coalesce(encode(appeals.pinfl_hash, 'hex'), encode(appeals.phone_hash, 'hex'),
        encode(appeals.name_hash, 'hex'), appeals.id::text)`.as('applicant_key'),
    ])
    .where(sql<boolean>`appeals.id = any(${sql.val([...ids])}::int[])`)
    .where('appeals.sandbox', '=', false)
    .where(inScope(scope))
    .execute();
}
