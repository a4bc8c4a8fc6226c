import { useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { LoadMore } from '../../../components/load-more';
import { PageHeader } from '../../../components/page-header';
import { EmptyState, ErrorState, Loading } from '../../../components/status';
import { notifyConfigWrite } from '../../../lib/notify';
import { useTenant } from '../../../lib/use-tenant';
import { useDiff, useRevisions, useRollback } from '../api/history';
import type { RevisionSummary } from '@aya/config-schema';
import { rangeOf } from '../field-diff';
import { RevisionDiff } from '../components/revision-diff';
import { RevisionsTable } from '../components/revisions-table';
import '../history.css';

/**
 * The tenant's config history: every revision that changed it (newest first), two of them compared field by
 * field, and a rollback to any of them (a new revision; the tenant's objects only).
 */
export function HistoryRoute() {
  const tenant = useTenant();
  const revisions = useRevisions(tenant);
  const [picked, setPicked] = useState<number[]>([]);
  const range = rangeOf(picked);
  const diff = useDiff(tenant, range);
  const [target, setTarget] = useState<RevisionSummary | null>(null);
  const rollback = useRollback(tenant);
  const rows = revisions.data?.pages.flatMap((p) => p.data) ?? [];

  const pick = (revision: number, on: boolean) => setPicked((prev) => (on ? [...prev, revision].slice(-2) : prev.filter((r) => r !== revision)));
  const ask = (r: RevisionSummary) => {
    rollback.reset();
    setTarget(r);
  };
  const confirm = () => {
    if (!target) return;
    rollback.mutate(target.revision, {
      onSuccess: (result) => {
        setTarget(null);
        setPicked([]);
        notifyConfigWrite(`Rolled back to revision ${result.rolledBackTo} (now revision ${result.revision})`);
      },
    });
  };

  return (
    <section>
      <PageHeader
        title="Config history"
        description="Every revision that changed this tenant's config, newest first. Tick two to compare them; roll back to any of them in one click (it becomes a new revision)."
      />
      {revisions.data ? (
        rows.length === 0 ? (
          <EmptyState title="No history yet">
            <p>Every change to this tenant's services, routes, upstreams, certificates, consumers and plugins shows up here.</p>
          </EmptyState>
        ) : (
          <>
            <RevisionsTable revisions={rows} picked={picked} onPick={pick} onRollback={ask} />
            <LoadMore hasMore={Boolean(revisions.hasNextPage)} loading={revisions.isFetchingNextPage} onLoadMore={() => void revisions.fetchNextPage()} />
          </>
        )
      ) : revisions.isError ? (
        <ErrorState error={revisions.error} onRetry={() => void revisions.refetch()} />
      ) : (
        <Loading label="Loading the history…" />
      )}
      {range === null ? (
        rows.length > 1 ? <p className="muted">Tick two revisions to see what changed between them.</p> : null
      ) : diff.data ? (
        <RevisionDiff from={diff.data.from} to={diff.data.to} changes={diff.data.changes} />
      ) : diff.isError ? (
        <ErrorState error={diff.error} onRetry={() => void diff.refetch()} />
      ) : (
        <Loading label="Comparing…" />
      )}
      <ConfirmDialog
        open={target !== null}
        title={`Roll back to revision #${target?.revision ?? ''}?`}
        confirmLabel="Roll back"
        busy={rollback.isPending}
        error={rollback.error ? rollback.error.message : null}
        onConfirm={confirm}
        onCancel={() => setTarget(null)}
      >
        <p>
          Every service, route, upstream, certificate, consumer and plugin of this tenant goes back to how it was at revision #
          {target?.revision}
          {target?.actor ? ` (after ${target.actor}'s change)` : ''}. Later changes are undone; the gateways follow at once.
        </p>
        <p className="muted">The rollback is a new revision of its own: you can roll it back too.</p>
      </ConfirmDialog>
    </section>
  );
}
