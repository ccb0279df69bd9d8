import type { AuditEntry, AuditTrail } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import type { NewAppealRow } from '../db/schema.ts';
import { webhookJobs } from '../integrations/deliver-webhook.ts';
import type { JobQueue, JobRequest } from '../jobs/job-queue.ts';
import type { DataProtector } from '../security/data-protector.ts';
import type { StoredAttachment } from './attachments.ts';
import {
  insertAnswers,
  insertAppeals,
  insertAppealUnits,
  insertAttachments,
  insertEvents,
  takeSequence,
} from './intake.repository.ts';

/** An appeal ready to be written: everything but its number, which only the writer may hand out. */
export interface PreparedAppeal {
  year: number;
  row: Omit<NewAppealRow, 'number' | 'year' | 'seq' | 'access_code_hash' | 'applicant_enc'>;
  /** Personal fields, encrypted with the number as associated data once the number is known. */
  applicant: Record<string, unknown> | null;
  accessCode: string;
  units: { unitId: number; role: 'lead' | 'co'; position: number }[];
  events: {
    event: string;
    fromStatus: string | null;
    toStatus: string | null;
    public: boolean;
    unitId: number | null;
    data: Record<string, unknown>;
  }[];
  conclusion: { body: string } | null;
  attachments: StoredAttachment[];
  jobs: (appealId: number) => JobRequest[];
  audit: Omit<AuditEntry, 'targetId'>;
  /** Changes of other appeals that registering this one makes (through the change kernel), in the same transaction. */
  afterWrite?: (tx: Db, written: WrittenAppeal) => Promise<void>;
}

/** The stored appeal's identity. */
export interface WrittenAppeal {
  id: number;
  number: string;
}

interface Pending {
  appeal: PreparedAppeal;
  resolve: (written: WrittenAppeal) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 128;

/** The public number: IIV-2026-0000123 (year of receipt, gap-free sequence within it). */
export function formatAppealNumber(year: number, seq: number): string {
  return `IIV-${year}-${String(seq).padStart(7, '0')}`;
}

/**
 * Writes new appeals in batches, one transaction per batch.
 *
 * Gap-free numbers need the year's counter row locked until commit, which would make every intake wait
 * for the previous one's commit. Instead the appeals that arrive while one batch commits are written
 * together by the next: same guarantees (an appeal is acknowledged only after its batch committed, a
 * failed batch returns its numbers), one lock and one commit per batch rather than per appeal.
 */
export class IntakeWriter {
  #queue: Pending[] = [];
  #busy = false;
  #drained: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
    private readonly protector: DataProtector,
    private readonly audit: AuditTrail,
  ) {}

