import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { AppContext } from '../context.ts';
import { localDateOf } from '../deadlines/calendar.ts';
import type { ReferenceSnapshot } from '../routing/reference-snapshot.ts';
import { readRollup, rebuildRollup, rollupRefreshedAt } from './open-stats.repository.ts';
import { type OpenDataRow, populationsOf, publishRow, toCsv, toJson } from './open-stats.ts';

const compress = promisify(gzip);

/** A whole file of the open data, and the same gzipped (compressing 1.5 MB on every request would be slow). */
export interface OpenDataFile {
  body: Buffer;
  gzip: Buffer;
}

/** The open statistics as published: every row suppressed, and the files made from them. */
export interface OpenStats {
  refreshedAt: Date | null;
  /** The month of "now" in Tashkent, `YYYY-MM`. */
  currentMonth: string;
  rows: OpenDataRow[];
  /** The whole CSV, made on first asking (the page does not need it). */
  csv(): Promise<OpenDataFile>;
  /** The whole JSON document, made on first asking. */
  json(): Promise<OpenDataFile>;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

async function file(text: string): Promise<OpenDataFile> {
  const body = Buffer.from(text);
  return { body, gzip: await compress(body) };
}

interface Cached {
  refreshedAt: number;
  reference: ReferenceSnapshot;
  currentMonth: string;
  stats: OpenStats;
}

const cache = new WeakMap<AppContext, Cached>();

/**
 * Rebuilds the monthly rollup the open statistics are published from (a job runs it hourly and at start),
 * then publishes it in this process, so the next visitor does not wait for that.
 */
export async function refreshOpenStats(ctx: AppContext): Promise<void> {
  await rebuildRollup(ctx.db, ctx.clock.now());
  await openStats(ctx);
}

/**
 * The published open statistics. One small query per call finds when the rollup was rebuilt; the rows are
 * read, suppressed and turned into CSV and JSON once per rebuild (and per change of the reference data).
 */
export async function openStats(ctx: AppContext): Promise<OpenStats> {
  const refreshedAt = await rollupRefreshedAt(ctx.readDb);
  const reference = ctx.reference();
  const currentMonth = localDateOf(ctx.clock.now()).slice(0, 7);
  const stamp = refreshedAt?.getTime() ?? 0;
  const cached = cache.get(ctx);
  if (
    cached &&
    cached.refreshedAt === stamp &&
    cached.reference === reference &&
    cached.currentMonth === currentMonth
  )
    return cached.stats;
  const regions = [...reference.territories.values()].filter((t) => t.parentCode === null);
  const populations = populationsOf(regions);
  const rows = (await readRollup(ctx.readDb)).map((row) => publishRow(row, populations));
  const stats: OpenStats = {
    refreshedAt,
    currentMonth,
    rows,
    csv: once(() => file(toCsv(rows))),
    json: once(() => file(toJson(rows, refreshedAt))),
  };
  cache.set(ctx, { refreshedAt: stamp, reference, currentMonth, stats });
  return stats;
}
