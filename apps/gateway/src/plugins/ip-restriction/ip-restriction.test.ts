import { describe, expect, it } from 'vitest';
import { compileAddressList, parseForwardedAddress, unwrapMapped } from './address-list';
import { resolveClientAddress } from './client-address';

describe('compileAddressList', () => {
  const list = compileAddressList(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32', '::1']);

  it('matches IPv4 blocks and single addresses', () => {
    expect(list.has('10.200.3.4')).toBe(true);
    expect(list.has('11.0.0.1')).toBe(false);
    expect(list.has('192.168.1.7')).toBe(true);
    expect(list.has('192.168.1.8')).toBe(false);
  });

  it('matches IPv6 blocks in any spelling', () => {
    expect(list.has('2001:db8:0:1::5')).toBe(true);
    expect(list.has('2001:DB8::1')).toBe(true);
    expect(list.has('2001:db9::1')).toBe(false);
    expect(list.has('0:0:0:0:0:0:0:1')).toBe(true);
  });

  it('matches IPv4-mapped IPv6 against IPv4 rules and mapped rules against IPv4', () => {
    expect(list.has('::ffff:10.1.2.3')).toBe(true);
    const mapped = compileAddressList(['::ffff:172.16.0.0/108']);
    expect(mapped.has('172.16.5.5')).toBe(true);
    expect(mapped.has('172.32.0.1')).toBe(false);
  });

  it('never matches something that is not an address', () => {
    expect(list.has('garbage')).toBe(false);
    expect(list.has('')).toBe(false);
  });
});

describe('parseForwardedAddress', () => {
  it('reads the spellings proxies use', () => {
    expect(parseForwardedAddress(' 1.2.3.4 ')).toBe('1.2.3.4');
    expect(parseForwardedAddress('1.2.3.4:5678')).toBe('1.2.3.4');
    expect(parseForwardedAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(parseForwardedAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(parseForwardedAddress('::ffff:1.2.3.4')).toBe('1.2.3.4');
    expect(parseForwardedAddress('unknown')).toBeUndefined();
    expect(parseForwardedAddress('[::1')).toBeUndefined();
    expect(unwrapMapped('::ffff:7f00:1')).toBe('::ffff:7f00:1');
  });
});

describe('resolveClientAddress', () => {
  const trusted = compileAddressList(['10.0.0.0/8']);

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy (spoofing)', () => {
    expect(resolveClientAddress('203.0.113.9', '10.1.1.1', trusted)).toBe('203.0.113.9');
    expect(resolveClientAddress('203.0.113.9', '1.1.1.1', undefined)).toBe('203.0.113.9');
  });

  it('takes the right-most entry that is not a trusted proxy', () => {
    // the client forged "1.1.1.1"; the first proxy appended the real 198.51.100.4; a second proxy 10.0.0.2
    expect(resolveClientAddress('10.0.0.1', '1.1.1.1, 198.51.100.4, 10.0.0.2', trusted)).toBe('198.51.100.4');
    expect(resolveClientAddress('10.0.0.1', ['1.1.1.1', '198.51.100.4'], trusted)).toBe('198.51.100.4');
  });

  it('takes the left-most entry when every entry is trusted, the peer when the header is empty', () => {
    expect(resolveClientAddress('10.0.0.1', '10.0.0.5, 10.0.0.2', trusted)).toBe('10.0.0.5');
    expect(resolveClientAddress('10.0.0.1', ' , ', trusted)).toBe('10.0.0.1');
    expect(resolveClientAddress('10.0.0.1', undefined, trusted)).toBe('10.0.0.1');
  });

  it('gives no address when the entry in the client position is garbage', () => {
    expect(resolveClientAddress('10.0.0.1', '1.1.1.1, nonsense', trusted)).toBeUndefined();
  });
});
