import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaffAgent, startTestSystem, type TestSystem } from '../../app/testing/test-system.ts';
import { debianPostgresBin, type ReplicaPair, startReplicaPair } from './testing/replica-pair.ts';

// DATABASE_REPLICA_URL against a real streaming replica on loopback: lists and tracking read there, a replica
// that lags or dies sends reads back to the primary, and nothing fails meanwhile.
const bin = debianPostgresBin();
if (!bin)
  console.warn(
    'read-replica tests skipped: no Debian PostgreSQL server binaries (apt-get install postgresql)',
  );

let pair: ReplicaPair;
let t: TestSystem;
let clerk: StaffAgent;

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const listed = async (number: string) => {
  const response = await clerk.request({
    method: 'GET',
    url: '/api/v1/appeals?pageSize=200',
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: { number: string }[] }>().items.some((i) => i.number === number);
};

describe.skipIf(!bin)('reads on a streaming replica', () => {
  beforeAll(async () => {
    pair = await startReplicaPair(bin ?? '');
    t = await startTestSystem({
      databaseUrl: pair.primaryUrl,
      env: { DATABASE_REPLICA_URL: pair.replicaUrl, DATABASE_REPLICA_MAX_LAG_SECONDS: '1' },
    });
    clerk = await t.staff('replica-clerk', 'clerk', 'IIV', { scopeSubtree: true });
  }, 180_000);

  afterAll(async () => {
    await t?.stop();
    await pair?.stop();
  });

  it('serves the list from the replica, and tracks an appeal filed a moment ago through the primary', async () => {
    const replica = t.system.replica;
    if (!replica) throw new Error('no replica configured');
    await until('the replica in use', async () => ((await replica.check()).inUse ? true : undefined));
    const filed = await t.fileAppeal();
    const track = await t.request({
      method: 'POST',
      url: '/api/v1/appeals/track',
      payload: { number: filed.number, accessCode: filed.accessCode },
    });
    expect(track.statusCode, track.body).toBe(200);
    // One list request read wholly on the replica (none of its reads on the primary) that holds the appeal.
    // Under a loaded machine the replica may fall behind the 1 s limit for a moment and a request reads on
    // the primary instead: such a request does not count, and the next one is asked.
    const fromReplica = await until('a list read on the replica that holds the appeal', async () => {
      const before = { ...replica.served };
      const found = await listed(filed.number);
      const onReplica = replica.served.replica > before.replica && replica.served.primary === before.primary;
      return found && onReplica ? replica.served : undefined;
    });
    expect(fromReplica.replica).toBeGreaterThan(0);
  });

  it('sends reads to the primary while the replica lags beyond the limit, and back when it catches up', async () => {
    const replica = t.system.replica;
    if (!replica) throw new Error('no replica configured');
    await pair.onReplica('select pg_wal_replay_pause()');
    const late = await t.fileAppeal();
    const lagging = await until('the lag to be seen', async () => {
      const status = await replica.check();
      return status.reason === 'lagging' ? status : undefined;
    });
    expect(lagging.inUse).toBe(false);
    const before = replica.served.primary;
    expect(await listed(late.number)).toBe(true);
    expect(replica.served.primary).toBeGreaterThan(before);
    await pair.onReplica('select pg_wal_replay_resume()');
    await until('the replica to catch up', async () => ((await replica.check()).inUse ? true : undefined));
  });

  it('keeps answering when the replica dies', async () => {
    const replica = t.system.replica;
    if (!replica) throw new Error('no replica configured');
    const filed = await t.fileAppeal();
    await pair.stopReplica();
    // The first read after the replica died finds out by itself, before any check has run.
    expect(await listed(filed.number)).toBe(true);
    expect(replica.status().inUse).toBe(false);
    const track = await t.request({
      method: 'POST',
      url: '/api/v1/appeals/track',
      payload: { number: filed.number, accessCode: filed.accessCode },
    });
    expect(track.statusCode).toBe(200);
    expect((await replica.check()).reason).toBe('unreachable');
  });
});
