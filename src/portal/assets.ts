import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AssetUrls } from './pages/layout.ts';

/** One static file, compressed once at start-up in both encodings browsers ask for. */
interface Asset {
  type: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** The portal's static files, served under `/assets/` with content-hashed names. */
export interface Assets {
  urls: AssetUrls;
  send(name: string, request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined;
}

const files: { key: keyof AssetUrls; file: string; type: string }[] = [
  { key: 'css', file: 'portal.css', type: 'text/css; charset=utf-8' },
  { key: 'js', file: 'portal.js', type: 'text/javascript; charset=utf-8' },
  { key: 'icon', file: 'icon.svg', type: 'image/svg+xml' },
  { key: 'chat', file: 'chat-widget.js', type: 'text/javascript; charset=utf-8' },
];

/** Reads, hashes and compresses the assets in `src/portal/assets`. */
export function loadAssets(folder = new URL('./assets/', import.meta.url)): Assets {
  const byName = new Map<string, Asset>();
  const urls: AssetUrls = { css: '', js: '', icon: '', chat: '' };
  for (const { key, file, type } of files) {
    const identity = readFileSync(new URL(file, folder));
    const hash = createHash('sha256').update(identity).digest('hex').slice(0, 10);
    const dot = file.lastIndexOf('.');
    const name = `${file.slice(0, dot)}.${hash}${file.slice(dot)}`;
    byName.set(name, {
      type,
      identity,
      gzip: gzipSync(identity, { level: 9 }),
      br: brotliCompressSync(identity, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
        },
      }),
    });
    urls[key] = `/assets/${name}`;
  }
  return {
    urls,
    send(name, request, reply) {
      const asset = byName.get(name);
      if (!asset) return undefined;
      const accepted = String(request.headers['accept-encoding'] ?? '');
      const encoding = /\bbr\b/.test(accepted) ? 'br' : /\bgzip\b/.test(accepted) ? 'gzip' : 'identity';
      reply
        .header('content-type', asset.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('vary', 'accept-encoding')
        .header('x-content-type-options', 'nosniff');
      // A set Content-Encoding tells @fastify/compress the body is already compressed.
      if (encoding !== 'identity') reply.header('content-encoding', encoding);
      return reply.send(asset[encoding]);
    },
  };
}
