import { describe, expect, it } from 'vitest';
import {
  AuditKey,
  type ChainRow,
  ChainWalk,
  type CheckpointSource,
  describeProblem,
  formatCheckpoint,
  GENESIS_HASH,
  legacyRowHash,
  parseCheckpoint,
} from './audit-chain.ts';

const key = new AuditKey(Buffer.alloc(32, 1));
const otherKey = new AuditKey(Buffer.alloc(32, 2));

/** A chain of `count` rows: the first `unkeyed` ones hashed the old way, the rest keyed. */
function chain(count: number, unkeyed = 0): ChainRow[] {
  const rows: ChainRow[] = [];
  let prev = GENESIS_HASH;
  for (let id = 1; id <= count; id += 1) {
    const fields = {
      at: new Date(Date.UTC(2026, 11, 1, 9, 0, id)).toISOString(),
      actorId: 7,
      actorLabel: 'clerka',
      action: 'appeal.view',
      targetType: 'appeal',
      targetId: `2026-${id}`,
      data: { b: 1, a: [id, { z: true, y: null }] },
    };
    const keyed = id > unkeyed;
    const hash = keyed ? key.rowHash(prev, fields) : legacyRowHash(prev, fields);
    rows.push({ ...fields, id, prevHash: prev, hash, hashKind: keyed ? 'hmac-sha256' : 'sha256' });
    prev = hash;
  }
  return rows;
}

function checkpointOf(rows: ChainRow[], entries: number, signer = key): CheckpointSource {
  const head = rows[entries - 1];
  if (!head) throw new Error('no such entry');
  const fields = {
    entries,
    lastId: head.id,
    headHash: head.hash,
    keyedFrom: rows.find((r) => r.hashKind === 'hmac-sha256')?.id ?? 0,
    at: `2026-12-01T10:00:${String(entries).padStart(2, '0')}.000Z`,
  };
  return { checkpoint: { ...fields, mac: signer.checkpointMac(fields) }, source: 'test', line: entries };
}

function walk(rows: ChainRow[], checkpoints: CheckpointSource[] = [], anchor?: string) {
  const w = new ChainWalk(key, checkpoints);
  for (const row of rows) w.add(row);
  return w.finish(anchor);
}

/** What an attacker without the key can do after editing: recompute SHA-256 from one row on. */
function rehashFrom(rows: ChainRow[], fromId: number, relabel: boolean): ChainRow[] {
  let prev = GENESIS_HASH;
  return rows.map((row) => {
    if (row.id < fromId) {
      prev = row.hash;
      return row;
    }
    const hash = legacyRowHash(prev, row);
    const rewritten: ChainRow = { ...row, prevHash: prev, hash, hashKind: relabel ? 'sha256' : row.hashKind };
    prev = hash;
    return rewritten;
  });
}

