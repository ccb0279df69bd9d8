import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { S3Config } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { DataProtector } from '../security/data-protector.ts';
import { S3Client, S3RequestError, S3UnavailableError } from './s3-client.ts';

/**
 * Where attachments' bytes are kept: DATA_DIR/attachments by default, an S3 bucket when S3_URL is set. A file
 * is named by its attachment id (a random UUID) and nothing else: no name, no appeal number, no applicant.
 * `get` throws ATTACHMENT_MISSING for a file that is not there and FILE_STORAGE_UNAVAILABLE when the store
 * cannot be reached.
 */
export interface FileStore {
  /** Stores the file; answers the id of the data key that sealed it, or null when it is kept as it came. */
  put(id: string, content: Buffer): Promise<string | null>;
  get(id: string): Promise<Buffer>;
  exists(id: string): Promise<boolean>;
  /** Removes the file; removing one that is not there succeeds. */
  delete(id: string): Promise<void>;
}

/** What re-sealing one stored file found (`SealingFileStore.reseal`). */
export type Reseal =
  /** It was sealed under an older key of the ring: opened, and put back sealed under the current key. */
  | { outcome: 'resealed'; keyId: string }
  /** It is already under the current key (put back by a walk that stopped before recording it): left as it is. */
  | { outcome: 'current'; keyId: string }
  /** No object, or one that no key of the ring opens (altered, or sealed under a key the ring lacks): left as it is. */
  | { outcome: 'missing' }
  | { outcome: 'unreadable' };

/** A store that seals every file under the data key, so a key rotation has to seal its files anew. */
export interface SealingFileStore extends FileStore {
  /**
   * Seals the file anew under the current data key when an older key sealed it, replacing it whole under the same
   * name: a reader gets the old object or the new one, each readable with the ring. Throws FILE_STORAGE_UNAVAILABLE
   * when the store cannot be reached (nothing is lost: the file is under one key or the other).
   */
  reseal(id: string): Promise<Reseal>;
}

/** Whether the store seals its files under the data key (S3) rather than keeping them as they came (the disk). */
export function sealsFiles(store: FileStore): store is SealingFileStore {
  return store instanceof S3FileStore;
}

const ATTACHMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An attachment id is a UUID: whatever else reaches a store (a path, `..`) is refused before it is used. */
export function checkAttachmentId(id: string): string {
  if (!ATTACHMENT_ID.test(id)) throw new Error('Not an attachment id.');
  return id;
}

/** Where an attachment's bytes live under a data folder (the disk store's layout). */
export function attachmentPath(dataDir: string, id: string): string {
  checkAttachmentId(id);
  return path.join(dataDir, 'attachments', id.slice(0, 2), id);
}

/** The object key of an attachment in the bucket: the disk layout's, below `attachments/`. */
export function attachmentObjectKey(id: string): string {
  checkAttachmentId(id);
  return `attachments/${id.slice(0, 2)}/${id}`;
}

/** The files in DATA_DIR/attachments, as they were before S3 (mode 0600, not encrypted: the disk is ours). */
export class DiskFileStore implements FileStore {
  constructor(readonly dataDir: string) {}

  async put(id: string, content: Buffer): Promise<null> {
    const target = attachmentPath(this.dataDir, id);
    await mkdir(path.dirname(target), { recursive: true });
    // Write then rename, so a crash never leaves a half-written file under the final name.
    const temporary = `${target}.part`;
    try {
      await writeFile(temporary, content, { mode: 0o600 });
      await rename(temporary, target);
      return null;
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(id: string): Promise<Buffer> {
    try {
      return await readFile(attachmentPath(this.dataDir, id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('ATTACHMENT_MISSING');
      throw error;
    }
  }

  async exists(id: string): Promise<boolean> {
    return stat(attachmentPath(this.dataDir, id)).then(
      () => true,
      () => false,
    );
  }

  async delete(id: string): Promise<void> {
    await rm(attachmentPath(this.dataDir, id), { force: true });
  }
}

/**
 * Attachments in an S3 bucket, each encrypted under its own key before it leaves the process
 * (`DataProtector.sealFile`): the store's operator, and anyone reading its disks or backups, sees ciphertext.
 */
export class S3FileStore implements SealingFileStore {
  readonly #client: S3Client;

  constructor(
    config: S3Config,
    private readonly protector: DataProtector,
    private readonly log: Pick<Logger, 'warn' | 'error'>,
  ) {
    this.#client = new S3Client(config);
  }

  async put(id: string, content: Buffer): Promise<string> {
    const sealed = this.protector.sealFile(content, checkAttachmentId(id));
    await this.#call('put', id, () => this.#client.put(attachmentObjectKey(id), sealed));
    return this.protector.currentKeyId;
  }

  async get(id: string): Promise<Buffer> {
    const sealed = await this.#call('get', id, () => this.#client.get(attachmentObjectKey(id)));
    if (!sealed) {
      this.log.error({ attachment: id }, 'An attachment is missing from the object store.');
      throw new AppError('ATTACHMENT_MISSING');
    }
    return this.protector.openFile(sealed, id);
  }

  async reseal(id: string): Promise<Reseal> {
    const key = attachmentObjectKey(id);
    const sealed = await this.#call('get', id, () => this.#client.get(key));
    if (!sealed) {
      this.log.error({ attachment: id }, 'An attachment is missing from the object store.');
      return { outcome: 'missing' };
    }
    const current = this.protector.currentKeyId;
    let content: Buffer;
    try {
      if (DataProtector.keyIdOf(sealed, this.protector.keyring.first.id) === current)
        return { outcome: 'current', keyId: current };
      content = this.protector.openFile(sealed, id);
    } catch {
      this.log.error(
        { attachment: id },
        'An attachment’s object does not open with any data key of the ring.',
      );
      return { outcome: 'unreadable' };
    }
    // The same name: S3 replaces an object whole, so no reader ever gets part of one and part of the other.
    const resealed = this.protector.sealFile(content, id);
    await this.#call('put', id, () => this.#client.put(key, resealed));
    return { outcome: 'resealed', keyId: current };
  }

  async exists(id: string): Promise<boolean> {
    return this.#call('exists', id, () => this.#client.exists(attachmentObjectKey(id)));
  }

  async delete(id: string): Promise<void> {
    await this.#call('delete', id, () => this.#client.delete(attachmentObjectKey(id)));
  }

  async #call<T>(operation: string, id: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof S3UnavailableError || error instanceof S3RequestError) {
        this.log.error({ attachment: id, operation, err: error.message }, 'The object store failed.');
        throw new AppError('FILE_STORAGE_UNAVAILABLE');
      }
      throw error;
    }
  }
}

/** The store the configuration chose: the S3 bucket of S3_URL, else DATA_DIR/attachments. */
export function createFileStore(
  config: { dataDir: string; s3: S3Config | undefined },
  protector: DataProtector,
  log: Pick<Logger, 'warn' | 'error'>,
): FileStore {
  return config.s3 ? new S3FileStore(config.s3, protector, log) : new DiskFileStore(config.dataDir);
}
