// A small round-robin HTTP balancer for the reliability suite, as a reverse proxy in front of several API
// processes would be set up (nginx's `proxy_next_upstream error`): each request goes to the next backend;
// a backend that refuses the connection (its process is gone) is skipped and the request is sent to the
// one after it. A request that reached a backend is never sent twice: if that backend dies before it
// answers, the client gets 502, as it would from nginx with non-idempotent requests.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Backend {
  name: string;
  /** http://host:port of the process. */
  url: string;
}

/** What the balancer saw, per backend. */
export interface BackendCounts {
  /** Requests this backend answered (a status line came back), by status. */
  answered: Map<number, number>;
  /** Connections it refused; each such request was tried on the next backend. */
  refused: number;
  /** Requests it took but never answered (reset or closed mid-request). */
  broken: number;
}

export interface Balancer {
  url: string;
  counts: Map<string, BackendCounts>;
  /** Requests no backend would take (every one refused): answered 502 by the balancer. */
  unplaced(): number;
  close(): Promise<void>;
}

// Hop-by-hop headers are the proxy's own business on each side (RFC 9110 §7.6.1).
const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
]);
const MAX_BODY = 2 * 1024 * 1024;

function forwardHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHop.has(name)) out[name] = value;
  }
  return out;
}

async function readBody(request: http.IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Starts the balancer on a free loopback port. Its answers carry `x-backend: <name>`. */
export async function startBalancer(backends: Backend[]): Promise<Balancer> {
  const counts = new Map<string, BackendCounts>(
    backends.map((b) => [b.name, { answered: new Map(), refused: 0, broken: 0 }]),
  );
  let next = 0;
  let unplaced = 0;

  const server = http.createServer(async (request, response) => {
    const body = await readBody(request).catch(() => undefined);
    if (!body) {
      response.writeHead(413).end();
      return;
    }
    const first = next++ % backends.length;
    const clientAddress = request.socket.remoteAddress ?? '';
    const forwardedFor = request.headers['x-forwarded-for']
      ? `${String(request.headers['x-forwarded-for'])}, ${clientAddress}`
      : clientAddress;

    const attempt = (tries: number): void => {
      if (tries >= backends.length) {
        unplaced += 1;
        response.writeHead(502, { 'content-type': 'text/plain' }).end('no backend took the connection');
        return;
      }
      const backend = backends[(first + tries) % backends.length] as Backend;
      const tally = counts.get(backend.name) as BackendCounts;
      const target = new URL(backend.url);
      // A new connection per request (agent: false): a refused connection is then exactly "process gone",
      // never a pooled socket that died between two requests.
      const upstream = http.request({
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...forwardHeaders(request.headers), 'x-forwarded-for': forwardedFor },
        agent: false,
      });
      let answered = false;
      upstream.on('response', (upstreamResponse) => {
        answered = true;
        const status = upstreamResponse.statusCode ?? 502;
        tally.answered.set(status, (tally.answered.get(status) ?? 0) + 1);
        response.writeHead(status, {
          ...forwardHeaders(upstreamResponse.headers),
          'x-backend': backend.name,
        });
        // Streams (Server-Sent Events) flow through chunk by chunk; a client that leaves ends the upstream.
        upstreamResponse.pipe(response);
        upstreamResponse.on('error', () => response.destroy());
        upstreamResponse.on('aborted', () => response.destroy());
        response.on('close', () => upstream.destroy());
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (answered) {
          response.destroy();
          return;
        }
        if (error.code === 'ECONNREFUSED') {
          tally.refused += 1;
          attempt(tries + 1);
          return;
        }
        // The request may have reached the process: not sent again.
        tally.broken += 1;
        if (!response.headersSent) {
          response.writeHead(502, { 'content-type': 'text/plain', 'x-backend': backend.name });
        }
        response.end();
      });
      upstream.end(body);
    };
    attempt(0);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    unplaced: () => unplaced,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
