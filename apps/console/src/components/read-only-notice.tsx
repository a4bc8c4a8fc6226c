import { Eye } from 'lucide-react';
import { useTenantRole } from '../lib/write-access';
import './read-only.css';

/** Said on every page a viewer opens where others can edit: why there is no Save, Edit or Delete. */
export function ReadOnlyNotice() {
  const role = useTenantRole() ?? 'viewer';
  return (
    <p className="alert read-only-notice" role="note" data-testid="read-only-notice">
      <Eye size={16} aria-hidden="true" />
      <span>
        Read-only: your role in this tenant is <strong>{role}</strong>, which can look but not change.
      </span>
    </p>
  );
}
