import { useId } from 'react';
import { useTenants } from '../api/get-tenants';

export interface TenantSwitcherProps {
  tenant: string;
  onSelect: (slug: string) => void;
}

export function TenantSwitcher({ tenant, onSelect }: TenantSwitcherProps) {
  const id = useId();
  const tenants = useTenants();
  const slugs = tenants.data?.map((t) => ({ value: t.slug, label: t.name && t.name !== t.slug ? `${t.name} (${t.slug})` : t.slug })) ?? [];
  // The tenant in the URL is always selectable, even before the list loads or if it is not in it.
  if (!slugs.some((s) => s.value === tenant)) slugs.unshift({ value: tenant, label: tenant });

  return (
    <div className="tenant-switcher">
      <label htmlFor={id} className="tenant-switcher-label">
        Tenant
      </label>
      <select
        id={id}
        className="input select select-compact"
        value={tenant}
        onChange={(e) => onSelect(e.target.value)}
        data-testid="tenant-switcher"
        aria-busy={tenants.isLoading || undefined}
      >
        {slugs.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
      {tenants.isError ? (
        <span className="tenant-switcher-error" title={tenants.error.message}>
          list unavailable
        </span>
      ) : null}
    </div>
  );
}
