import { Link, useParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ReadOnlyNotice } from '../../../components/read-only-notice';
import { ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCanWriteConfig } from '../../../lib/write-access';
import { useConsumer } from '../api/get-consumer';
import { CredentialsPanel } from '../components/credentials-panel';

/** A consumer with its credentials; the console app adds its plugins panel below. */
export function ConsumerDetailRoute() {
  const tenant = useTenant();
  const consumer = useConsumer(tenant, useParams().consumerId ?? '');
  const canWrite = useCanWriteConfig();
  if (consumer.isPending) return <Loading label="Loading consumer…" />;
  if (consumer.isError) return <ErrorState error={consumer.error} onRetry={() => void consumer.refetch()} />;
  const c = consumer.data;
  const items: ReadonlyArray<[string, string, string]> = [
    ['Custom ID', c.customId ?? '—', 'custom-id'],
    ['Groups', c.groups.length ? c.groups.join(', ') : '—', 'groups'],
  ];
  return (
    <section className="section-stack">
      <PageHeader
        title={`Consumer ${c.username}`}
        description={<span className="mono muted">{c.id}</span>}
        actions={
          <>
            <Link to={consolePath(tenant, 'consumers')} className="btn btn-ghost">
              All consumers
            </Link>
            {canWrite ? (
              <Link to={consolePath(tenant, 'consumers', c.id, 'edit')} className="btn btn-primary">
                Edit consumer
              </Link>
            ) : null}
          </>
        }
      />
      {canWrite ? null : <ReadOnlyNotice />}
      <dl className="summary-grid">
        {items.map(([label, value, id]) => (
          <div key={id} className="summary-item" data-testid={`consumer-summary-${id}`}>
            <dt className="stat-label">{label}</dt>
            <dd className={value === '—' ? 'muted' : undefined}>{value}</dd>
          </div>
        ))}
      </dl>
      <CredentialsPanel key={c.id} tenant={tenant} consumerId={c.id} />
    </section>
  );
}
