import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import client from 'prom-client';
import type { Db } from '../db/database.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import type { QueueStat } from '../jobs/job-queue.ts';
import { overdueByRegion, undeliveredNotices } from './metrics.repository.ts';

// Prometheus metrics (docs/operations.md, "Metrics"). Labels are route patterns, channels, queue names and
// region codes: never a URL, an appeal number or anything about a person.

/** Where the figures read at scrape time come from. */
export interface MetricsSources {
  db: Db;
  pool: { totalCount: number; idleCount: number; waitingCount: number };
  queues(): Promise<QueueStat[]>;
  now(): Date;
  /** Logs a figure that could not be read (the scrape still answers with the rest). */
  warn(message: string): void;
}

const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** One process's metrics registry. */
export class Metrics {
  readonly registry = new client.Registry();
  readonly #requests: client.Histogram<'method' | 'route' | 'status'>;
  readonly #registered: client.Counter<'channel'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    client.collectDefaultMetrics({ register: this.registry, prefix: 'murojaat_' });
    this.#requests = new client.Histogram({
      name: 'murojaat_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status, with their latency',
      labelNames: ['method', 'route', 'status'],
      buckets: latencyBuckets,
      registers,
    });
    this.#registered = new client.Counter({
      name: 'murojaat_appeals_registered_total',
      help: 'Appeals registered by this process, by channel (rate() gives the intake rate)',
      labelNames: ['channel'],
      registers,
    });
    /** A gauge whose values are read when scraped; a figure that cannot be read is left out and logged. */
    const readAtScrape = <L extends string>(
      options: { name: string; help: string; labelNames: L[] },
      read: (set: (labels: Record<L, string>, value: number) => void) => Promise<void> | void,
    ) =>
      new client.Gauge<L>({
        ...options,
        registers,
        async collect() {
          this.reset();
          try {
            await read((labels, value) => this.set(labels as client.LabelValues<L>, value));
          } catch (error) {
            sources.warn(
              `metrics: ${options.name} not read: ${error instanceof Error ? error.message : String(error)}`,
            );
          }
        },
      });
    readAtScrape(
      {
        name: 'murojaat_job_queue_jobs',
        help: 'Background jobs by queue and state (queued: waiting to run; active: running; failed: gave up)',
        labelNames: ['queue', 'state'],
      },
      async (set) => {
        for (const q of await sources.queues()) {
          set({ queue: q.name, state: 'queued' }, q.queued);
          set({ queue: q.name, state: 'active' }, q.active);
          set({ queue: q.name, state: 'failed' }, q.failed);
        }
      },
    );
    readAtScrape(
      {
        name: 'murojaat_job_queue_lag_seconds',
        help: 'How long the oldest job ready to run has waited, by queue',
        labelNames: ['queue'],
      },
      async (set) => {
        for (const q of await sources.queues()) set({ queue: q.name }, q.oldestReadySeconds);
      },
    );
    readAtScrape(
      {
        name: 'murojaat_notices_undelivered',
        help: 'Notices to applicants that did not reach them, by channel and status',
        labelNames: ['channel', 'status'],
      },
      async (set) => {
        for (const r of await undeliveredNotices(sources.db))
          set({ channel: r.channel, status: r.status }, r.n);
      },
    );
    readAtScrape(
      {
        name: 'murojaat_appeals_overdue',
        help: 'Open appeals past their legal deadline, by region code',
        labelNames: ['region'],
      },
      async (set) => {
        for (const r of await overdueByRegion(sources.db, localDateOf(sources.now())))
          set({ region: r.region ?? 'none' }, r.n);
      },
    );
    readAtScrape(
      {
        name: 'murojaat_db_pool_connections',
        help: 'This process’s database pool: connections open, idle, and requests waiting for one',
        labelNames: ['state'],
      },
      (set) => {
        set({ state: 'total' }, sources.pool.totalCount);
        set({ state: 'idle' }, sources.pool.idleCount);
        set({ state: 'waiting' }, sources.pool.waitingCount);
      },
    );
  }

  /** Counts one answered request under its route pattern (`unmatched` when no route took it). */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    this.#requests.observe({ method, route, status: String(status) }, seconds);
  }

  appealRegistered(channel: string): void {
    this.#registered.inc({ channel });
  }

  /** The exposition text and its content type. */
  async exposition(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}

/** True when `header` is `Bearer <token>`; compared in constant time. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(header ?? ''), digest(`Bearer ${token}`));
}

/**
 * `/metrics` on its own address (METRICS_HOST:METRICS_PORT), apart from the public app: for a scraper on the
 * internal network. With a token, it is still asked for.
 */
export async function listenForMetrics(
  metrics: Metrics,
  options: { host: string; port: number; token: string | undefined },
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    if (options.token !== undefined && !bearerMatches(request.headers.authorization, options.token)) {
      response
        .writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' })
        .end('unauthorized\n');
      return;
    }
    metrics.exposition().then(
      ({ body, contentType }) => response.writeHead(200, { 'content-type': contentType }).end(body),
      () => response.writeHead(503, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
