import { useParams } from 'react-router';
import { DEFAULT_TENANT } from './paths';

const LAST_TENANT_KEY = 'aya.console.tenant';

/** The tenant in the URL (`/console/t/:tenant/...`): the URL is the source of truth so links and reloads keep it. */
export function useTenant(): string {
  return useParams().tenant ?? DEFAULT_TENANT;
}

export function rememberTenant(tenant: string): void {
  try {
    window.localStorage.setItem(LAST_TENANT_KEY, tenant);
  } catch {
    // Not remembered; `/console` then opens the default tenant.
  }
}

export function lastTenant(): string {
  try {
    return window.localStorage.getItem(LAST_TENANT_KEY) || DEFAULT_TENANT;
  } catch {
    return DEFAULT_TENANT;
  }
}
