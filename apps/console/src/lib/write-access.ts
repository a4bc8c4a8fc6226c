import { createContext, useContext } from 'react';

/**
 * Whether the caller may change this tenant's traffic config (owner, admin, operator; not a viewer). Set by the app
 * for the tenant's pages; shared components hide their New / Edit / Delete controls when it is false (the control
 * plane refuses those writes anyway: this only spares a viewer buttons that cannot work).
 */
export const ConfigWriteContext = createContext(true);

export function useCanWriteConfig(): boolean {
  return useContext(ConfigWriteContext);
}
