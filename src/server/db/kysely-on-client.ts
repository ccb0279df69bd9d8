import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema.ts';

/**
 * A Kysely over one checked-out client, so that what is written through it (an audit append) joins the
 * transaction the client has open. Closing it leaves the client to its owner.
 */
export function kyselyOnClient(client: pg.Client): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: {
        connect: async () => ({
          query: client.query.bind(client),
          release: () => {},
        }),
        end: async () => {},
        options: {},
      },
    }),
  });
}
