import type { FastifyInstance } from 'fastify';

// Browser features no page of ours uses are denied to every page and to anything it embeds. Only the
// portal's appeal form asks for the position ("use my location"), so only the portal's own pages may; only
// the staff console signs in with passkeys, so only its own pages may use WebAuthn.
const denied = [
  'accelerometer',
  'bluetooth',
  'browsing-topics',
  'camera',
  'display-capture',
  'gyroscope',
  'hid',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
].map((feature) => `${feature}=()`);
const noWebAuthn = ['publickey-credentials-create=()', 'publickey-credentials-get=()'];
const portalPolicy = [...denied, ...noWebAuthn, 'geolocation=(self)'].join(', ');
const consolePolicy = [
  ...denied,
  'publickey-credentials-create=(self)',
  'publickey-credentials-get=(self)',
  'geolocation=()',
].join(', ');
const apiPolicy = [...denied, ...noWebAuthn, 'geolocation=()'].join(', ');

function policyFor(url: string): string {
  if (url.startsWith('/console')) return consolePolicy;
  return url.startsWith('/api/') ? apiPolicy : portalPolicy;
}

/**
 * Headers helmet does not set: a Permissions-Policy on every answer, and `Cache-Control: no-store` on every
 * API answer that did not choose its own caching. Staff JSON carries personal data and a tracked appeal
 * carries its answer; neither may stay in a shared computer's browser cache or a proxy.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('permissions-policy', policyFor(request.url));
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
}
