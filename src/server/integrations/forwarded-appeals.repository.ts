import type { Db } from '../db/database.ts';

// SQL only: the appeals other systems forwarded in, by their ids there.

/** The appeal forwarded under these ids, with its current status and due day. */
export function findForwardedAppeal(db: Db, source: string, externalId: string) {
  return db
    .selectFrom('forwarded_appeals as f')
    .innerJoin('appeals as a', 'a.id', 'f.appeal_id')
    .select([
      'f.source',
      'f.external_id',
      'f.body_hash',
      'f.access_code_enc',
      'f.external_received_at',
      'a.number',
      'a.status',
      'a.due_on',
    ])
    .where('f.source', '=', source)
    .where('f.external_id', '=', externalId)
    .executeTakeFirst();
}

/** Records an appeal as forwarded under these ids; fails on the primary key if they were taken meanwhile. */
export async function insertForwardedAppeal(
  db: Db,
  row: {
    source: string;
    externalId: string;
    appealId: number;
    integrationId: number;
    bodyHash: Buffer;
    accessCodeEnc: Buffer | null;
    receivedAt: Date;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('forwarded_appeals')
    .values({
      source: row.source,
      external_id: row.externalId,
      appeal_id: row.appealId,
      integration_id: row.integrationId,
      body_hash: row.bodyHash,
      access_code_enc: row.accessCodeEnc,
      external_received_at: row.receivedAt,
      created_at: row.now,
    })
    .execute();
}

/** Where an appeal came from, if another system forwarded it in. */
export function originOf(db: Db, appealId: number) {
  return db
    .selectFrom('forwarded_appeals')
    .select(['source', 'external_id'])
    .where('appeal_id', '=', appealId)
    .executeTakeFirst();
}
