import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../context.ts';
import type { DataProtector } from '../security/data-protector.ts';
import { noticeForReport, recordDeliveryReport } from './notify.repository.ts';

// Delivery reports from the SMS gateway: the provider calls back when the phone network says a message
// reached the phone or never will. The callback address carries a key derived from the server's master key,
// so nobody else can mark notices delivered or failed; a wrong key answers like an unknown address.

/** Statuses providers report, as the outbox reads them (Eskiz and SMPP words, and plain English). */
const delivered = new Set(['delivrd', 'delivered', 'delivery_success', 'success']);
const undelivered = new Set([
  'undeliv',
  'undelivered',
  'rejectd',
  'rejected',
  'expired',
  'failed',
  'deleted',
  'delivery_failed',
]);

/** The key a delivery report must carry (derived, so there is nothing more to configure or to leak). */
export function deliveryReportKey(protector: DataProtector): string {
  return protector.lookupHash('letter', 'sms-delivery-report').toString('hex').slice(0, 32);
}

// The gateway keeps the address it was given: after a key rotation the old key's address still works.
function deliveryReportKeys(protector: DataProtector): string[] {
  return protector.lookupHashes('letter', 'sms-delivery-report').map((h) => h.toString('hex').slice(0, 32));
}

/** Where the gateway reports to, when the public address is known. */
export function deliveryReportUrl(
  publicUrl: string | undefined,
  protector: DataProtector,
): string | undefined {
  return publicUrl
    ? `${publicUrl.replace(/\/$/, '')}/api/v1/channels/sms/report?key=${deliveryReportKey(protector)}`
    : undefined;
}

/** True when the report carries the right key (compared in constant time). */
export function reportKeyMatches(protector: DataProtector, key: string | undefined): boolean {
  const given = Buffer.from(key ?? '');
  return deliveryReportKeys(protector).some((k) => {
    const expected = Buffer.from(k);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/**
 * Records what the network said of one SMS notice: `delivered`, or `failed` with the provider's status as the
 * reason. The notice is found by the provider's message id, or by our own id (what the generic gateway was
 * given). Unknown messages and statuses change nothing (a report may come twice, or about a message of
 * another system sharing the account).
 */
export async function receiveDeliveryReport(
  ctx: AppContext,
  report: { id: string; status: string },
): Promise<'delivered' | 'failed' | 'ignored'> {
  const status = report.status.trim().toLowerCase();
  const outcome = delivered.has(status) ? 'delivered' : undelivered.has(status) ? 'failed' : undefined;
  if (!outcome) return 'ignored';
  const notice = await noticeForReport(ctx.db, report.id);
  if (!notice) return 'ignored';
  await recordDeliveryReport(ctx.db, notice.id, {
    status: outcome,
    at: ctx.clock.now(),
    errorCode: outcome === 'failed' ? `refused:SMS ${report.status.trim().toUpperCase().slice(0, 20)}` : null,
    error: outcome === 'failed' ? `The phone network reported the SMS as ${status.slice(0, 20)}.` : null,
  });
  return outcome;
}
