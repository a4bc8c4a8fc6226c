import { deepEqual } from './deep-equal';

/** The request an edit form sends; `null` when nothing changed. */
export interface EditPlan {
  method: 'PATCH' | 'PUT';
  body: Record<string, unknown>;
}

export interface EditPlanInput {
  /** The resource as the server returned it when the form opened. */
  record: object;
  /** The payload of the untouched form (same normalisation as `after`, so unchanged fields compare equal). */
  before: object;
  /** The payload now. */
  after: object;
  /** Keys the create schema accepts: on a PUT, those the form does not own are carried over from the record. */
  writableKeys: ReadonlyArray<string>;
  /** Keys the form renders (its field roots). */
  formKeys: ReadonlyArray<string>;
  /** How a PATCH clears a field the form emptied: `null`, or the documented default. */
  clearValues?: Readonly<Record<string, unknown>>;
}

const defined = (o: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * An edit must never drop fields the form does not show (set through the API, or added to the
 * contract after this console was built). So it sends a PATCH with only the fields the user
 * changed. A field the user emptied that PATCH cannot clear (no null, no default in the contract)
 * needs a full replace: then a PUT carries every writable field the form does not own from the
 * record, so it survives too.
 */
export function planEdit({ record, before, after, writableKeys, formKeys, clearValues = {} }: EditPlanInput): EditPlan | null {
  const prev = defined(before);
  const next = defined(after);
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) if (!deepEqual(v, prev[k])) changed[k] = v;
  const cleared = Object.keys(prev).filter((k) => !(k in next));

  if (cleared.every((k) => k in clearValues)) {
    for (const k of cleared) changed[k] = clearValues[k];
    return Object.keys(changed).length === 0 ? null : { method: 'PATCH', body: changed };
  }

  const owned = new Set(formKeys);
  const carried: Record<string, unknown> = {};
  const source = record as Record<string, unknown>;
  for (const k of writableKeys) {
    if (!owned.has(k) && source[k] !== undefined) carried[k] = source[k];
  }
  return { method: 'PUT', body: { ...carried, ...next } };
}
