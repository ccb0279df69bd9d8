import pg from 'pg';

/**
 * A pool whose connections may lose their server without taking the process down.
 *
 * pg emits 'error' on a client whose server goes away (restart, outage, `pg_terminate_backend`, a
 * `drop database … with (force)`). An idle client passes it to its pool, a checked-out one keeps it; either
 * without a listener is an uncaught exception. A pool's `end()` also resolves before its clients' sockets have
 * closed, so even a pool that is finished can still receive one. Every pool of ours is made here.
 */
export function guardedPool(
  config: pg.PoolConfig,
  warn: (message: string) => void,
  what = 'database',
): pg.Pool {
  const pool = new pg.Pool(config);
  // Every client, idle or checked out (inside a transaction, between two statements), says so once. The
  // statement that needed the connection still fails (a request is answered 503); the pool replaces it.
  pool.on('connect', (client) =>
    client.on('error', (error) => warn(`${what} connection lost: ${error.message}`)),
  );
  // An idle client also hands the error to its pool, which throws it on without a listener. Already said above.
  pool.on('error', () => {});
  return pool;
}

/**
 * One connection for a short command (seed, backup, restore, the job queue's install), guarded like the
 * pools' clients: losing its server is an 'error' event, which without a listener would end the process with
 * an uncaught exception instead of the command's own failure. The statement in flight, or the next one, fails
 * with the reason, and the command reports that; the listener only keeps the event from being thrown.
 */
export function guardedClient(config: pg.ClientConfig): pg.Client {
  const client = new pg.Client(config);
  client.on('error', () => {});
  return client;
}
