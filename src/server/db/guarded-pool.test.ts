import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { guardedClient, guardedPool } from './guarded-pool.ts';

// The server ending a connection of ours (restart, outage, `drop database … with (force)`) must be a warning,
// never an uncaught exception: CI once failed on one from the owner's pool of `murojaat migrate`.
describe('a guarded pool', () => {
  const info = inject('testDatabase');

  async function terminate(pid: number) {
    const admin = new pg.Client(info.admin);
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
  }

  async function backendOf(on: pg.Pool | pg.PoolClient): Promise<number> {
    const { rows } = await on.query<{ pid: number }>('select pg_backend_pid() as pid');
    return rows[0]?.pid ?? -1;
  }

  async function lost(warnings: string[], count: number) {
    for (let i = 0; i < 100 && warnings.length < count; i++) await new Promise((r) => setTimeout(r, 50));
  }

  it('warns when an idle connection loses its server, and answers the next query on a new one', async () => {
    const warnings: string[] = [];
    const pool = guardedPool({ ...info.admin, max: 1 }, (m) => warnings.push(m));
    try {
      const first = await backendOf(pool);
      await terminate(first);
      await lost(warnings, 1);
      expect(warnings[0]).toMatch(/^database connection lost: terminating connection/);
      expect(await backendOf(pool)).not.toBe(first);
    } finally {
      await pool.end();
    }
  });

  it('warns when a checked-out connection loses its server, and the next statement on it fails', async () => {
    const warnings: string[] = [];
    const pool = guardedPool({ ...info.admin, max: 1 }, (m) => warnings.push(m), 'replica');
    const client = await pool.connect();
    try {
      await terminate(await backendOf(client));
      await lost(warnings, 1);
      // pg reports the server's message, then (for a checked-out client) the socket's end.
      expect(warnings[0]).toMatch(/^replica connection lost: terminating connection/);
      expect(warnings.every((w) => w.startsWith('replica connection lost: '))).toBe(true);
      await expect(client.query('select 1')).rejects.toThrow();
    } finally {
      client.release(true);
      await pool.end();
    }
  });

  it('keeps a command’s single connection from throwing when its server goes, and fails its next statement', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    const client = guardedClient(info.admin);
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      await terminate(rows[0]?.pid ?? -1);
      await new Promise((r) => setTimeout(r, 300));
      await expect(client.query('select 1')).rejects.toThrow();
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
      await client.end().catch(() => {});
    }
  });
});
