import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Sharp } from 'sharp';
import { attachmentMimeTypes, limits, reencodedImageTypes } from '../../contracts/limits.ts';
import { AppError } from '../errors.ts';
import type { FileStore } from '../storage/file-store.ts';

/** A checked file waiting to be tied to its appeal in the intake transaction. */
export interface StoredAttachment {
  id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  /** The bytes kept are an image the server decoded and wrote anew, so it may be shown inline. */
  reencoded: boolean;
  /** The data key the store sealed it under (S3); null when kept as it came (the disk) or not known. */
  sealedKeyId: string | null;
}

const allowed = new Set<string>(attachmentMimeTypes);
type ReencodedImage = (typeof reencodedImageTypes)[number];
// Photos are evidence: written at a high quality. PNG stays lossless.
const writers: Record<ReencodedImage, (image: Sharp) => Sharp> = {
  'image/jpeg': (image) => image.jpeg({ quality: 90 }),
  'image/png': (image) => image.png(),
  'image/webp': (image) => image.webp({ quality: 90 }),
};

function isReencodedImage(mime: string): mime is ReencodedImage {
  return reencodedImageTypes.some((type) => type === mime);
}

/**
 * Decodes an image and writes it anew in its own format. What a photo carries besides its pixels (EXIF with
 * the GPS position, comments, bytes appended after the image such as an HTML page) does not survive; the
 * picture is turned upright first, as its EXIF orientation asked. An image whose header promises more
 * pixels than the limit is refused before any of it is decoded.
 */
async function reencodeImage(content: Buffer, mime: ReencodedImage): Promise<Buffer> {
  // Reading the header decodes no pixels, so it needs no pixel limit of its own.
  const header = await sharp(content, { limitInputPixels: false })
    .metadata()
    .catch(() => {
      throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
    });
  if ((header.width ?? 0) * (header.height ?? 0) > limits.imageMaxPixels)
    throw new AppError('ATTACHMENT_IMAGE_TOO_LARGE');
  try {
    const image = sharp(content, { limitInputPixels: limits.imageMaxPixels }).autoOrient();
    return await writers[mime](image).toBuffer();
  } catch {
    // Damaged image data: not a picture anyone could look at.
    throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
  }
}

export { attachmentPath } from '../storage/file-store.ts';

/** A file name safe to show and to put in a Content-Disposition header. */
function cleanName(name: string): string {
  const base = path.basename(name).normalize('NFC');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f"\\/]/g, '_').slice(0, 150);
  return cleaned || 'file';
}

/**
 * Judges a file by its content (magic bytes), never by its name or the browser's claim, and stores it:
 * images as written anew by `reencodeImage`, other files as they came. Anything but images, PDF, office
 * documents and voice recordings is refused.
 */
export async function storeAttachment(
  store: FileStore,
  filename: string,
  content: Buffer,
): Promise<StoredAttachment> {
  if (content.length === 0) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
  if (content.length > limits.attachmentMaxBytes) throw new AppError('PAYLOAD_TOO_LARGE');
  const detected = await fileTypeFromBuffer(content);
  // The type without its parameters: Ogg Opus is detected as 'audio/ogg; codecs=opus'.
  const mime = detected?.mime.split(';')[0]?.trim();
  if (!mime || !allowed.has(mime)) throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED');
  const reencoded = isReencodedImage(mime);
  const kept = reencoded ? await reencodeImage(content, mime) : content;
  // The stored name is a random id: the file's own name, which may say anything, stays in the database.
  const id = randomUUID();
  const sealedKeyId = await store.put(id, kept);
  return {
    id,
    filename: cleanName(filename),
    mime,
    size: kept.length,
    sha256: createHash('sha256').update(kept).digest('hex'),
    reencoded,
    sealedKeyId,
  };
}

/**
 * Removes stored files whose appeal was never written (validation failed after upload). Best effort: when the
 * store is down too, the files stay behind with no row pointing to them, which reveals nothing (S3 objects are
 * encrypted) and must not hide the error the request is failing with.
 */
export async function discardAttachments(
  store: FileStore,
  files: Pick<StoredAttachment, 'id'>[],
): Promise<void> {
  await Promise.all(files.map((f) => store.delete(f.id).catch(() => undefined)));
}

/** What an uploaded multipart file part offers (the subset of @fastify/multipart's part used here). */
export interface UploadedPart {
  filename: string;
  file: { truncated: boolean };
  toBuffer(): Promise<Buffer>;
}

/** Checks the count and size every upload shares, then stores the part (an empty, nameless one is skipped). */
export async function storeUploadedPart(
  store: FileStore,
  part: UploadedPart,
  files: StoredAttachment[],
): Promise<void> {
  if (files.length >= limits.attachmentsMaxCount) throw new AppError('TOO_MANY_ATTACHMENTS');
  const content = await part.toBuffer();
  if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
  if (content.length === 0 && !part.filename) return;
  files.push(await storeAttachment(store, part.filename, content));
}

/** A form cut off mid-way or with a broken boundary is the client's fault, not a server error. */
export function uploadError(error: unknown): unknown {
  const coded =
    error instanceof AppError ||
    (error instanceof Error && 'code' in error && String(error.code).startsWith('FST_'));
  return coded ? error : new AppError('MALFORMED_REQUEST');
}
