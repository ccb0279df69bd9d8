import { type Kysely, sql } from 'kysely';

// Key rotation reaches the attachments kept in S3 (issue 18). Each row names the data key its object is sealed
// under, so a rotation finds the objects still under an older key, and `keys status` counts them, without
// fetching any. Null is "not known": files stored before this column (the rotation reads the object and records
// its key) and files on the disk, which are not sealed. A rotation waiting for the object store says since when.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table attachments add column sealed_key_id text check (sealed_key_id ~ '^[0-9a-f]{8}$')`.execute(
    db,
  );
  await sql`alter table key_rotations add column waiting_since timestamptz`.execute(db);
}
