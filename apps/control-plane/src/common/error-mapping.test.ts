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

  it('hides internals of unexpected errors', () => {
    const mapped = mapError(new Error('connection string postgres://secret@db'));
    expect(mapped).toMatchObject({ status: 500, unexpected: true, body: { error: { code: CpErrorCode.INTERNAL, message: 'internal error' } } });
  });
});
