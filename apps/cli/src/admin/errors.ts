import type { ErrorDetail } from '@aya/config-schema';

/** Exit codes: 1 = the request failed (API error, unreachable), 2 = the command line was wrong. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A command line the CLI cannot act on (bad --set, unreadable -f file); exit 2 like commander's own. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The control plane answered with an error: its stable code (`AYA_CP_*`), message and field details. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly status: number,
    /** undefined when the answer was not the control plane's error body (a proxy's 502 page) */
    readonly code: string | undefined,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** No HTTP answer at all: refused, timed out, DNS, TLS. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

/** The person at the terminal said no to a question (`aya config rollback`): exit 1, nothing was changed. */
export class CancelledError extends Error {
  override name = 'CancelledError';
}

/** The lines printed on stderr for an error, and the exit code. Never includes the token: no error carries it. */
export function describeError(error: unknown): { lines: string[]; exitCode: number } {
  if (error instanceof UsageError) return { lines: [`aya: ${error.message}`], exitCode: EXIT_USAGE };
  if (error instanceof UnreachableError || error instanceof CancelledError) return { lines: [`aya: ${error.message}`], exitCode: EXIT_FAILED };
  if (error instanceof ApiError) {
    const head = error.code ? `${error.code} (HTTP ${error.status}): ${error.message}` : `HTTP ${error.status}: ${error.message}`;
    const lines = [`aya: ${head}`, ...error.details.map((d) => `  ${d.path === '' ? '(body)' : d.path}: ${d.message}`)];
    if (error.status === 401) lines.push('  hint: pass an admin token with --token or AYA_TOKEN (`aya login` prints one)');
    return { lines, exitCode: EXIT_FAILED };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { lines: [`aya: unexpected error: ${message}`], exitCode: EXIT_FAILED };
}
