import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { ErrorState, Loading } from '../../../components/status';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCanWriteConfig } from '../../../lib/write-access';
import { useCreatePlugin } from '../api/create-plugin';
import { usePluginSchemas } from '../api/get-plugin-schemas';
import { useScopeOptions } from '../api/get-scope-options';
import { PluginForm } from '../components/plugin-form';
import { scopeFromSearch } from '../components/plugin-scope';
import { notifyConfigWrite } from '../../../lib/notify';

/** `plugins/new[?service=…&route=…&consumer=…&back=…]`: a panel opens it with its scope and gets the user back. */
export function PluginCreateRoute() {
  const tenant = useTenant();
  const navigate = useNavigate();
  const { scope, back } = scopeFromSearch(useSearchParams()[0]);
  const schemas = usePluginSchemas();
  const options = useScopeOptions(tenant);
  const create = useCreatePlugin(tenant);
  const returnTo = back ?? consolePath(tenant, 'plugins');
  // a viewer cannot add one: back to where they came from
  if (!useCanWriteConfig()) return <Navigate to={returnTo} replace />;

  return (
    <section>
      <PageHeader title="Add plugin" />
      {schemas.isPending ? (
        <Loading label="Loading plugin schemas…" />
      ) : schemas.isError ? (
        <ErrorState error={schemas.error} onRetry={() => void schemas.refetch()} />
      ) : (
        <PluginForm
          scope={scope}
          schemas={schemas.data}
          scopeOptions={options.data}
          submitLabel="Add plugin"
          cancelTo={returnTo}
          onSubmit={async (input) => {
            await create.mutateAsync(input);
            notifyConfigWrite(`Plugin ${input.name} added`);
            navigate(returnTo);
          }}
        />
      )}
    </section>
  );
}
