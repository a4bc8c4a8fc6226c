import { z } from 'zod';

/** Names are used in URLs (`/services/{idOrName}`) and in `upstream://<name>`. */
export const nameSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._~-]*$/, 'letters, digits, ".", "_", "~", "-"; must start with a letter or digit');

export const slugSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'lowercase letters, digits and inner "-"');

export const timeoutMsSchema = z.number().int().min(1).max(3_600_000);

/** `host:port` with a hostname, IPv4 or bracketed IPv6 address. */
export const hostPortSchema = z
  .string()
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):([0-9]{1,5})$/, 'must be host:port')
  .refine((v) => {
    const port = Number(v.slice(v.lastIndexOf(':') + 1));
    return port >= 1 && port <= 65535;
  }, 'port must be 1-65535');

/** Paginated list response of every collection. `next` is an opaque cursor or null. */
export interface Page<T> {
  data: T[];
  next: string | null;
}
