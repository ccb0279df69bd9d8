import { type Kysely, sql } from 'kysely';

// The head's dashboard counts open appeals whose executor asked for an extension; the requests are a
// few history rows among millions.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index appeal_events_extension_requested on appeal_events (appeal_id) where event = 'extension_requested'`.execute(
    db,
  );
}
