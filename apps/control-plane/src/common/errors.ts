import { CpErrorCode, type CpErrorBody, type ErrorDetail } from '@aya/config-schema';
import type { z } from 'zod';

/** Every error the control plane answers with on purpose: a stable code, an HTTP status, a safe message. */
export class AppError extends Error {
  /** response headers that belong to the error (Retry-After) */
  headers?: Record<string, string>;

  constructor(
    readonly code: CpErrorCode,
    readonly status: number,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): CpErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: ErrorDetail[]) {
    super(CpErrorCode.VALIDATION, 400, message, details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'authentication required') {
    super(CpErrorCode.UNAUTHENTICATED, 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'permission denied') {
    super(CpErrorCode.FORBIDDEN, 403, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'not found') {
    super(CpErrorCode.NOT_FOUND, 404, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details?: ErrorDetail[]) {
    super(CpErrorCode.CONFLICT, 409, message, details);
  }
}

/** 403: a cookie session's write without a valid `X-CSRF-Token` (auth/session-cookie.ts). */
export class CsrfError extends AppError {
  constructor() {
    super(CpErrorCode.CSRF, 403, 'a write with the session cookie needs its X-CSRF-Token header');
  }
}

/** 409: demoting or removing a tenant's last owner. */
export class LastOwnerError extends AppError {
  constructor(tenant: string) {
    super(CpErrorCode.LAST_OWNER, 409, `tenant "${tenant}" needs at least one owner`, [{ path: 'role', message: 'the last owner' }]);
  }
}

/** 410 on the internal changes endpoint: the gateway falls back to pulling the whole snapshot. */
export class DeltaUnavailableError extends AppError {
  constructor(after: number) {
    super(CpErrorCode.DELTA_UNAVAILABLE, 410, `the changes after revision ${after} are no longer kept: pull the whole config`);
  }
}

/** 503: the database cannot be reached (see database-unavailable.ts); the request changed nothing. */
export class DatabaseUnavailableError extends AppError {
  constructor() {
    super(CpErrorCode.DATABASE_UNAVAILABLE, 503, 'the database is unavailable: nothing was changed, retry later');
  }
}

/** 429 on sign-in: no password is checked for this account or address for `retryAfterSeconds`. */
export class TooManyAttemptsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(CpErrorCode.TOO_MANY_ATTEMPTS, 429, `too many failed sign-ins: retry in ${retryAfterSeconds} s`);
    this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}

/** 412: `If-Match` names none of the resource's current ETag; the details name the current one, so a client can re-read. */
export class PreconditionFailedError extends AppError {
  constructor(readonly currentEtag: string) {
    super(CpErrorCode.PRECONDITION_FAILED, 412, 'the resource was changed since it was read (If-Match does not match its ETag): read it again', [
      { path: '', message: `current ETag: ${currentEtag}` },
    ]);
    this.headers = { etag: currentEtag };
  }
}

/** zod issues as `{path: "paths.0", message}` (an empty path means the whole body). */
export function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    // strictObject reports every unknown key in one issue at the parent: point at each key instead
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: 'unknown field' }));
    }
    return [{ path: base.join('.'), message: issue.message }];
  });
}

export function validationFromZod(error: z.ZodError, what = 'request body'): ValidationError {
  return new ValidationError(`invalid ${what}`, zodDetails(error));
}
