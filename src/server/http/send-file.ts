import type { FastifyReply } from 'fastify';

/** Sends a stored file with headers that keep the browser from running anything in it. */
export function sendStoredFile(
  reply: FastifyReply,
  file: { filename: string; mime: string; size: number; stream: NodeJS.ReadableStream },
  disposition: 'inline' | 'attachment',
): FastifyReply {
  // The file is shown as what its bytes say it is and can run nothing if opened directly. A PDF keeps
  // the server's usual policy instead of a sandbox: the browser's own viewer does not render in one.
  if (file.mime !== 'application/pdf') {
    reply.header(
      'content-security-policy',
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    );
  }
  return reply
    .type(file.mime)
    .header('content-length', String(file.size))
    .header(
      'content-disposition',
      `${disposition}; filename="file"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .header('cache-control', 'private, no-store')
    .send(file.stream);
}
