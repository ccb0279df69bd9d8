import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../server/context.ts';
import { type BuildOutcome, consoleDistDir, ensureConsoleBuild } from './console-build.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

const unavailablePage = (reason: string) => `<!doctype html>
<html lang="uz"><head><meta charset="utf-8"><title>Murojaat</title></head>
<body><h1>Xodimlar paneli hali tayyor emas · Staff console not available</h1>
<p>${reason}</p><p><code>npm run build:console</code></p></body></html>`;

async function fileIn(dir: string, relative: string): Promise<{ file: string; size: number } | undefined> {
  const file = path.resolve(dir, relative);
  if (!file.startsWith(`${dir}${path.sep}`)) return undefined;
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? { file, size: info.size } : undefined;
}

function send(reply: FastifyReply, found: { file: string; size: number }, cache: string) {
  return reply
    .type(types[path.extname(found.file)] ?? 'application/octet-stream')
    .header('content-length', String(found.size))
    .header('cache-control', cache)
    .send(createReadStream(found.file));
}

/**
 * Serves the staff console's build at /console/: hashed assets cached for a year, and index.html for
 * every other path so that the SPA's own routes survive a reload. The build is refreshed when its
 * sources changed (checked when the page itself is asked for, not for every asset).
 */
export function consoleRoutes(ctx: AppContext) {
  return async (app: FastifyInstance) => {
    let checked: { at: number; outcome: Promise<BuildOutcome> } | undefined;
    const log = { info: (m: string) => ctx.log.info(m), warn: (m: string) => ctx.log.warn(m) };
    const currentBuild = () => {
      if (!checked || Date.now() - checked.at > 2_000)
        checked = { at: Date.now(), outcome: ensureConsoleBuild(log) };
      return checked.outcome;
    };

    app.get('/console', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/'));
    app.get('/console/*', { schema: { hide: true } }, async (request, reply) => {
      const params = request.params;
      const wanted =
        typeof params === 'object' && params !== null && '*' in params && typeof params['*'] === 'string'
          ? params['*']
          : '';
      if (wanted.startsWith('assets/')) {
        const asset = await fileIn(consoleDistDir, wanted);
        if (asset) return send(reply, asset, 'public, max-age=31536000, immutable');
        return reply.status(404).type('text/plain').send('Not found');
      }
      const outcome = await currentBuild();
      const file = wanted && (await fileIn(consoleDistDir, wanted));
      if (file && path.basename(file.file) !== 'build.json') return send(reply, file, 'public, max-age=3600');
      const index = await fileIn(consoleDistDir, 'index.html');
      if (index) return send(reply, index, 'no-cache');
      return reply
        .status(503)
        .type('text/html; charset=utf-8')
        .send(
          unavailablePage(outcome === 'failed' ? 'The build failed; see the server log.' : 'No build found.'),
        );
    });
  };
}
