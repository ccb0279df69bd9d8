import autocannon from 'autocannon';

/** What one load run measured. */
export interface LoadResult {
  okPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
  statusCounts: Record<string, number>;
}

/**
 * Drives `connections` concurrent keep-alive clients over loopback for `seconds`, POSTing the given JSON
 * bodies in turn, and reports 2xx throughput and latency percentiles (autocannon's HDR histogram).
 */
export async function postLoad(options: {
  url: string;
  path: string;
  bodies: string[];
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json', ...options.headers },
        setupRequest: (request) => {
          const body = options.bodies[next % options.bodies.length] ?? '{}';
          next += 1;
          return { ...request, body };
        },
      },
    ],
  });
  const statusCounts: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statusCounts[code] = stat.count ?? 0;
  return {
    okPerSec: result['2xx'] / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    statusCounts,
  };
}
