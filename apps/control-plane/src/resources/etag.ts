import { createHash } from 'node:crypto';
import { SetMetadata } from '@nestjs/common';
import { PreconditionFailedError } from '../common/errors';

/**
 * Optimistic concurrency for every registry resource (RFC 9110 §8.8.3, §13.1.1). The ETag is strong and
 * derived from the response view itself (a hash of its JSON), not from `updatedAt`: it changes whenever what a
 * client read changes, including a referenced name (a route's `service`), and needs no column.
 */
export const etagOf = (view: unknown): string => `"${createHash('sha256').update(JSON.stringify(view)).digest('base64url').slice(0, 27)}"`;

/** Handler metadata: the operation answers with an `ETag` (and, when it writes, honours `If-Match`); read by the OpenAPI builder. */
export const ETAG_KEY = 'aya:etag';
export const AnswersEtag = (): MethodDecorator => SetMetadata(ETAG_KEY, true);

/**
 * Whether an `If-Match` header lets a write on a resource whose current ETag is `current` go ahead: absent (no
 * precondition), `*` (the resource exists, which it does once looked up), or a list naming `current`. Weak
 * validators (`W/"..."`) never match: If-Match uses the strong comparison.
 */
export function ifMatchHolds(header: string | undefined, current: string): boolean {
  if (header === undefined || header.trim() === '') return true;
  if (header.trim() === '*') return true;
  const tags = header.match(/(W\/)?"[^"]*"/g) ?? [];
  return tags.some((tag) => tag === current);
}

/** 412 AYA_CP_PRECONDITION_FAILED unless `If-Match` holds; called inside the write transaction, after the row lock. */
export function assertIfMatch(header: string | undefined, view: unknown): void {
  const current = etagOf(view);
  if (!ifMatchHolds(header, current)) throw new PreconditionFailedError(current);
}
