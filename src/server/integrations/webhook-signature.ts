import { createHmac, timingSafeEqual } from 'node:crypto';

// What a webhook receiver checks: an HMAC-SHA256, keyed with the subscription's secret, of the timestamp
// header, a dot, and the exact bytes of the body. Signing the timestamp lets a receiver refuse an old
// delivery replayed at it (docs/webhooks.md).

/** The `X-Murojaat-Signature` value of `body` sent at `timestamp` (unix seconds). */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `sha256=${mac}`;
}

/** Whether a signature is right and its timestamp within `toleranceSeconds` of `nowSeconds` (a receiver's check). */
export function verifyWebhookSignature(options: {
  secret: string;
  signature: string;
  timestamp: string;
  body: string;
  nowSeconds: number;
  toleranceSeconds?: number;
}): boolean {
  const { secret, signature, timestamp, body, nowSeconds } = options;
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  const sent = Number(timestamp);
  if (Math.abs(nowSeconds - sent) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(webhookSignature(secret, sent, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
