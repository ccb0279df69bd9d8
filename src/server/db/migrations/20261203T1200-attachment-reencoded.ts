import { type Kysely, sql } from 'kysely';

// Only images the server decoded and wrote anew may be shown inline; files stored before that rule, and
// every file that is not such an image, are served as downloads.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table attachments add column reencoded boolean not null default false`.execute(db);
}
