import { CpErrorCode, type ErrorDetail } from '@aya/config-schema';

/** Errors the console itself raises when the control plane could not answer with a coded error. */
export const ConsoleErrorCode = {
  NETWORK: 'AYA_CONSOLE_NETWORK',
  BAD_RESPONSE: 'AYA_CONSOLE_BAD_RESPONSE',
} as const;
export type ConsoleErrorCode = (typeof ConsoleErrorCode)[keyof typeof ConsoleErrorCode];

export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
}

/** A failed API call: the control plane's `{"error":{code,message,details}}` plus the HTTP status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
  }

  get isValidation(): boolean {
    return this.code === CpErrorCode.VALIDATION;
  }

  get isConflict(): boolean {
    return this.code === CpErrorCode.CONFLICT || this.status === 409;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseDetails(raw: unknown): ErrorDetail[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((d): ErrorDetail[] =>
    isRecord(d) && typeof d.message === 'string'
      ? [{ path: typeof d.path === 'string' ? d.path : '', message: d.message }]
      : [],
  );
}

const fallbackCode: Record<number, string> = {
  400: CpErrorCode.VALIDATION,
  401: CpErrorCode.UNAUTHENTICATED,
  403: CpErrorCode.FORBIDDEN,
  404: CpErrorCode.NOT_FOUND,
  409: CpErrorCode.CONFLICT,
};

/**
 * A write refused by `If-Match` (412), in words for the dialogs and switches that show `error.message` (forms
 * offer a reload instead, lib/form-errors.ts): the server's message names ETags.
 */
export const STALE_WRITE_MESSAGE = 'Someone else changed this since you loaded it, so nothing was changed. Reload the page to see their version.';

/** Builds an ApiError from a response body, tolerating bodies that are not the contract's shape (proxies, HTML 502s). */
export function apiErrorFromBody(status: number, body: unknown, statusText = ''): ApiError {
  const err = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (err && typeof err.code === 'string') {
    return new ApiError({
      status,
      code: err.code,
      message: status === 412 ? STALE_WRITE_MESSAGE : typeof err.message === 'string' && err.message ? err.message : `Request failed (${status})`,
      details: parseDetails(err.details),
    });
  }
  return new ApiError({
    status,
    code: fallbackCode[status] ?? (status >= 500 ? CpErrorCode.INTERNAL : ConsoleErrorCode.BAD_RESPONSE),
    message: `Request failed: ${status}${statusText ? ` ${statusText}` : ''}`,
  });
}
