import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { type Db, preparedRunner, type RunPrepared } from './database.ts';
import { guardedPool } from './guarded-pool.ts';
import type { Database } from './schema.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

// Reads on a streaming replica (DATABASE_REPLICA_URL; docs/operations.md, "Reads on a replica"). The read-heavy
// paths ask `ctx.readDb`; everything else, and every write, stays on the primary. The replica is used only while
// it is reachable and caught up: a check every few seconds compares its replayed WAL with the primary's, and a
// read whose replica connection fails is run again on the primary, so a replica dying or lagging costs time,
// never an answer.

export interface ReplicaStatus {
  /** Reads go to the replica now. */
  inUse: boolean;
  /** Seconds the replica is behind the primary (0 when caught up); null when it could not be asked. */
  lagSeconds: number | null;
  reason: 'ok' | 'unreachable' | 'lagging' | 'not-checked';
}

export interface ReadReplica {
  db: Db;
  prepared: RunPrepared;
  status(): ReplicaStatus;
  /** Reads served by the replica and by the primary instead, since start. */
  served: { replica: number; primary: number };
  /** Checks the replica now (the periodic check calls this). */
  check(): Promise<ReplicaStatus>;
  close(): Promise<void>;
}

interface Queryable {
  query(config: unknown, values?: unknown): Promise<pg.QueryResult>;
  release(error?: Error | boolean): void;
}

/**
 * Opens the replica's pool beside the primary's and returns a Kysely for reads that prefers the replica.
 * `maxLagSeconds`: further behind than this, reads go to the primary until it catches up.
 */
export function openReadReplica(options: {
  url: string;
  primary: pg.Pool;
  poolSize: number;
  maxLagSeconds: number;
  checkEveryMs?: number;
  warn(message: string): void;
}): ReadReplica {
  const replica = guardedPool(
    {
      connectionString: options.url,
      max: options.poolSize,
      // A replica that is gone must not hold a request for long: the primary answers instead.
      connectionTimeoutMillis: 1_500,
      query_timeout: 30_000,
      application_name: 'murojaat-read',
      options: '-c work_mem=32MB',
    },
    options.warn,
    'replica',
  );
  let state: ReplicaStatus = { inUse: false, lagSeconds: null, reason: 'not-checked' };
  const served = { replica: 0, primary: 0 };
  const setState = (next: ReplicaStatus) => {
    if (next.inUse !== state.inUse)
      options.warn(
        next.inUse ? 'reads go to the replica again' : `reads go to the primary: replica ${next.reason}`,
      );
    state = next;
  };

  const check = async (): Promise<ReplicaStatus> => {
    try {
      const [standby, primary] = await Promise.all([
        replica.query<{ replayed: string | null; since: number | null }>(
          `select pg_last_wal_replay_lsn()::text as replayed,
                  extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as since`,
        ),
        options.primary.query<{ current: string }>('select pg_current_wal_lsn()::text as current'),
      ]);
      const row = standby.rows[0];
      const current = primary.rows[0]?.current;
      if (!row?.replayed || !current) {
        // Not in recovery: a server that is not a standby (a promoted replica, or a copy) serves as it is.
        setState({ inUse: true, lagSeconds: 0, reason: 'ok' });
        return state;
      }
      const behind = await options.primary.query<{ bytes: number }>(
        'select pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::float8 as bytes',
        [current, row.replayed],
      );
      // Behind by some WAL: as old as the last transaction it replayed (never one yet: as far behind as can be).
      const lagSeconds =
        (behind.rows[0]?.bytes ?? 0) > 0 ? Math.max(0, row.since ?? Number.POSITIVE_INFINITY) : 0;
      setState({
        inUse: lagSeconds <= options.maxLagSeconds,
        lagSeconds,
        reason: lagSeconds <= options.maxLagSeconds ? 'ok' : 'lagging',
      });
    } catch {
      setState({ inUse: false, lagSeconds: null, reason: 'unreachable' });
    }
    return state;
  };
  const timer = setInterval(() => void check(), options.checkEveryMs ?? 2_000);
  timer.unref();
  void check();

  /** A client for one read: the replica's while it is in use, the primary's otherwise. */
  const connect = async (): Promise<Queryable> => {
    if (state.inUse) {
      try {
        const client = await replica.connect();
        return fallingBack(client);
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        setState({ inUse: false, lagSeconds: null, reason: 'unreachable' });
      }
    }
    served.primary += 1;
    return options.primary.connect();
  };
  /** A replica client whose statement, if the replica fails under it, runs again on the primary. */
  const fallingBack = (client: pg.PoolClient): Queryable => ({
    async query(config: unknown, values?: unknown) {
      try {
        const result = await client.query(config as pg.QueryConfig, values as unknown[]);
        served.replica += 1;
        return result;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        setState({ inUse: false, lagSeconds: null, reason: 'unreachable' });
        served.primary += 1;
        return options.primary.query(config as pg.QueryConfig, values as unknown[]);
      }
    },
    release: (error?: Error | boolean) => client.release(error),
  });
  const routed = {
    connect,
    async query(config: pg.QueryConfig) {
      const client = await connect();
      try {
        return await client.query(config);
      } finally {
        client.release();
      }
    },
    end: () => replica.end(),
  };
  const pool = routed as unknown as pg.Pool;
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    prepared: preparedRunner(pool),
    status: () => state,
    served,
    check,
    async close() {
      clearInterval(timer);
      await replica.end();
    },
  };
}