  /** Resolves once the appeal is committed with its number. */
  write(appeal: PreparedAppeal): Promise<WrittenAppeal> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ appeal, resolve, reject });
      if (!this.#busy) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#busy = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, MAX_BATCH);
        try {
          const written = await this.#writeBatch(batch.map((p) => p.appeal));
          batch.forEach((p, i) => {
            const w = written[i];
            if (w) p.resolve(w);
            else p.reject(new Error('batch result missing'));
          });
        } catch (error) {
          await this.#writeOneByOne(batch, error);
        }
      }
    } finally {
      this.#busy = false;
      for (const resolve of this.#drained.splice(0)) resolve();
    }
  }

  /** Resolves when every appeal handed over so far is written (or failed): call before closing the pool. */
  drain(): Promise<void> {
    if (!this.#busy && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }

  // A failed batch is retried appeal by appeal, so that one bad appeal cannot sink the others; when
  // the database itself is down the first retry fails the same way and everyone gets that error.
  async #writeOneByOne(batch: Pending[], batchError: unknown): Promise<void> {
    if (batch.length === 1) {
      batch[0]?.reject(batchError);
      return;
    }
    for (const pending of batch) {
      try {
        const [written] = await this.#writeBatch([pending.appeal]);
        if (written) pending.resolve(written);
        else pending.reject(batchError);
      } catch (error) {
        pending.reject(error);
      }
    }
  }

  async #writeBatch(appeals: PreparedAppeal[]): Promise<WrittenAppeal[]> {
    return this.db.transaction().execute(async (tx) => {
      const numbers = await allocateNumbers(
        tx,
        appeals.map((a) => a.year),
      );
      const rows = appeals.map((appeal, i) => {
        const seq = numbers[i] ?? 0;
        const number = formatAppealNumber(appeal.year, seq);
        return {
          ...appeal.row,
          number,
          year: appeal.year,
          seq,
          access_code_hash: this.protector.accessCodeHash(number, appeal.accessCode),
          applicant_enc: appeal.applicant ? this.protector.seal(appeal.applicant, number) : null,
        };
      });
      const inserted = await insertAppeals(tx, rows);
      const byNumber = new Map(inserted.map((r) => [r.number, r.id]));
      const written = rows.map((r) => ({ id: byNumber.get(r.number) ?? 0, number: r.number }));

      const unitRows = appeals.flatMap((a, i) =>
        a.units.map((u) => ({
          appeal_id: written[i]?.id ?? 0,
          unit_id: u.unitId,
          role: u.role,
          position: u.position,
          assigned_at: a.row.received_at,
          assigned_by: a.row.created_by ?? null,
        })),
      );
      if (unitRows.length > 0) await insertAppealUnits(tx, unitRows);

      const eventRows = appeals.flatMap((a, i) =>
        a.events.map((e) => ({
          appeal_id: written[i]?.id ?? 0,
          at: a.row.received_at,
          event: e.event,
          from_status: e.fromStatus,
          to_status: e.toStatus,
          actor_id: a.audit.actor.id,
          actor_kind: a.audit.actor.id === null ? ('system' as const) : ('staff' as const),
          public: e.public,
          unit_id: e.unitId,
          data: JSON.stringify(e.data),
        })),
      );
      const storedEvents = eventRows.length > 0 ? await insertEvents(tx, eventRows) : [];

      const conclusions = appeals.flatMap((a, i) =>
        a.conclusion
          ? [
              {
                appeal_id: written[i]?.id ?? 0,
                kind: 'conclusion' as const,
                body: a.conclusion.body,
                outcome: null,
                status: 'draft' as const,
                author_id: null,
                created_at: a.row.received_at,
              },
            ]
          : [],
      );
      if (conclusions.length > 0) await insertAnswers(tx, conclusions);

      const files = appeals.flatMap((a, i) =>
        a.attachments.map((f) => ({
          id: f.id,
          appeal_id: written[i]?.id ?? 0,
          answer_id: null,
          filename: f.filename,
          mime: f.mime,
          size: f.size,
          sha256: f.sha256,
          reencoded: f.reencoded,
          sealed_key_id: f.sealedKeyId,
          created_at: a.row.received_at,
        })),
      );
      if (files.length > 0) await insertAttachments(tx, files);

      for (const [i, appeal] of appeals.entries()) {
        const done = written[i];
        if (appeal.afterWrite && done) await appeal.afterWrite(tx, done);
      }

      const sandboxIds = new Set(written.filter((_, i) => appeals[i]?.row.sandbox).map((w) => w.id));
      const webhooks = await webhookJobs(
        tx,
        storedEvents.map((e) => ({ ...e, sandbox: sandboxIds.has(e.appeal_id) })),
      );
      await this.jobs.enqueue(tx, [...appeals.flatMap((a, i) => a.jobs(written[i]?.id ?? 0)), ...webhooks]);
      await this.audit.append(
        tx,
        appeals.map((a, i) => ({ ...a.audit, targetId: written[i]?.number ?? '' })),
      );
      return written;
    });
  }
}

/** Takes the next sequence numbers for each appeal's year, in order, locking each year's counter row. */
async function allocateNumbers(tx: Db, years: number[]): Promise<number[]> {
  const perYear = new Map<number, number>();
  for (const year of years) perYear.set(year, (perYear.get(year) ?? 0) + 1);
  const firstOfYear = new Map<number, number>();
  for (const [year, count] of [...perYear].sort(([a], [b]) => a - b)) {
    const last = (await takeSequence(tx, year, count)) ?? count;
    firstOfYear.set(year, last - count + 1);
  }
  return years.map((year) => {
    const next = firstOfYear.get(year) ?? 1;
    firstOfYear.set(year, next + 1);
    return next;
  });
}
