/**
 * Where switching to another tenant lands: the same page when it exists there too (a list, a "new" form),
 * otherwise its list, since an id (a detail or edit page) belongs to the tenant being left. The query string
 * is dropped for the same reason (`plugins/new?route=<id>`).
 */
export function tenantSwitchPath(pathname: string, tenant: string): string {
  const parts = pathname.split('/').filter(Boolean);
  const base = `/console/t/${encodeURIComponent(tenant)}`;
  // parts: console, t, <tenant>, <section>, ...rest
  if (parts[0] !== 'console' || parts[1] !== 't' || parts.length < 4) return base;
  const section = parts[3];
  const rest = parts.slice(4);
  return rest.length === 1 && rest[0] === 'new' ? `${base}/${section}/new` : `${base}/${section}`;
}
