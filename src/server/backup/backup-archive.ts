import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable, Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { z } from 'zod';

// A backup is one tar file: every table in COPY text (`tables/<name>.copy`, parents before the tables
// that refer to them), the jobs still to run (`jobs.jsonl`), every attachment (`attachments/<id>`) and,
// last, `manifest.json` with the schema's migrations, the sha256 and size of every other entry and a
// check of the data key (never the key). Last, so that a file cut short has no manifest.

export const MANIFEST_ENTRY = 'manifest.json';
export const JOBS_ENTRY = 'jobs.jsonl';
export const tableEntry = (table: string) => `tables/${table}.copy`;
export const attachmentEntry = (id: string) => `attachments/${id}`;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

const manifestSchema = z.object({
  format: z.literal('murojaat-backup'),
  version: z.literal(1),
  id: z.string().uuid(),
  createdAt: z.string(),
  engine: z.enum(['embedded', 'postgres']),
  /** Every migration the database had applied, by name. */
  migrations: z.array(z.string()),
  /**
   * Per data key the database was written with (oldest first, after key rotations): an HMAC of the id under a
   * key derived from that data key, which tells the right keys from wrong ones without holding them.
   */
  keyChecks: z.array(sha256Hex).min(1),
  /** In load order: a table comes after every table it refers to. */
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()), rows: z.number().int() })),
  sequences: z.array(z.object({ name: z.string(), value: z.number(), isCalled: z.boolean() })),
  attachments: z.number().int(),
  jobs: z.number().int(),
  /** A signed checkpoint of the audit chain as the snapshot held it, for the restored DATA_DIR. */
  auditCheckpoint: z.string().nullable(),
  entries: z.record(z.string(), z.object({ size: z.number().int(), sha256: sha256Hex })),
});

export type BackupManifest = z.infer<typeof manifestSchema>;

/** Why a backup was not made or not restored, in words for the operator; nothing was changed. */
export class BackupError extends Error {}

/** The key check a manifest carries: proves the restorer holds the same data key without containing it. */
export function keyCheck(dataKey: Buffer, backupId: string): string {
  const checkKey = Buffer.from(
    hkdfSync('sha256', dataKey, Buffer.alloc(0), 'murojaat/backup-key-check/v1', 32),
  );
  return createHmac('sha256', checkKey).update(backupId).digest('hex');
}

/** Does the restorer hold every key the backup was made with (in any order, and perhaps more)? */
export function keysMatch(manifest: BackupManifest, dataKeys: readonly Buffer[]): boolean {
  const held = dataKeys.map((key) => Buffer.from(keyCheck(key, manifest.id), 'hex'));
  return manifest.keyChecks.every((check) => {
    const stored = Buffer.from(check, 'hex');
    return held.some((expected) => expected.length === stored.length && timingSafeEqual(expected, stored));
  });
}

/** Passes bytes through, counting and hashing them. */
export class Digest extends Transform {
  readonly #hash = createHash('sha256');
  size = 0;
  lines = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#hash.update(chunk);
    this.size += chunk.length;
    for (const byte of chunk) if (byte === 10) this.lines += 1;
    done(null, chunk);
  }

  /** The sha256 of everything that went through, once it has. */
  hex(): string {
    return this.#hash.copy().digest('hex');
  }
}

/** The size and sha256 of a file. */
export async function digestFile(file: string): Promise<{ size: number; sha256: string }> {
  return digestStream(createReadStream(file));
}

/** Reads a stream to its end for its size and sha256. */
export async function digestStream(stream: Readable): Promise<{ size: number; sha256: string }> {
  const digest = new Digest();
  await pipeline(stream, digest, discard());
  return { size: digest.size, sha256: digest.hex() };
}

function discard(): Writable {
  return new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
}

/**
 * Reads every entry of a backup in order and hands each to `visit` (which must consume its stream); a file
 * cut short or not a tar fails with the tar reader's error.
 */
export async function readArchive(
  file: string,
  visit: (name: string, size: number, stream: Readable) => Promise<void>,
): Promise<void> {
  const extract = tar.extract();
  const source = createReadStream(file);
  source.on('error', (error) => extract.destroy(error));
  source.pipe(extract);
  try {
    for await (const entry of extract) {
      await visit(entry.header.name, entry.header.size ?? 0, Readable.from(entry, { objectMode: false }));
      entry.resume();
    }
  } catch (error) {
    source.destroy();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new BackupError(`No backup file at ${file}.`);
    throw error;
  }
}

/**
 * Checks a whole backup before anything is written: every entry's size and sha256 against the manifest,
 * no entry missing or extra, and a manifest this version reads. Returns the manifest.
 */
export async function verifyArchive(file: string): Promise<BackupManifest> {
  const seen = new Map<string, { size: number; sha256: string }>();
  let manifestText: string | undefined;
  try {
    await readArchive(file, async (name, _size, stream) => {
      if (name === MANIFEST_ENTRY) {
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        manifestText = Buffer.concat(chunks).toString('utf8');
        return;
      }
      seen.set(name, await digestStream(stream));
    });
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `${file} is not a complete backup (cut short or damaged: ${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  if (manifestText === undefined) {
    throw new BackupError(`${file} is not a complete backup: it has no manifest (cut short?).`);
  }
  const manifest = parseManifest(manifestText);
  for (const [name, expected] of Object.entries(manifest.entries)) {
    const found = seen.get(name);
    if (!found) throw new BackupError(`${file} is not a complete backup: ${name} is missing.`);
    if (found.size !== expected.size || found.sha256 !== expected.sha256) {
      throw new BackupError(`${file} is damaged: ${name} does not match its checksum.`);
    }
  }
  const extra = [...seen.keys()].find((name) => !(name in manifest.entries));
  if (extra) throw new BackupError(`${file} holds ${extra}, which its manifest does not list.`);
  return manifest;
}

function parseManifest(text: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError('The backup manifest is damaged (not JSON).');
  }
  const format = z.object({ format: z.string(), version: z.number() }).safeParse(json);
  if (format.success && format.data.format === 'murojaat-backup' && format.data.version > 1) {
    throw new BackupError(
      `The backup is in format version ${format.data.version}, newer than this version of Murojaat reads (1).`,
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new BackupError('The file is not a Murojaat backup (its manifest is not one).');
  return parsed.data;
}
