import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { JobQueue } from '../server/jobs/job-queue.ts';
import { DataProtector } from '../server/security/data-protector.ts';
import { latestRotation } from '../server/security/key-rotation.repository.ts';
import { addKeyFile, loadKeyring } from '../server/security/keyring.ts';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_PAUSE_MS,
  type KeyStatus,
  keyStatus,
  startKeyRotation,
} from '../server/security/rotate-keys.ts';
import { withDatabase } from './cli-database.ts';
import type { CommandIo } from './main.ts';

const usage = `usage: murojaat keys <rotate|status>

  rotate [--batch N] [--pause-ms MS]
          introduces a new data key and re-encrypts personal fields, and attachments kept in S3, under it
          in the background (N values or objects per batch, default ${DEFAULT_BATCH_SIZE}; MS between batches,
          default ${DEFAULT_PAUSE_MS}).
          Keys in DATA_DIR: adds data.key.N. Keys from MUROJAAT_DATA_KEYS or MUROJAAT_DATA_KEY_COMMAND:
          supply the new key after the old ones first (docs/operations.md, "Key rotation").
  status  the keys by id, what each still encrypts, and the rotation's progress
`;

/** `murojaat keys …`: key rotation. Prints key ids (fingerprints), never a key. */
export async function runKeys(args: string[], io: CommandIo): Promise<number> {
  const [sub, ...rest] = args;
  let batch: number;
  let pauseMs: number;
  try {
    const { values } = parseArgs({
      args: rest,
      options: { batch: { type: 'string' }, 'pause-ms': { type: 'string' } },
      strict: true,
    });
    batch = integerOption(values.batch, '--batch', DEFAULT_BATCH_SIZE, 1, 10_000);
    pauseMs = integerOption(values['pause-ms'], '--pause-ms', DEFAULT_PAUSE_MS, 0, 600_000);
    if (sub === 'status' && rest.length > 0) throw new Error('status takes no options');
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    return 2;
  }
  if (sub === 'status') return status(io);
  if (sub === 'rotate') return rotate(io, { batch, pauseMs });
  io.stderr.write(usage);
  return 2;
}

function integerOption(value: string | undefined, name: string, fallback: number, min: number, max: number) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

async function rotate(io: CommandIo, options: { batch: number; pauseMs: number }): Promise<number> {
  const config = loadConfig();
  const { keyring: before, source } = await loadKeyring(config.keys);
  const fromFiles = source === 'file' || source === 'created';
  if (!fromFiles && before.keys.length === 1) {
    io.stderr.write(supplyBoth(source === 'command'));
    return 1;
  }
  return withDatabase(io, async (database, _config, audit) => {
    const latest = await latestRotation(database.db);
    let ring = before;
    let added: string | undefined;
    // A key file added by a `keys rotate` that stopped before recording its rotation is used, not doubled.
    const unrecorded = ring.keys.length > 1 && latest?.key_id !== ring.current.id;
    if (fromFiles && !unrecorded && !(latest && !latest.finished_at)) {
      added = await addKeyFile(config.dataDir);
      ring = (await loadKeyring(config.keys)).keyring;
    }
    const protector = new DataProtector(ring);
    if (!added && latest?.key_id === protector.currentKeyId && latest.finished_at) {
      io.stderr.write(
        `Everything is already encrypted under the newest data key ${protector.currentKeyId}.\n${supplyBoth(source === 'command')}`,
      );
      return 1;
    }
    const jobs = new JobQueue(database.connection);
    await jobs.start();
    try {
      const started = await startKeyRotation({
        db: database.db,
        jobs,
        protector,
        audit,
        actor: { id: null, label: 'murojaat keys rotate' },
        now: new Date(),
        batchSize: options.batch,
        pauseMs: options.pauseMs,
        sealedAttachments: config.s3 !== undefined,
      });
      if (added) {
        io.stdout.write(
          `Added the data key ${started.keyId} in ${added}: back it up with data.key, apart from the database.\n`,
        );
      }
      io.stdout.write(
        `${started.resumed ? 'Resumed' : 'Started'} the re-encryption of ${started.total} encrypted value(s)${config.s3 ? ' and attachment object(s)' : ''} under the data key ${started.keyId} ` +
          `(${options.batch} per batch, ${options.pauseMs} ms apart).\n` +
          'Restart every server process now: each encrypts with the new key from its start, and the workers ' +
          're-encrypt in the background, resuming after any restart. Progress: murojaat keys status\n',
      );
      return 0;
    } finally {
      await jobs.stop();
    }
  });
}

function supplyBoth(command: boolean): string {
  const where = command
    ? 'make MUROJAAT_DATA_KEY_COMMAND print every key, one a line, oldest first'
    : 'set MUROJAAT_DATA_KEYS to every key, oldest first, separated by commas (instead of MUROJAAT_DATA_KEY)';
  return (
    'The data keys come from outside (environment or command), so the new key is yours to make and keep:\n' +
    '  1. make one: openssl rand -base64 32, and store it in your secret store beside the old one;\n' +
    `  2. ${where};\n` +
    '  3. restart the server processes, then run murojaat keys rotate again.\n' +
    'Keep the old keys in the list: audit entries and access codes made under them are still checked with them.\n'
  );
}

async function status(io: CommandIo): Promise<number> {
  return withDatabase(io, async (database, config) => {
    const { keyring } = await loadKeyring(config.keys);
    const report = await keyStatus(database.db, new DataProtector(keyring), {
      sealedAttachments: config.s3 !== undefined,
    });
    io.stdout.write(describeStatus(report));
    return 0;
  });
}

/** The status as an operator reads it: ids and counts only. */
export function describeStatus(report: KeyStatus): string {
  const lines = ['Data keys, oldest first:'];
  for (const key of report.keys) {
    const note = key.current
      ? 'current: encrypts and signs'
      : key.sealsNothing
        ? 'encrypts nothing any more: retired from encryption; keep it to check audit entries, access codes and letters made under it'
        : 'still needed to decrypt';
    const objects = report.sealedAttachments ? `, ${key.objects} attachment object(s)` : '';
    lines.push(`  ${key.id}  ${key.sealed} encrypted value(s)${objects}  ${note}`);
  }
  if (report.objectsUnrecorded > 0)
    lines.push(
      `  ${report.objectsUnrecorded} attachment object(s) whose data key is not recorded yet (stored before keys were ` +
        'recorded): any key of the ring may seal them, so none is retired until a rotation has read them.',
    );
  const r = report.rotation;
  if (r) {
    const share = r.total > 0 ? Math.min(100, Math.floor((r.done / r.total) * 100)) : 100;
    lines.push(
      r.finishedAt
        ? `Rotation to ${r.keyId}: finished ${r.finishedAt.toISOString()}, ${r.done} re-encrypted.`
        : `Rotation to ${r.keyId}: running since ${r.startedAt.toISOString()}, ${r.done} of ${r.total} re-encrypted (${share}%), at ${r.position}.`,
    );
    if (r.waitingSince && !r.finishedAt)
      lines.push(
        `  waiting for the object store since ${r.waitingSince.toISOString()}: it does not answer; the walk tries again.`,
      );
    if (r.failed > 0)
      lines.push(
        `  ${r.failed} value(s) or object(s) did not decrypt with any key of the ring (or the object was missing) and were left as they were.`,
      );
    if (r.hashesKept > 0)
      lines.push(`  ${r.hashesKept} look-up hash(es) stay under an older key (searches still match them).`);
  } else {
    lines.push('No key rotation yet.');
  }
  return `${lines.join('\n')}\n`;
}
