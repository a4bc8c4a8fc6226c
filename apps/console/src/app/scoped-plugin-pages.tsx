import { useParams } from 'react-router';
import { ConsumerDetailRoute } from '../features/consumers/routes/consumer-detail';
import { PluginsPanel } from '../features/plugins/components/plugins-panel';
import { RouteEditRoute } from '../features/routes/routes/route-edit';
import { ServiceEditRoute } from '../features/services/routes/service-edit';

/*
 * Features never import each other: the pages of services, routes and consumers get their plugins panel
 * here, where the app composes features. The panel adds plugins with that resource as their scope.
 */

export function ServiceEditWithPlugins() {
  const id = useParams().serviceId ?? '';
  return (
    <div className="section-stack">
      <ServiceEditRoute />
      <PluginsPanel key={id} scope={{ service: id }} subject="this service" />
    </div>
  );
}

export function RouteEditWithPlugins() {
  const id = useParams().routeId ?? '';
  return (
    <div className="section-stack">
      <RouteEditRoute />
      <PluginsPanel key={id} scope={{ route: id }} subject="this route" />
    </div>
  );
}

export function ConsumerDetailWithPlugins() {
  const id = useParams().consumerId ?? '';
  return (
    <div className="section-stack">
      <ConsumerDetailRoute />
      <PluginsPanel key={id} scope={{ consumer: id }} subject="this consumer" />
    </div>
  );
}
