/** Conversions between text inputs and payload values, shared by the resource forms. */

/** Blank is left out so the server applies its default (which the placeholder shows). */
export function optionalNumber(raw: string): number | undefined {
  const v = raw.trim();
  return v === '' ? undefined : Number(v);
}

export function numberText(value: number | null | undefined): string {
  return value === undefined || value === null ? '' : String(value);
}

/** "200, 204 301" -> [200, 204, 301]; blank -> undefined (the default list). */
export function optionalNumberList(raw: string): number[] | undefined {
  const parts = raw.split(/[\s,]+/).filter(Boolean);
  return parts.length === 0 ? undefined : parts.map(Number);
}

export function optionalText(raw: string): string | undefined {
  const v = raw.trim();
  return v === '' ? undefined : v;
}

/** The first error at `path` or under it (`healthChecks.active.expectedStatuses.1`), for a control showing a whole subtree. */
export function errorAt(fields: Readonly<Record<string, string>>, path: string): string | undefined {
  if (fields[path]) return fields[path];
  const hit = Object.entries(fields).find(([k]) => k.startsWith(`${path}.`));
  return hit ? `${hit[0].slice(path.length + 1)}: ${hit[1]}` : undefined;
}
