import { CpErrorCode, routeCreateSchema } from '@aya/config-schema';
import { describe, expect, it } from 'vitest';
import { mapError } from './error-mapping';
import { ConflictError, NotFoundError } from './errors';

describe('mapError', () => {
  it('keeps our own errors', () => {
    expect(mapError(new ConflictError('dup'))).toMatchObject({ status: 409, body: { error: { code: CpErrorCode.CONFLICT, message: 'dup' } } });
    expect(mapError(new NotFoundError())).toMatchObject({ status: 404, body: { error: { code: CpErrorCode.NOT_FOUND } } });
  });

  it('turns zod issues into field-level details', () => {
    const parsed = routeCreateSchema.safeParse({ name: 'r', service: 's', paths: ['/ok', 'bad'], extra: 1 });
    expect(parsed.success).toBe(false);
    const mapped = mapError(parsed.error);
    expect(mapped.status).toBe(400);
    expect(mapped.body.error.code).toBe(CpErrorCode.VALIDATION);
    expect(mapped.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'paths.1', message: expect.any(String) },
        { path: 'extra', message: 'unknown field' },
      ]),
    );
  });

  it('maps fastify body-parser errors and 404s to coded errors', () => {
    const badJson = Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' });
    expect(mapError(badJson)).toMatchObject({ status: 400, body: { error: { code: CpErrorCode.VALIDATION } } });
    const nestNotFound = { getStatus: () => 404, message: 'Cannot GET /x' };
    expect(mapError(nestNotFound)).toMatchObject({ status: 404, body: { error: { code: CpErrorCode.NOT_FOUND } } });
  });

  it('maps Prisma constraint races to 409', () => {
    const p2002 = Object.assign(new Error('Unique constraint failed'), { name: 'PrismaClientKnownRequestError', code: 'P2002' });
    expect(mapError(p2002)).toMatchObject({ status: 409, body: { error: { code: CpErrorCode.CONFLICT } } });
  });

  it('maps an unreachable database to 503 AYA_CP_DATABASE_UNAVAILABLE, whatever shape the error comes in', () => {
    const unavailable = [
      Object.assign(new Error("Can't reach database server"), { name: 'PrismaClientKnownRequestError', code: 'P1001' }),
      // a raw query cut by a server shutdown: Prisma's P2010 with the driver adapter's cause
      Object.assign(new Error('Raw query failed'), { name: 'PrismaClientKnownRequestError', code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'postgres', code: '57P01' } } } }),
      Object.assign(new Error('Raw query failed'), { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } }),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ];
    for (const err of unavailable) {
      expect(mapError(err)).toMatchObject({ status: 503, unexpected: true, body: { error: { code: CpErrorCode.DATABASE_UNAVAILABLE } } });
    }
    const syntax = Object.assign(new Error('Raw query failed'), { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'postgres', code: '42601' } } } });
    expect(mapError(syntax).status).toBe(500);
  });

  it('hides internals of unexpected errors', () => {
    const mapped = mapError(new Error('connection string postgres://secret@db'));
    expect(mapped).toMatchObject({ status: 500, unexpected: true, body: { error: { code: CpErrorCode.INTERNAL, message: 'internal error' } } });
  });
});
