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

/**
 * `host:port` with a hostname, IPv4 or bracketed IPv6 address; the port 1-65535 without leading zeros. One
 * pattern says it all, so the OpenAPI document (generated from this schema) states exactly what is accepted.
 */
export const hostPortSchema = z
  .string()
  .regex(
    /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$/,
    'must be host:port, port 1-65535',
  );

/** Paginated list response of every collection. `next` is an opaque cursor or null. */
export interface Page<T> {
  data: T[];
  next: string | null;
  /** searchable lists (`?q=&sort=`): how many rows match over all pages */
  total?: number;
}

/** Whether `source` compiles as a JavaScript regular expression (a typo is a 400 at write time, not a gateway error). */
export function isValidRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
