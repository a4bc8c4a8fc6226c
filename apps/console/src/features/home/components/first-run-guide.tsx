import { Link } from 'react-router';
import { X } from 'lucide-react';
import { Button } from '../../../components/button';
import { consolePath } from '../../../lib/paths';
import { useGuideNodes, useGuideState } from '../api/get-guide-state';
import { GuideStep as Step } from './guide-step';
import { TryItStep } from './try-it-step';

/** A "New …" form that comes back here once saved (`back`), with what it should start from. */
function formLink(tenant: string, section: 'upstreams' | 'services' | 'routes', back: string, preset: Record<string, string> = {}): string {
  const search = new URLSearchParams({ ...preset, back });
  return `${consolePath(tenant, section, 'new')}?${search.toString()}`;
}

export interface FirstRunGuideProps {
  tenant: string;
  homePath: string;
  canWrite: boolean;
  onDismiss: () => void;
}

/**
 * From nothing to a working route: an upstream with a target, a service sending to it, a route on the service, then
 * a request through a gateway. Each step is checked against the tenant's live config, not against clicks here.
 */
export function FirstRunGuide({ tenant, homePath, canWrite, onDismiss }: FirstRunGuideProps) {
  const state = useGuideState(tenant, true);
  const nodes = useGuideNodes(true);
  const { upstream, service, route } = state.data ?? { upstream: null, service: null, route: null };
  const action = (to: string, label: string) =>
    canWrite ? (
      <Link className="btn btn-primary btn-sm" to={to}>
        {label}
      </Link>
    ) : (
      <p className="muted">Ask an operator or admin of this tenant: your role only reads.</p>
    );

  return (
    <section className="card guide" aria-labelledby="guide-title" data-testid="first-run-guide">
      <div className="guide-head">
        <div>
          <h2 id="guide-title" className="guide-title">
            Getting started: your first route
          </h2>
          <p className="muted">Four steps from nothing to a request answered through a gateway. They tick themselves off as the config changes.</p>
        </div>
        <Button variant="ghost" size="sm" onClick={onDismiss} aria-label="Dismiss the getting started guide">
          <X size={16} aria-hidden="true" />
          Dismiss
        </Button>
      </div>
      {state.isError ? <p className="alert alert-warning">Could not check the steps ({state.error.message}).</p> : null}
      <ol className="guide-steps">
        <Step n={1} title="Create an upstream" done={upstream !== null}>
          <p className="muted">A pool of targets (host:port) your API runs on; the gateway balances requests over them.</p>
          {upstream ? (
            <p>
              <Link to={consolePath(tenant, 'upstreams', upstream.id)}>{upstream.name}</Link> with {upstream.targets.length} target
              {upstream.targets.length === 1 ? '' : 's'}
            </p>
          ) : (
            action(formLink(tenant, 'upstreams', homePath), 'Create upstream')
          )}
        </Step>
        <Step n={2} title="Add a service that uses it" done={service !== null}>
          <p className="muted">
            A service is where matched requests go: its URL <code>upstream://{upstream?.name ?? '<upstream>'}</code> sends them to the upstream.
          </p>
          {service ? (
            <p>
              <Link to={consolePath(tenant, 'services', service.id, 'edit')}>{service.name}</Link> → <code>{service.url}</code>
            </p>
          ) : upstream ? (
            action(formLink(tenant, 'services', homePath, { upstream: upstream.name }), 'Create service')
          ) : null}
        </Step>
        <Step n={3} title="Add a route on the service" done={route !== null}>
          <p className="muted">A route matches requests (paths, methods, hosts) and hands them to the service.</p>
          {route ? (
            <p>
              <Link to={consolePath(tenant, 'routes', route.id, 'edit')}>{route.name}</Link> on <code>{route.paths.join(', ')}</code>
            </p>
          ) : service ? (
            action(formLink(tenant, 'routes', homePath, { service: service.name }), 'Create route')
          ) : null}
        </Step>
        <TryItStep route={route} nodes={nodes.data} onFinish={onDismiss} />
      </ol>
    </section>
  );
}
