/** Stable error codes. Tests and clients assert codes, never messages. */
export const CpErrorCode = {
  VALIDATION: 'AYA_CP_VALIDATION',
  UNAUTHENTICATED: 'AYA_CP_UNAUTHENTICATED',
  FORBIDDEN: 'AYA_CP_FORBIDDEN',
  NOT_FOUND: 'AYA_CP_NOT_FOUND',
  CONFLICT: 'AYA_CP_CONFLICT',
  INTERNAL: 'AYA_CP_INTERNAL',
  /** 500: a private key must be encrypted or decrypted but AYA_SECRET_KEY is unset or not the one it was stored with */
  SECRET_KEY_REQUIRED: 'AYA_CP_SECRET_KEY_REQUIRED',
  /** 410 (internal API): the changes after that revision are no longer kept; pull the whole snapshot */
  DELTA_UNAVAILABLE: 'AYA_CP_DELTA_UNAVAILABLE',
  /** 503: the database cannot be reached (down, restarting, connection cut); nothing was written, retry later */
  DATABASE_UNAVAILABLE: 'AYA_CP_DATABASE_UNAVAILABLE',
  /** 429: too many failed sign-ins for the account or from the address; retry after `Retry-After` seconds */
  TOO_MANY_ATTEMPTS: 'AYA_CP_TOO_MANY_ATTEMPTS',
  /** 412: the `If-Match` ETag is not the resource's current one (someone else changed it): re-read, then retry */
  PRECONDITION_FAILED: 'AYA_CP_PRECONDITION_FAILED',
  /** 403: a write with the console's session cookie but without its `X-CSRF-Token` (or a wrong one) */
  CSRF: 'AYA_CP_CSRF',
  /** 409: the change would leave the tenant without an owner (demoting or removing its last one) */
  LAST_OWNER: 'AYA_CP_LAST_OWNER',
  /** 413: a declarative document with more objects than one apply takes (APPLY_MAX_OBJECTS): apply it in parts */
  APPLY_TOO_LARGE: 'AYA_CP_APPLY_TOO_LARGE',
} as const;
export type CpErrorCode = (typeof CpErrorCode)[keyof typeof CpErrorCode];

export const GwErrorCode = {
  ROUTE_NOT_FOUND: 'AYA_GW_ROUTE_NOT_FOUND',
  /** 503: the gateway has no config yet (none on disk, control plane not reached): not "no such route" */
  NOT_READY: 'AYA_GW_NOT_READY',
  UPSTREAM_UNAVAILABLE: 'AYA_GW_UPSTREAM_UNAVAILABLE',
  UPSTREAM_TIMEOUT: 'AYA_GW_UPSTREAM_TIMEOUT',
  NO_HEALTHY_UPSTREAM: 'AYA_GW_NO_HEALTHY_UPSTREAM',
  BAD_REQUEST: 'AYA_GW_BAD_REQUEST',
  INTERNAL: 'AYA_GW_INTERNAL',
  /** 431: header block over AYA_MAX_HEADER_BYTES or more than AYA_MAX_HEADER_COUNT headers */
  HEADERS_TOO_LARGE: 'AYA_GW_HEADERS_TOO_LARGE',
  /** 413: body over AYA_MAX_BODY_BYTES (declared or streamed) */
  BODY_TOO_LARGE: 'AYA_GW_BODY_TOO_LARGE',
  /** 408: headers or body not received in time (slow client) */
  REQUEST_TIMEOUT: 'AYA_GW_REQUEST_TIMEOUT',
  /** 500: a plugin threw (or its config could not be compiled): the request fails closed, the cause is logged */
  PLUGIN_ERROR: 'AYA_GW_PLUGIN_ERROR',
  /** 401: no credentials, or none that authenticate (WWW-Authenticate says which scheme) */
  UNAUTHORIZED: 'AYA_GW_UNAUTHORIZED',
  /** 403: authenticated but not allowed (acl), or the client address / user agent is denied */
  FORBIDDEN: 'AYA_GW_FORBIDDEN',
  /** 429: a rate limit is spent; Retry-After says when to come back */
  RATE_LIMITED: 'AYA_GW_RATE_LIMITED',
  /** 429: the consumer's quota for the day / month is spent; the reset time is in the headers */
  QUOTA_EXCEEDED: 'AYA_GW_QUOTA_EXCEEDED',
  /** 400: the request does not match the route's request-validator schema (details in the body) */
  REQUEST_INVALID: 'AYA_GW_REQUEST_INVALID',
  /** 415: the request's content type is not one the route's validator accepts */
  UNSUPPORTED_MEDIA_TYPE: 'AYA_GW_UNSUPPORTED_MEDIA_TYPE',
  /** 411: the route's request-size-limit requires a Content-Length and the request streams its body without one */
  LENGTH_REQUIRED: 'AYA_GW_LENGTH_REQUIRED',
  /** 503: a limit must be checked in Redis, Redis is unreachable and the plugin is set to fail closed */
  LIMIT_UNAVAILABLE: 'AYA_GW_LIMIT_UNAVAILABLE',
} as const;
export type GwErrorCode = (typeof GwErrorCode)[keyof typeof GwErrorCode];

export interface ErrorDetail {
  path: string;
  message: string;
}

/** Body of every error the control plane answers with. */
export interface CpErrorBody {
  error: { code: CpErrorCode; message: string; details?: ErrorDetail[] };
}

/** Body of every error the gateway itself produces. */
export interface GwErrorBody {
  /** details: what a plugin adds (e.g. request-validator's failing fields) */
  error: { code: GwErrorCode; message: string; requestId: string; details?: unknown };
}
