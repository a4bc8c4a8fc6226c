import type { ErrorDetail } from '@aya/config-schema';
import type { z } from 'zod';
import { AppError, ValidationError } from '../common/errors';

/** A document path as a person reads a file: `routes[12].paths[0]`, `plugins[3].config.limits[0].limit`. */
export function documentPath(segments: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number' || (typeof s === 'string' && /^\d+$/.test(s))) out += `[${String(s)}]`;
    else out += out === '' ? String(s) : `.${String(s)}`;
  }
  return out;
}

/** The document's zod issues as field details (unknown keys: one detail per key, as the admin API reports them). */
export function documentDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: documentPath([...issue.path, key]), message: 'unknown field' }))
      : [{ path: documentPath(issue.path), message: issue.message }],
  );
}

/** A store's detail path (`split.services.0.service`) below an entry of the document (`routes[4]`). */
export function entryPath(entry: string, detailPath: string): string {
  return detailPath === '' ? entry : `${entry}${documentPath(detailPath.split('.')).replace(/^(?!\[)/, '.')}`;
}

/**
 * An error a store raised while writing one entry, re-aimed at the entry in the document: validation details get
 * the entry's path in front, other coded errors (a 409 collision) name it as their one detail.
 */
export function atEntry(err: unknown, entry: string): unknown {
  if (err instanceof ValidationError) {
    const details = err.details?.length ? err.details : [{ path: '', message: err.message }];
    return new ValidationError('invalid config document', details.map((d) => ({ path: entryPath(entry, d.path), message: d.message })));
  }
  if (err instanceof AppError && err.details === undefined && err.status < 500) {
    const aimed = new AppError(err.code, err.status, `${entry}: ${err.message}`, [{ path: entry, message: err.message }]);
    aimed.headers = err.headers;
    return aimed;
  }
  return err;
}
