import type { FastifyReply } from 'fastify';

/**
 * Sends a stored file with headers that keep the browser from running anything in it. Only an image the
 * server wrote anew may go `inline`; everything else is a download.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { filename: string; mime: string; content: Buffer },
  disposition: 'inline' | 'attachment',
): FastifyReply {
  // The file is taken as what its bytes say it is, never sniffed as something else, and opened directly
  // it is sandboxed: no script, no plugin, no form, whatever it holds.
  return reply
    .type(file.mime)
    .header('content-length', String(file.content.length))
    .header(
      'content-disposition',
      `${disposition}; filename="file"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    )
    .header('cache-control', 'private, no-store')
    .send(file.content);
}
