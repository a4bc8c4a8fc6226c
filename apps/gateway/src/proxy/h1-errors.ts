/**
 * Errors of the lean HTTP/1.1 client, carrying undici's codes so errors.ts / retry-policy.ts
 * classify them exactly as they classify undici's (connect failure, timeout, socket error).
 */
export type UpstreamErrorCode =
  | 'UND_ERR_CONNECT_TIMEOUT'
  | 'UND_ERR_HEADERS_TIMEOUT'
  | 'UND_ERR_HEADERS_OVERFLOW'
  | 'UND_ERR_BODY_TIMEOUT'
  | 'UND_ERR_SOCKET'
  | 'UND_ERR_CLOSED'
  | 'UND_ERR_ABORTED'
  | 'UND_ERR_INVALID_ARG'
  | 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH';

export class UpstreamError extends Error {
  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UpstreamError';
  }
}
