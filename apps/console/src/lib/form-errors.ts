import type { ErrorDetail } from '@aya/config-schema';
import { ApiError } from './api-error';
import { humanizeMessage } from './validation-messages';

/** Field path -> message, keyed like the API's `details[].path`: `url`, `paths.0`, `targets.1.weight`. */
export type FieldErrors = Record<string, string>;

export interface FormErrors {
  fields: FieldErrors;
  /** Shown above the submit button: conflicts, server failures, details no field can display. */
  form: string | null;
  /** The save was refused (412) because the record changed since the form opened: the form offers a reload. */
  stale?: boolean;
}

export const noFormErrors: FormErrors = { fields: {}, form: null };

/** Accepts `paths.0`, `paths[0]`, `/paths/0` and `body.paths.0` alike, so a server-side change of style cannot hide an error. */
export function normalizePath(path: string): string {
  return path
    .replace(/\[(\w+)\]/g, '.$1')
    .replace(/\//g, '.')
    .replace(/^\.+|\.+$/g, '')
    .replace(/^body\./, '');
}

export function rootOf(path: string): string {
  const dot = path.indexOf('.');
  return dot === -1 ? path : path.slice(0, dot);
}

interface IssueLike {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/** zod issues -> details, so client- and server-side validation take the same road to the field. */
export function issuesToDetails(issues: ReadonlyArray<IssueLike>): ErrorDetail[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * Puts each detail at the field that renders its path (first message wins) and gathers the rest
 * into a form-level message, so no error the server sends is ever silently dropped. Every message is
 * worded for people here (`humanizeMessage`): client and server errors both pass this way.
 */
export function detailsToFormErrors(details: ReadonlyArray<ErrorDetail>, fieldRoots: ReadonlyArray<string>): FormErrors {
  const fields: FieldErrors = {};
  const leftover: string[] = [];
  for (const d of details) {
    const path = normalizePath(d.path);
    const message = humanizeMessage(d.message);
    if (path && fieldRoots.includes(rootOf(path))) {
      fields[path] ??= message;
    } else {
      leftover.push(path ? `${path}: ${message}` : message);
    }
  }
  return { fields, form: leftover.length ? leftover.join('; ') : null };
}

/** What an edit form says when its save was refused because someone else saved first (the form keeps the user's values). */
export const STALE_EDIT_MESSAGE =
  'Someone else changed this since you opened it, so your changes were not saved. Reload to see their version (your edits here are discarded), or keep editing to copy what you need first.';

export function apiErrorToFormErrors(error: unknown, fieldRoots: ReadonlyArray<string>): FormErrors {
  if (!(error instanceof ApiError)) {
    return { fields: {}, form: error instanceof Error ? error.message : 'Something went wrong' };
  }
  // 412: the record changed since the form loaded it (If-Match, lib/etags.ts); its detail names an ETag, not a field
  if (error.status === 412) return { fields: {}, form: STALE_EDIT_MESSAGE, stale: true };
  if (error.details.length > 0) {
    const mapped = detailsToFormErrors(error.details, fieldRoots);
    const mappedSome = Object.keys(mapped.fields).length > 0;
    // A validation error or a conflict (a duplicate name) that landed on fields needs no banner; anything
    // else keeps the server's message.
    if (mapped.form === null && mappedSome && (error.isValidation || error.isConflict)) return mapped;
    return { fields: mapped.fields, form: mapped.form ? `${error.message}: ${mapped.form}` : error.message };
  }
  return { fields: {}, form: error.message };
}

/** Drops the errors under a field once the user edits it. */
export function withoutField(fields: FieldErrors, root: string): FieldErrors {
  const next: FieldErrors = {};
  let changed = false;
  for (const [k, v] of Object.entries(fields)) {
    if (k === root || k.startsWith(`${root}.`)) changed = true;
    else next[k] = v;
  }
  return changed ? next : fields;
}
