import { describe, expect, it } from 'vitest';
import { clientNetwork } from './client-address.ts';

describe('the client network guesses are counted under', () => {
  it('is the address itself for IPv4, also when written as IPv4-mapped IPv6', () => {
    expect(clientNetwork('203.0.113.9')).toBe('203.0.113.9');
    expect(clientNetwork('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('is the /64 network for IPv6, however the address is written', () => {
    const network = '2001:0db8:0000:0001::/64';
    expect(clientNetwork('2001:db8:0:1::1')).toBe(network);
    expect(clientNetwork('2001:db8:0:1:ffff:ffff:ffff:fffe')).toBe(network);
    expect(clientNetwork('2001:DB8::1:0:0:0:7')).toBe(network);
    expect(clientNetwork('fe80::1%eth0')).toBe('fe80:0000:0000:0000::/64');
    expect(clientNetwork('::1')).toBe('0000:0000:0000:0000::/64');
  });
});
