// Limits shown to people before they hit them, and enforced by the server.

export const limits = {
  textMaxChars: 10_000,
  textMinChars: 10,
  nameMaxChars: 100,
  addressMaxChars: 300,
  placeMaxChars: 300,
  organizationMaxChars: 300,
  attachmentMaxBytes: 10 * 1024 * 1024,
  attachmentsMaxCount: 5,
  /** Pixels an uploaded image may have (a 10,000 × 6,000 photo); more is refused as a decompression bomb. */
  imageMaxPixels: 60_000_000,
  requestMaxBytes: 60 * 1024 * 1024,
  /** One e-mail as it arrives over SMTP, attachments in base64 included: room for five files of the limit. */
  mailMaxBytes: 70 * 1024 * 1024,
  jsonBodyMaxBytes: 256 * 1024,
  signatoriesMax: 1_000_000,
  commentMaxChars: 2_000,
  answerMaxChars: 20_000,
  pageSizeMax: 200,
} as const;

/** Attachment types accepted, judged by the file's content (magic bytes), never by its name. */
export const attachmentMimeTypes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/msword',
  'application/vnd.ms-excel',
  'application/x-cfb',
  // Voice messages (Telegram sends Ogg Opus; phones record MP3 or M4A): served only as downloads.
  'audio/ogg',
  'audio/mpeg',
  'audio/x-m4a',
  'audio/mp4',
] as const;

/**
 * Images the server decodes and writes anew (no metadata, no trailing bytes): only these are ever shown
 * inline. Everything else, HEIC included (no decoder ships with the server), is served as a download.
 */
export const reencodedImageTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
