import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AuditLogEntry } from '@aya/config-schema';
import { LoadMore } from '../../../components/load-more';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { ApiError } from '../../../lib/api-error';
import { useTenant } from '../../../lib/use-tenant';
import { useAuditLog, type AuditFilters } from '../api/get-audit';
import { filtersFromSearch, searchFromFilters } from '../audit-format';
import { AuditDetailDialog } from '../components/audit-detail-dialog';
import { AuditFiltersForm } from '../components/audit-filters';
import { AuditTable } from '../components/audit-table';
import '../audit.css';

/** A 400 on the query names the bad filter: shown at its field, not as a page error. */
function filterErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.isValidation) return {};
  return Object.fromEntries(error.details.map((d) => [d.path, d.message]));
}

export function AuditLogRoute() {
  const tenant = useTenant();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const log = useAuditLog(tenant, filters);
  const [open, setOpen] = useState<AuditLogEntry | null>(null);
  const entries = log.data?.pages.flatMap((p) => p.data) ?? [];
  const fieldErrors = filterErrors(log.error);
  const filtered = Object.keys(filters).length > 0;

  const apply = (next: AuditFilters) => setSearch(searchFromFilters(next), { replace: true });

  return (
    <section>
      <PageHeader title="Audit log" description="Every change to this tenant's config: who made it, from where, and what it changed. Newest first." />
      {/* keyed by the URL's filters so Back/Forward and a pasted link reset the form to them */}
      <AuditFiltersForm key={search.toString()} value={filters} onApply={apply} errors={fieldErrors} />
      {log.data ? (
        entries.length === 0 ? (
          <EmptyState title={filtered ? 'No entry matches these filters' : 'Nothing changed yet'}>
            <p>{filtered ? 'Widen the time range or clear a filter.' : 'Every create, edit and delete in this tenant shows up here.'}</p>
          </EmptyState>
        ) : (
          <>
            <AuditTable entries={entries} onOpen={setOpen} />
            <LoadMore hasMore={Boolean(log.hasNextPage)} loading={log.isFetchingNextPage} onLoadMore={() => void log.fetchNextPage()} />
          </>
        )
      ) : log.isError && Object.keys(fieldErrors).length === 0 ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : log.isError ? null : (
        <Loading label="Loading the audit log…" />
      )}
      <AuditDetailDialog entry={open} onClose={() => setOpen(null)} />
    </section>
  );
}
