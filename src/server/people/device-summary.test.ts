import { describe, expect, it } from 'vitest';
import { networkPrefix, summariseUserAgent } from './device-summary.ts';

describe('what a staff member is shown of a session', () => {
  it('names the browser and system of a user agent, nothing more', () => {
    expect(
      summariseUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36',
      ),
    ).toBe('Chrome 131 · Linux');
    expect(
      summariseUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0.1',
      ),
    ).toBe('Edge 120 · Windows');
    expect(summariseUserAgent('Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0')).toBe(
      'Firefox 128 · Android',
    );
    expect(summariseUserAgent(undefined)).toBe('');
    expect(summariseUserAgent('curl/8.5.0')).toBe('');
  });

  it('keeps only the network prefix of an address', () => {
    expect(networkPrefix('192.168.10.77')).toBe('192.168.10.0/24');
    expect(networkPrefix('::ffff:10.1.2.3')).toBe('10.1.2.0/24');
    expect(networkPrefix('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(networkPrefix('::1')).toBe('0:0:0::/48');
    expect(networkPrefix('not an address')).toBe('');
  });
});
