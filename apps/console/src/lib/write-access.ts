import { createContext, useContext } from 'react';

/**
 * Whether the caller may change this tenant's traffic config (owner, admin, operator; not a viewer). Set by the app
 * for the tenant's pages; shared components hide their New / Edit / Delete / Save controls when it is false and
 * forms render their values read-only (the control plane refuses those writes anyway: this only spares a viewer
 * buttons that cannot work).
 */
export const ConfigWriteContext = createContext(true);

/** The caller's role in the tenant, for the "read-only" hint ("viewer"); undefined while unknown. */
export const TenantRoleContext = createContext<string | undefined>(undefined);

export function useCanWriteConfig(): boolean {
  return useContext(ConfigWriteContext);
}

export function useTenantRole(): string | undefined {
  return useContext(TenantRoleContext);
}

/** Inside a read-only form (a viewer's): folded groups show their fields open, since their toggles are disabled. */
export const ReadOnlyFormContext = createContext(false);
