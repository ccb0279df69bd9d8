import type { FastifyInstance } from 'fastify';

// Browser features no page of ours uses are denied to every page and to anything it embeds. Only the
// portal's appeal form asks for the position ("use my location"), so only the portal's own pages may.
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
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
].map((feature) => `${feature}=()`);
const portalPolicy = [...denied, 'geolocation=(self)'].join(', ');
const strictPolicy = [...denied, 'geolocation=()'].join(', ');

function isPortalPage(url: string): boolean {
  return !url.startsWith('/api/') && !url.startsWith('/console');
}

/**
 * Headers helmet does not set: a Permissions-Policy on every answer, and `Cache-Control: no-store` on every
 * API answer that did not choose its own caching. Staff JSON carries personal data and a tracked appeal
 * carries its answer; neither may stay in a shared computer's browser cache or a proxy.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('permissions-policy', isPortalPage(request.url) ? portalPolicy : strictPolicy);
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });
}
