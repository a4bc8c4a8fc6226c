import { useNavigate, useParams, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ReloadableForm } from '../../../components/stale-edit-alert';
import { ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useOpenedRecord } from '../../../lib/use-opened-record';
import { useTenant } from '../../../lib/use-tenant';
import { useCanWriteConfig } from '../../../lib/write-access';
import { usePlugin } from '../api/get-plugin';
import { usePluginSchemas } from '../api/get-plugin-schemas';
import { useScopeOptions } from '../api/get-scope-options';
import { useUpdatePlugin } from '../api/update-plugin';
import { PluginForm } from '../components/plugin-form';
import { scopeFromSearch, scopeLabel } from '../components/plugin-scope';
import { notifyConfigWrite } from '../../../lib/notify';

export function PluginEditRoute() {
  const tenant = useTenant();
  const navigate = useNavigate();
  const { back } = scopeFromSearch(useSearchParams()[0]);
  const plugin = usePlugin(tenant, useParams().pluginId ?? '');
  // the save is conditional on the plugin as the form opened it (If-Match), not on a later refetch
  const opened = useOpenedRecord(plugin);
  const schemas = usePluginSchemas();
  const options = useScopeOptions(tenant);
  const update = useUpdatePlugin(tenant);
  const canWrite = useCanWriteConfig();
  const returnTo = back ?? consolePath(tenant, 'plugins');

  const failed = (opened.record ? null : plugin.error) ?? schemas.error;
  if (failed) return <ErrorState error={failed} onRetry={() => void (plugin.isError ? plugin.refetch() : schemas.refetch())} />;
  if (!opened.record || !schemas.data) return <Loading label="Loading plugin…" />;
  const data = opened.record;
  return (
    <section>
      <PageHeader title={`${canWrite ? 'Edit plugin' : 'Plugin'} ${data.name}`} description={<span className="muted">{scopeLabel(data, options.data)}</span>} />
      <ReloadableForm opened={opened}>
        <PluginForm
          plugin={data}
          schemas={schemas.data}
          scopeOptions={options.data}
          submitLabel="Save changes"
          cancelTo={returnTo}
          onSubmit={async (input, before) => {
            await update.mutateAsync({ id: data.id, record: data, before, input });
            notifyConfigWrite(`Plugin ${data.name} saved`);
            navigate(returnTo);
          }}
        />
      </ReloadableForm>
    </section>
  );
}
