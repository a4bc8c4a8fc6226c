import { randomUUID } from 'node:crypto';

const VALID_ID = /^[A-Za-z0-9._-]{1,128}$/;

export function isValidRequestId(value: unknown): value is string {
  return typeof value === 'string' && VALID_ID.test(value);
}

/** Keeps the client's id when it is safe to log and forward; otherwise makes a new one. */
export function resolveRequestId(header: string | string[] | undefined): string {
  return isValidRequestId(header) ? header : randomUUID();
}
