import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page-header';
import { consolePath } from '../../../lib/paths';
import { useTenant } from '../../../lib/use-tenant';
import { useCreateUpstream } from '../api/create-upstream';
import { UpstreamForm } from '../components/upstream-form';

export function UpstreamCreateRoute() {
  const tenant = useTenant();
  const navigate = useNavigate();
  const create = useCreateUpstream(tenant);
  const listPath = consolePath(tenant, 'upstreams');

  return (
    <section>
      <PageHeader title="New upstream" />
      <UpstreamForm
        submitLabel="Create upstream"
        cancelTo={listPath}
        onSubmit={async (input) => {
          await create.mutateAsync(input);
          navigate(listPath);
        }}
      />
    </section>
  );
}
