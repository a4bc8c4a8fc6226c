import { InvalidArgumentError } from 'commander';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A point in time as `--since` / `--until` take it: an age (`90s`, `15m`, `1h`, `7d`, `2w`: that long before
 * `now`) or an ISO 8601 time (`2026-12-01`, `2026-12-01T08:00:00Z`; without an offset it is local time, as a
 * person at this terminal means it). Returns ISO with an offset (`Z`), which the API requires. Ages are one
 * whole number and one unit: months and years have no fixed length, so write those as dates.
 */
export function parseInstant(value: string, now: Date = new Date()): string {
  const age = /^(\d{1,9})([smhdw])$/.exec(value.trim());
  if (age) return new Date(now.getTime() - Number(age[1]) * UNIT_MS[age[2]]).toISOString();
  // an ISO date or date-time only (Date.parse alone also takes "Tue, 1 Dec" and other loose forms)
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(value.trim())) {
    const date = /^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? new Date(`${value.trim()}T00:00:00`) : new Date(value.trim());
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  throw new InvalidArgumentError('an age (30m, 1h, 7d, 2w) or an ISO 8601 time (2026-12-01, 2026-12-01T08:00:00Z)');
}
