import { CpErrorCode, DECLARATIVE_SECTIONS } from '@aya/config-schema';
import { AppError } from '../common/errors';

/**
 * The most objects (every section's entries plus consumers' credentials) one apply takes. An apply is one
 * transaction holding the config lock, so its time bounds every other writer's wait; measured at ~0.3 ms per new
 * route on a quiet machine (bench/apply-10k.mjs), 50,000 objects stay well inside the transaction's bound below.
 */
export const APPLY_MAX_OBJECTS = 50_000;

/** The config writer's 30 s, plus 2 ms per object (a loaded machine is 3-4x slower than a quiet one), at most 150 s. */
export function applyTimeoutMs(objects: number): number {
  return Math.min(30_000 + 2 * objects, 150_000);
}

/** 413 before anything is parsed further: the limit is named so the caller can split the document. */
export class ApplyTooLargeError extends AppError {
  constructor(objects: number) {
    const message = `the document has ${objects} objects; one apply takes at most ${APPLY_MAX_OBJECTS}: apply it in parts (without prune), then once with prune`;
    super(CpErrorCode.APPLY_TOO_LARGE, 413, message, [{ path: '', message }]);
  }
}

/** Objects of a document (parsed or not yet validated): each section's entries and every consumer's credentials. */
export function countObjects(doc: unknown): number {
  if (typeof doc !== 'object' || doc === null) return 0;
  const d = doc as Record<string, unknown>;
  let n = 0;
  for (const section of DECLARATIVE_SECTIONS) {
    const entries = d[section];
    if (!Array.isArray(entries)) continue;
    n += entries.length;
    if (section === 'consumers') for (const c of entries) n += Array.isArray((c as { credentials?: unknown } | null)?.credentials) ? (c as { credentials: unknown[] }).credentials.length : 0;
  }
  return n;
}

export function assertApplySize(doc: unknown): number {
  const objects = countObjects(doc);
  if (objects > APPLY_MAX_OBJECTS) throw new ApplyTooLargeError(objects);
  return objects;
}
