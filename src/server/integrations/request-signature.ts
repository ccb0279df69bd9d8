import { createHmac, timingSafeEqual } from 'node:crypto';

// The signature another system puts on a request that forwards an appeal in: HMAC-SHA256, keyed with the
// integration's signing secret, over "<timestamp>.<raw body>", sent as `sha256=<hex>`. The timestamp (Unix
// seconds) is inside what is signed, so an old request replayed later is refused by its age. Pure: no I/O.

/** How far a request's timestamp may be from our clock, either way. */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** The header value a sender computes: `sha256=` and the hex HMAC of "<timestamp>.<raw body>". */
export function signRequest(secret: string, timestamp: string, rawBody: Buffer | string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest('hex');
  return `sha256=${mac}`;
}

/** What is wrong with a request's signature, if anything. */
export type SignatureProblem = 'timestamp' | 'signature';

/**
 * Checks a request's timestamp (present, whole seconds, within the tolerance of `now`) and then its signature
 * (present, well-formed, equal in constant time to ours); undefined when both hold.
 */
export function signatureProblem(options: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer;
  now: Date;
}): SignatureProblem | undefined {
  const { secret, timestamp, signature, rawBody, now } = options;
  if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) return 'timestamp';
  if (Math.abs(Number(timestamp) * 1000 - now.getTime()) > SIGNATURE_TOLERANCE_MS) return 'timestamp';
  const offered = signature?.trim().match(/^sha256=([0-9a-fA-F]{64})$/)?.[1];
  if (!offered) return 'signature';
  const expected = Buffer.from(signRequest(secret, timestamp, rawBody).slice('sha256='.length), 'hex');
  return timingSafeEqual(Buffer.from(offered, 'hex'), expected) ? undefined : 'signature';
}