describe('the keyed audit chain', () => {
  it('verifies an intact chain, unkeyed rows before keyed ones included, with its checkpoints', () => {
    const rows = chain(10, 4);
    const result = walk(rows, [checkpointOf(rows, 6), checkpointOf(rows, 10)], rows[9]?.hash);
    expect(result).toMatchObject({ ok: true, checked: 10, keyedFrom: 5, head: { id: 10 } });
    expect(result.checkpoints).toEqual({ valid: 2, newest: { at: '2026-12-01T10:00:10.000Z', entries: 10 } });
  });

  it('names an edited row and reports the rows re-hashed after it as one run', () => {
    const rows = chain(10);
    const edited = rows.map((r) => (r.id === 4 ? { ...r, actorLabel: 'system' } : r));
    expect(walk(edited).problems).toEqual([{ problem: 'edited', id: 4 }]);
    const rehashed = rehashFrom(edited, 4, false);
    expect(walk(rehashed).problems).toEqual([
      { problem: 'edited', id: 4 },
      { problem: 'rehashed', id: 5, toId: 10, rows: 6, after: 4 },
    ]);
  });

  it('names the first row relabelled as unkeyed, and checkpoints say where keyed rows began', () => {
    const rows = chain(10, 2);
    expect(walk(rehashFrom(rows, 6, true)).problems[0]).toEqual({ problem: 'unkeyed', id: 6, keyedFrom: 3 });
    // Everything rewritten as an unkeyed chain looks consistent on its own; the checkpoint says otherwise.
    const all = rehashFrom(rows, 1, true);
    expect(walk(all).ok).toBe(true);
    const problems = walk(all, [checkpointOf(rows, 8)]).problems;
    expect(problems[0]).toEqual({ problem: 'unkeyed', id: 3, keyedFrom: 3 });
    expect(problems).toContainEqual(expect.objectContaining({ problem: 'checkpoint_mismatch', position: 8 }));
  });

  it('finds a row deleted without re-hashing by the broken link after it', () => {
    const rows = chain(6).filter((r) => r.id !== 3);
    expect(walk(rows).problems).toEqual([{ problem: 'chain_broken', id: 4 }]);
  });

  it('reports entries missing since a checkpoint, and an empty chain that a checkpoint says was not', () => {
    const rows = chain(90);
    const kept = rows.slice(0, 57);
    const result = walk(kept, [checkpointOf(rows, 40), checkpointOf(rows, 90)]);
    expect(result.problems).toEqual([
      expect.objectContaining({ problem: 'entries_missing', id: 57, from: 58, to: 90, checkpointLastId: 90 }),
    ]);
    expect(describeProblem(result.problems[0] ?? { problem: 'edited', id: 0 })).toContain(
      'entries 58–90 missing since the checkpoint of 2026-12-01T10:00:90.000Z',
    );
    const empty = walk([], [checkpointOf(rows, 90)]);
    expect(empty.problems.map(describeProblem)).toEqual([
      'chain is empty but the checkpoint of 2026-12-01T10:00:90.000Z says 90 entries',
    ]);
  });

  it('reports a chain rebuilt under a checkpoint once, counting the other checkpoints that disagree', () => {
    const rows = chain(10);
    const rebuilt = rehashFrom(rows, 2, false);
    const problems = walk(rebuilt, [
      checkpointOf(rows, 5),
      checkpointOf(rows, 7),
      checkpointOf(rows, 9),
    ]).problems;
    expect(problems).toContainEqual({
      problem: 'checkpoint_mismatch',
      id: 5,
      position: 5,
      checkpointAt: '2026-12-01T10:00:05.000Z',
      checkpointLastId: 5,
      laterMismatches: 2,
    });
  });

  it('refuses checkpoints signed with another key and rows hashed with another key', () => {
    const rows = chain(4);
    const forged = checkpointOf(rows, 4, otherKey);
    expect(walk(rows, [forged]).problems).toEqual([
      { problem: 'checkpoint_forged', id: 0, source: 'test', line: 4 },
    ]);
    const w = new ChainWalk(otherKey, []);
    for (const row of rows) w.add(row);
    expect(w.finish(undefined).problems[0]).toEqual({ problem: 'edited', id: 1 });
  });

  it('reports a tail cut behind the anchor', () => {
    const rows = chain(5);
    expect(walk(rows.slice(0, 3), [], rows[4]?.hash).problems).toEqual([{ problem: 'tail_missing', id: 3 }]);
  });

  it('continues a walk from a trusted checkpoint over the rows added since', () => {
    const rows = chain(8);
    const { checkpoint } = checkpointOf(rows, 5);
    const w = new ChainWalk(key, [], checkpoint);
    for (const row of rows.slice(5)) w.add(row);
    expect(w.finish(undefined)).toMatchObject({ ok: true, checked: 8, head: { id: 8 } });
  });

  it('reads a checkpoint back from its own line and from inside a JSON log line', () => {
    const { checkpoint } = checkpointOf(chain(3), 3);
    const line = formatCheckpoint(checkpoint);
    expect(parseCheckpoint(line)).toEqual(checkpoint);
    expect(parseCheckpoint(JSON.stringify({ level: 30, time: 1, msg: line }))).toEqual(checkpoint);
    expect(parseCheckpoint('an ordinary line')).toBeUndefined();
  });
});
