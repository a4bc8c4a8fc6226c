import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { useAccess } from '../features/auth/api/use-access';
import { ConfigWriteContext, TenantRoleContext } from '../lib/write-access';

/** Tells the tenant's pages whether the caller may edit its traffic config, and their role (lib/write-access.ts). */
export function TenantAccess({ children }: { children: ReactNode }) {
  const access = useAccess(useParams().tenant ?? '');
  return (
    <TenantRoleContext.Provider value={access.role}>
      <ConfigWriteContext.Provider value={access.can('write-config')}>{children}</ConfigWriteContext.Provider>
    </TenantRoleContext.Provider>
  );
}
