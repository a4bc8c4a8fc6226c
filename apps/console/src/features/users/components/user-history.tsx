import type { ReactNode } from 'react';
import { Badge } from '../../../components/badge';
import { DataTable } from '../../../components/data-table';
import { RelativeTime } from '../../../components/relative-time';
import { ErrorState, Loading } from '../../../components/status';
import { useUserHistory } from '../api/users';

/** Who changed this user, from where and when (the platform audit log; no password is ever in it). */
export function UserHistory({ userId }: { userId: string }) {
  const history = useUserHistory(userId);
  let body: ReactNode;
  if (history.isPending) body = <Loading label="Loading history…" />;
  else if (!history.data) body = <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  else {
    body = (
      <DataTable
        label="Changes to this user"
        rows={history.data.data}
        rowKey={(e) => e.id}
        rowTestId={(e) => `user-history-${e.action}`}
        columns={[
          { header: 'When', className: 'muted nowrap', cell: (e) => <RelativeTime iso={e.createdAt} /> },
          { header: 'Action', cell: (e) => <Badge tone={e.action === 'delete' ? 'danger' : e.action === 'create' ? 'success' : 'info'}>{e.action}</Badge> },
          { header: 'By', cell: (e) => e.actor.name },
          { header: 'From', className: 'muted', cell: (e) => e.address ?? '—' },
          { header: 'Changed', className: 'muted', cell: (e) => e.changes.map((c) => c.path.join('.')).filter((p) => p !== 'updatedAt').join(', ') || '—' },
        ]}
      />
    );
  }
  return (
    <div className="card">
      <h2 className="section-title">History</h2>
      {body}
    </div>
  );
}
