import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { attachmentMimeTypes, limits } from '../../contracts/limits.ts';
import { AppError } from '../errors.ts';

/** A checked file waiting to be tied to its appeal in the intake transaction. */
export interface StoredAttachment {
  id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
}

const allowed = new Set<string>(attachmentMimeTypes);

/** Where an attachment's bytes live under the data folder. */
export function attachmentPath(dataDir: string, id: string): string {
  return path.join(dataDir, 'attachments', id.slice(0, 2), id);
}

/** A file name safe to show and to put in a Content-Disposition header. */
function cleanName(name: string): string {
  const base = path.basename(name).normalize('NFC');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f"\\/]/g, '_').slice(0, 150);
  return cleaned || 'file';
}

/**
 * Judges a file by its content (magic bytes), never by its name or the browser's claim, and stores it.
 * Anything but images, PDF and office documents is refused.
 */
export async function storeAttachment(
  dataDir: string,
  filename: string,
  content: Buffer,
): Promise<StoredAttachment> {
  if (content.length === 0) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
  if (content.length > limits.attachmentMaxBytes) throw new AppError('PAYLOAD_TOO_LARGE');
  const detected = await fileTypeFromBuffer(content);
  if (!detected || !allowed.has(detected.mime)) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
  const id = randomUUID();
  const target = attachmentPath(dataDir, id);
  await mkdir(path.dirname(target), { recursive: true });
  // Write then rename, so a crash never leaves a half-written file under the final name.
  const temporary = `${target}.part`;
  await writeFile(temporary, content, { mode: 0o600 });
  await rename(temporary, target);
  return {
    id,
    filename: cleanName(filename),
    mime: detected.mime,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
}

/** Removes stored files whose appeal was never written (validation failed after upload). */
export async function discardAttachments(
  dataDir: string,
  files: Pick<StoredAttachment, 'id'>[],
): Promise<void> {
  await Promise.all(files.map((f) => rm(attachmentPath(dataDir, f.id), { force: true })));
}

/** What an uploaded multipart file part offers (the subset of @fastify/multipart's part used here). */
export interface UploadedPart {
  filename: string;
  file: { truncated: boolean };
  toBuffer(): Promise<Buffer>;
}

/** Checks the count and size every upload shares, then stores the part (an empty, nameless one is skipped). */
export async function storeUploadedPart(
  dataDir: string,
  part: UploadedPart,
  files: StoredAttachment[],
): Promise<void> {
  if (files.length >= limits.attachmentsMaxCount) throw new AppError('TOO_MANY_ATTACHMENTS');
  const content = await part.toBuffer();
  if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
  if (content.length === 0 && !part.filename) return;
  files.push(await storeAttachment(dataDir, part.filename, content));
}

/** A form cut off mid-way or with a broken boundary is the client's fault, not a server error. */
export function uploadError(error: unknown): unknown {
  const coded =
    error instanceof AppError ||
    (error instanceof Error && 'code' in error && String(error.code).startsWith('FST_'));
  return coded ? error : new AppError('MALFORMED_REQUEST');
}
