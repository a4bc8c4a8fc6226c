import { ConflictError } from '../common/errors';

/** 409 when other rows still point at this one (deleting it would break them); `names` are the first few. */
export function refuseWhileUsed(kind: string, label: string, what: string, names: string[]): void {
  if (names.length > 0) throw new ConflictError(`${kind} "${label}" is used by ${what}: ${names.join(', ')}`);
}
