import { z } from 'zod';
import { headerNameSchema } from '../route-traffic';

/**
 * Pieces several plugin configs share. Every plugin config is a strict object with defaults, so what is
 * stored (and sent to gateways) is the parsed config, defaults filled in, and a typo is a 400 at write time.
 */

/** The consumer (id or username) an auth plugin falls back to when the request carries no credentials. */
export const anonymousField = {
  anonymous: z
    .string()
    .min(1)
    .max(128)
    .nullable()
    .default(null)
    .describe('Consumer (username or id) to use when no auth plugin authenticates the request; empty: 401'),
};

/** Header names as HTTP spells them (token characters), as route predicates take them. */
export const pluginHeaderNameSchema = headerNameSchema.min(1).max(256);

/** An IPv4 / IPv6 address or CIDR block (`10.0.0.0/8`, `2001:db8::/32`). */
export const cidrSchema = z
  .string()
  .min(2)
  .max(64)
  .refine((v) => {
    const [addr, bits, extra] = v.split('/');
    if (extra !== undefined || addr === undefined) return false;
    const v6 = addr.includes(':');
    if (!v6 && !/^\d{1,3}(\.\d{1,3}){3}$/.test(addr)) return false;
    if (v6 && !/^[0-9A-Fa-f:.]+$/.test(addr)) return false;
    if (bits === undefined) return true;
    const n = Number(bits);
    return /^\d{1,3}$/.test(bits) && n >= 0 && n <= (v6 ? 128 : 32);
  }, 'must be an IPv4 or IPv6 address or CIDR block');
