import { Navigate, createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AccountRoute } from '../features/auth/routes/account';
import { SignInRoute } from '../features/auth/routes/sign-in';
import { MembersRoute } from '../features/members/routes/members';
import { TokensRoute } from '../features/tokens/routes/tokens';
import { UsersRoute } from '../features/users/routes/users';
import { UserEditRoute } from '../features/users/routes/user-edit';
import { TenantsRoute } from '../features/tenants/routes/tenants';
import { TenantSettingsRoute } from '../features/tenants/routes/tenant-settings';
import { HistoryRoute } from '../features/history/routes/history';
import { AuditLogRoute } from '../features/audit/routes/audit-log';
import { NodesRoute } from '../features/nodes/routes/nodes';
import { HomeRoute } from '../features/home/routes/home';
import { RouteCreateRoute } from '../features/routes/routes/route-create';
import { RoutesListRoute } from '../features/routes/routes/routes-list';
import { ServiceCreateRoute } from '../features/services/routes/service-create';
import { ServicesListRoute } from '../features/services/routes/services-list';
import { CertificateCreateRoute } from '../features/certificates/routes/certificate-create';
import { CertificateDetailRoute } from '../features/certificates/routes/certificate-detail';
import { CertificateEditRoute } from '../features/certificates/routes/certificate-edit';
import { CertificatesListRoute } from '../features/certificates/routes/certificates-list';
import { UpstreamCreateRoute } from '../features/upstreams/routes/upstream-create';
import { UpstreamDetailRoute } from '../features/upstreams/routes/upstream-detail';
import { UpstreamEditRoute } from '../features/upstreams/routes/upstream-edit';
import { UpstreamsListRoute } from '../features/upstreams/routes/upstreams-list';
import { ConsumerCreateRoute } from '../features/consumers/routes/consumer-create';
import { ConsumerEditRoute } from '../features/consumers/routes/consumer-edit';
import { ConsumerGroupCreateRoute } from '../features/consumers/routes/consumer-group-create';
import { ConsumerGroupEditRoute } from '../features/consumers/routes/consumer-group-edit';
import { ConsumerGroupsListRoute } from '../features/consumers/routes/consumer-groups-list';
import { ConsumersListRoute } from '../features/consumers/routes/consumers-list';
import { PluginsListRoute } from '../features/plugins/routes/plugins-list';
import { ConsoleLayout } from './layout/console-layout';
import { NotFound, RouteError } from './route-error';
import { RequireAuth } from './require-auth';
import { TenantHome } from './tenant-home';
import { TenantAccess } from './tenant-access';
import { ConsumerDetailWithPlugins, RouteEditWithPlugins, ServiceEditWithPlugins } from './scoped-plugin-pages';

const router = createBrowserRouter([
  { path: '/', element: <Navigate to="/console" replace /> },
  {
    path: '/console',
    errorElement: <RouteError />,
    children: [
      {
        index: true,
        element: (
          <RequireAuth>
            <TenantHome />
          </RequireAuth>
        ),
      },
      { path: 'sign-in', element: <SignInRoute /> },
      {
        path: 't/:tenant',
        element: (
          <RequireAuth>
            <TenantAccess>
              <ConsoleLayout />
            </TenantAccess>
          </RequireAuth>
        ),
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomeRoute /> },
          { path: 'services', element: <ServicesListRoute /> },
          { path: 'services/new', element: <ServiceCreateRoute /> },
          { path: 'services/:serviceId/edit', element: <ServiceEditWithPlugins /> },
          { path: 'routes', element: <RoutesListRoute /> },
          { path: 'routes/new', element: <RouteCreateRoute /> },
          { path: 'routes/:routeId/edit', element: <RouteEditWithPlugins /> },
          { path: 'upstreams', element: <UpstreamsListRoute /> },
          { path: 'upstreams/new', element: <UpstreamCreateRoute /> },
          { path: 'upstreams/:upstreamId', element: <UpstreamDetailRoute /> },
          { path: 'upstreams/:upstreamId/edit', element: <UpstreamEditRoute /> },
          { path: 'certificates', element: <CertificatesListRoute /> },
          { path: 'certificates/new', element: <CertificateCreateRoute /> },
          { path: 'certificates/:certificateId', element: <CertificateDetailRoute /> },
          { path: 'certificates/:certificateId/edit', element: <CertificateEditRoute /> },
          { path: 'consumers', element: <ConsumersListRoute /> },
          { path: 'consumers/new', element: <ConsumerCreateRoute /> },
          { path: 'consumers/:consumerId', element: <ConsumerDetailWithPlugins /> },
          { path: 'consumers/:consumerId/edit', element: <ConsumerEditRoute /> },
          { path: 'consumer-groups', element: <ConsumerGroupsListRoute /> },
          { path: 'consumer-groups/new', element: <ConsumerGroupCreateRoute /> },
          { path: 'consumer-groups/:groupId/edit', element: <ConsumerGroupEditRoute /> },
          { path: 'plugins', element: <PluginsListRoute /> },
          // The plugin form carries the JSON Schema renderer and its validator (ajv): loaded when first opened.
          { path: 'plugins/new', lazy: async () => ({ Component: (await import('../features/plugins/routes/plugin-create')).PluginCreateRoute }) },
          { path: 'plugins/:pluginId/edit', lazy: async () => ({ Component: (await import('../features/plugins/routes/plugin-edit')).PluginEditRoute }) },
          { path: 'nodes', element: <NodesRoute /> },
          { path: 'audit', element: <AuditLogRoute /> },
          { path: 'members', element: <MembersRoute /> },
          { path: 'tokens', element: <TokensRoute /> },
          { path: 'users', element: <UsersRoute /> },
          { path: 'users/:userId', element: <UserEditRoute /> },
          { path: 'tenants', element: <TenantsRoute /> },
          { path: 'settings', element: <TenantSettingsRoute /> },
          { path: 'account', element: <AccountRoute /> },
          { path: 'history', element: <HistoryRoute /> },
          { path: '*', element: <NotFound /> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
  { path: '*', element: <NotFound /> },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
