import { BlockList, isIP } from 'node:net';

/**
 * CIDR lists compiled once per config into a `net.BlockList` (a prefix match in native code, not a loop
 * over strings per request). IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is matched by IPv4 rules and the other
 * way round: BlockList treats the two spellings as the same address.
 */
export interface AddressList {
  /** the address is in one of the blocks (false for anything that is not an address) */
  has(ip: string): boolean;
}

export function compileAddressList(cidrs: readonly string[]): AddressList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [addr = '', bits] = cidr.split('/');
    const family = isIP(addr);
    if (family === 0) throw new Error(`not an IP address: ${addr}`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return {
    has(ip) {
      const family = isIP(ip);
      return family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
    },
  };
}

/**
 * An address as X-Forwarded-For may spell it: `1.2.3.4`, `1.2.3.4:5678`, `[2001:db8::1]:443`, `2001:db8::1`,
 * `::ffff:1.2.3.4` (unwrapped to IPv4). Anything else: undefined.
 */
export function parseForwardedAddress(raw: string): string | undefined {
  let s = raw.trim();
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) return undefined;
    s = s.slice(1, end);
  } else if (s.includes('.') && s.indexOf(':') === s.lastIndexOf(':') && s.includes(':')) {
    s = s.slice(0, s.indexOf(':')); // IPv4 with a port
  }
  return unwrapMapped(s);
}

/** `::ffff:1.2.3.4` -> `1.2.3.4`; other valid addresses as they are; invalid: undefined. */
export function unwrapMapped(ip: string): string | undefined {
  const family = isIP(ip);
  if (family === 0) return undefined;
  if (family === 6 && /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(ip)) return ip.slice(7);
  return ip;
}
