import { CpErrorCode, type CpErrorBody } from '@aya/config-schema';
import { z } from 'zod';
import { isDatabaseUnavailable } from './database-unavailable';
import { AppError, ConflictError, DatabaseUnavailableError, NotFoundError, ValidationError, validationFromZod } from './errors';

export interface MappedError {
  status: number;
  body: CpErrorBody;
  /** true when the error is a bug or an outage rather than a client mistake: worth one log line */
  unexpected: boolean;
  headers?: Record<string, string>;
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
  getStatus?: unknown;
  meta?: unknown;
}

const asErrorLike = (err: unknown): ErrorLike => (typeof err === 'object' && err !== null ? (err as ErrorLike) : {});

/**
 * Maps anything thrown while serving a request to the one error body of the API. Duck-typed on purpose:
 * errors come from our code, zod, Prisma, Nest (HttpException) and fastify (body parser, 404) alike.
 */
export function mapError(err: unknown): MappedError {
  const known = toAppError(err);
  if (known) return { status: known.status, body: known.toBody(), unexpected: false, headers: known.headers };
  // an outage, not a bug: 503 with a stable code, still worth a log line
  if (isDatabaseUnavailable(err)) return { status: 503, body: new DatabaseUnavailableError().toBody(), unexpected: true };
  const e = asErrorLike(err);
  const status = httpStatusOf(e);
  if (status !== undefined && status < 500) {
    return { status, body: { error: { code: codeForStatus(status), message: safeMessage(e, status) } }, unexpected: false };
  }
  return { status: 500, body: { error: { code: CpErrorCode.INTERNAL, message: 'internal error' } }, unexpected: true };
}

function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return validationFromZod(err);
  const e = asErrorLike(err);
  // Prisma known request errors: races the service-level checks could not see (two writers at once)
  if (e.name === 'PrismaClientKnownRequestError' && typeof e.code === 'string') {
    if (e.code === 'P2002') return new ConflictError('a resource with this name already exists');
    if (e.code === 'P2003' || e.code === 'P2014') return new ConflictError('the resource is still referenced');
    if (e.code === 'P2025') return new NotFoundError('not found');
  }
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (e.name === 'SyntaxError' && e.statusCode === 400)) {
    return new ValidationError('request body is not valid JSON');
  }
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return new ValidationError('request body is empty');
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new ValidationError('unsupported content type: send application/json');
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError(CpErrorCode.VALIDATION, 413, 'request body too large');
  return undefined;
}

function httpStatusOf(e: ErrorLike): number | undefined {
  if (typeof e.getStatus === 'function') {
    const s: unknown = (e.getStatus as () => unknown)();
    if (typeof s === 'number') return s;
  }
  if (typeof e.statusCode === 'number') return e.statusCode;
  return undefined;
}

export function codeForStatus(status: number): CpErrorCode {
  switch (status) {
    case 401:
      return CpErrorCode.UNAUTHENTICATED;
    case 403:
      return CpErrorCode.FORBIDDEN;
    case 404:
    case 405:
      return CpErrorCode.NOT_FOUND;
    case 409:
      return CpErrorCode.CONFLICT;
    default:
      return status >= 500 ? CpErrorCode.INTERNAL : CpErrorCode.VALIDATION;
  }
}

function safeMessage(e: ErrorLike, status: number): string {
  if (status === 404) return 'not found';
  return typeof e.message === 'string' && e.message.length < 300 ? e.message : 'bad request';
}
