import pg from 'pg';
import { z } from 'zod';

/** The channel the appeals trigger announces committed changes on (see the console migration). */
export const APPEAL_CHANNEL = 'murojaat_appeal_changed';
/** The channel administrators' changes of reference data are announced on. */
export const REFERENCE_CHANNEL = 'murojaat_reference_changed';

const appealNoticeSchema = z.object({
  number: z.string(),
  status: z.string(),
  scope: z.array(z.number()),
  oldScope: z.array(z.number()).nullable(),
  subjectUnit: z.number().nullable(),
  subjectOfficer: z.number().nullable(),
  sandbox: z.boolean(),
});
/** What the database says about a changed appeal: enough to decide who may hear of it, nothing more. */
export type AppealNotice = z.infer<typeof appealNoticeSchema>;

/** A message to subscribers: one changed appeal, or "you may have missed some, reload" after a reconnect. */
export type FeedMessage = { kind: 'appeal'; notice: AppealNotice } | { kind: 'resync' };

interface Log {
  warn(message: string): void;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * One LISTEN connection per process. PostgreSQL delivers a NOTIFY only after its transaction commits and
 * to every listening process, so a change made by any server process reaches the staff connected to
 * all of them. A lost connection is re-opened with back-off, and subscribers are told to resync.
 */
export class LiveFeed {
  readonly #connection: pg.PoolConfig;
  readonly #log: Log;
  readonly #listeners = new Set<(message: FeedMessage) => void>();
  #onReferenceChanged: (() => Promise<void>) | undefined;
  #client: pg.Client | undefined;
  #connecting: Promise<void> | undefined;
  #retry: NodeJS.Timeout | undefined;
  #failures = 0;
  #stopped = false;

  constructor(connection: pg.PoolConfig, log: Log) {
    this.#connection = connection;
    this.#log = log;
  }

  /** Starts listening; never throws (a database that is down is retried in the background). */
  start(options: { onReferenceChanged?: () => Promise<void> } = {}): Promise<void> {
    this.#onReferenceChanged = options.onReferenceChanged;
    return this.#connect();
  }

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: (message: FeedMessage) => void): () => void {
    this.#listeners.add(listener);
    void this.#connect();
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Resolves once the LISTEN connection is up (or has failed this attempt). */
  ready(): Promise<void> {
    return this.#connecting ?? this.#connect();
  }

  /** Closes the connection for good. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retry);
    this.#listeners.clear();
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  #connect(): Promise<void> {
    if (this.#stopped || this.#client) return Promise.resolve();
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #open(): Promise<void> {
    const client = new pg.Client({ ...this.#connection, application_name: 'murojaat-live', keepAlive: true });
    client.on('notification', (message) => this.#deliver(message.channel, message.payload));
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${APPEAL_CHANNEL}`);
      await client.query(`listen ${REFERENCE_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      this.#lost(client, error);
      return;
    }
    if (this.#stopped) {
      await client.end().catch(() => {});
      return;
    }
    const reconnected = this.#failures > 0;
    this.#client = client;
    this.#failures = 0;
    if (reconnected) {
      this.#emit({ kind: 'resync' });
      await this.#onReferenceChanged?.().catch(() => {});
    }
  }

  #lost(client: pg.Client, error: unknown): void {
    if (this.#client === client) this.#client = undefined;
    if (this.#stopped || this.#retry) return;
    this.#failures += 1;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.#failures, 6));
    this.#log.warn(
      `live updates: ${error instanceof Error ? error.message : String(error)}; retrying in ${delay} ms`,
    );
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.#connect();
    }, delay);
    this.#retry.unref();
  }

  #deliver(channel: string, payload: string | undefined): void {
    if (channel === REFERENCE_CHANNEL) {
      void this.#onReferenceChanged?.().catch((error: unknown) =>
        this.#log.warn(`reference reload failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload ?? '');
    } catch {
      return;
    }
    const notice = appealNoticeSchema.safeParse(parsed);
    if (notice.success) this.#emit({ kind: 'appeal', notice: notice.data });
  }

  #emit(message: FeedMessage): void {
    for (const listener of this.#listeners) listener(message);
  }
}
