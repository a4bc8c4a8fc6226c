const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (v: string): boolean => UUID_RE.test(v);

/** Prisma `where` matching a path segment that is either an id or a name (or slug). */
export function idOrKey<K extends string>(value: string, key: K): { OR: Array<Record<string, string>> } | Record<K, string> {
  if (isUuid(value)) return { OR: [{ id: value.toLowerCase() }, { [key]: value }] };
  return { [key]: value } as Record<K, string>;
}
