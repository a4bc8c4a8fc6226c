/**
 * Whether an error means "the database cannot be reached right now" (stopped, restarting, failing
 * over, connection cut mid-query) rather than a bug or a bad request. Such a request changed nothing
 * (its transaction never committed), so it is answered 503 AYA_CP_DATABASE_UNAVAILABLE: the client
 * may retry, and the operator sees an outage, not an internal error.
 *
 * Errors reach us in several shapes: Prisma's (with a P1xxx code, or the driver adapter's error in
 * `meta.driverAdapterError`), node-postgres's own (a SQLSTATE, or a plain "Connection terminated"
 * Error), and node's socket errors.
 */

/** Prisma: can't reach (P1001), timed out reaching (P1002), timed out (P1008), closed (P1017), pool timeout (P2024) */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** @prisma/adapter-pg's kinds for socket errors and a full server */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** SQLSTATE 08xxx connection exceptions, 57P01-03 (server shutting down, crashed, starting up), 53300 too many connections */
const SQLSTATE = /^(08...|57P0[123]|53300)$/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
/** node-postgres's messages for a connection that died under it (no code attached) */
const PG_CLIENT_MESSAGES = [/^Connection terminated/, /connection error and is not queryable/, /^Client was closed and is not queryable/];

interface ErrorFields {
  code?: unknown;
  kind?: unknown;
  errorCode?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: { cause?: unknown } };
  cause?: unknown;
}

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const e = err as ErrorFields;
  const code = typeof e.code === 'string' ? e.code : typeof e.errorCode === 'string' ? e.errorCode : undefined;
  if (code !== undefined && (PRISMA_CODES.has(code) || SQLSTATE.test(code) || SOCKET_CODES.has(code))) return true;
  if (typeof e.kind === 'string' && (ADAPTER_KINDS.has(e.kind) || (e.kind === 'postgres' && typeof e.code === 'string' && SQLSTATE.test(e.code)))) {
    return true;
  }
  if (typeof e.message === 'string' && PG_CLIENT_MESSAGES.some((re) => re.test(e.message as string))) return true;
  return isDatabaseUnavailable(e.meta?.driverAdapterError?.cause, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}
