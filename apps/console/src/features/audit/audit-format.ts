import type { AuditChange } from '@aya/config-schema';
import type { BadgeTone } from '../../components/badge';
import type { AuditFilters } from './api/get-audit';

/** The resource types the audit filter offers (the registry's kinds). */
export const AUDIT_RESOURCE_TYPES: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'service', label: 'Services' },
  { value: 'route', label: 'Routes' },
  { value: 'upstream', label: 'Upstreams' },
  { value: 'certificate', label: 'Certificates' },
  { value: 'plugin', label: 'Plugins' },
  { value: 'consumer', label: 'Consumers' },
  { value: 'credential', label: 'Credentials' },
  { value: 'consumer-group', label: 'Consumer groups' },
  { value: 'tenant', label: 'Tenant' },
  { value: 'member', label: 'Members' },
  { value: 'token', label: 'Admin tokens' },
];

/** `['targets', 0, 'weight']` -> `targets[0].weight` */
export function changePath(path: ReadonlyArray<string | number>): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${p}` : p), '') || '(whole record)';
}

/** A value as it reads in a diff: JSON (strings quoted, so "" and absent differ); absent is an em dash. */
export function formatValue(value: unknown): string {
  return value === undefined ? '—' : JSON.stringify(value);
}

export const ACTION_TONES: Readonly<Record<string, BadgeTone>> = { create: 'success', update: 'info', delete: 'danger', revoke: 'danger' };

export const CHANGE_LABELS: Readonly<Record<AuditChange['op'], string>> = { add: 'added', remove: 'removed', change: 'changed' };

/** `<input type="datetime-local">` (local time, no zone) -> ISO 8601 in UTC; '' or an invalid value -> undefined. */
export function localToIso(local: string): string | undefined {
  if (!local) return undefined;
  const t = new Date(local);
  return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
}

/** ISO 8601 -> the `datetime-local` value of that moment in the browser's zone. */
export function isoToLocal(iso: string | undefined): string {
  if (!iso) return '';
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}T${pad(t.getHours())}:${pad(t.getMinutes())}`;
}

const FILTER_KEYS = ['resource', 'actor', 'since', 'until'] as const;

/** The filters kept in the page's URL (`?resource=route&actor=admin`), so a filtered view can be shared. */
export function filtersFromSearch(params: URLSearchParams): AuditFilters {
  const out: AuditFilters = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v) out[key] = v;
  }
  return out;
}

export function searchFromFilters(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (v) params.set(key, v);
  }
  return params;
}
