import { Navigate, createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { SignInRoute } from '../features/auth/routes/sign-in';
import { NodesRoute } from '../features/nodes/routes/nodes';
import { RouteCreateRoute } from '../features/routes/routes/route-create';
import { RouteEditRoute } from '../features/routes/routes/route-edit';
import { RoutesListRoute } from '../features/routes/routes/routes-list';
import { ServiceCreateRoute } from '../features/services/routes/service-create';
import { ServiceEditRoute } from '../features/services/routes/service-edit';
import { ServicesListRoute } from '../features/services/routes/services-list';
import { CertificateCreateRoute } from '../features/certificates/routes/certificate-create';
import { CertificatesListRoute } from '../features/certificates/routes/certificates-list';
import { UpstreamCreateRoute } from '../features/upstreams/routes/upstream-create';
import { UpstreamDetailRoute } from '../features/upstreams/routes/upstream-detail';
import { UpstreamEditRoute } from '../features/upstreams/routes/upstream-edit';
import { UpstreamsListRoute } from '../features/upstreams/routes/upstreams-list';
import { lastTenant } from '../lib/use-tenant';
import { ConsoleLayout } from './layout/console-layout';
import { NotFound, RouteError } from './route-error';
import { RequireAuth } from './require-auth';

function TenantHome() {
  return <Navigate to={`/console/t/${encodeURIComponent(lastTenant())}/services`} replace />;
}

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
            <ConsoleLayout />
          </RequireAuth>
        ),
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="services" replace /> },
          { path: 'services', element: <ServicesListRoute /> },
          { path: 'services/new', element: <ServiceCreateRoute /> },
          { path: 'services/:serviceId/edit', element: <ServiceEditRoute /> },
          { path: 'routes', element: <RoutesListRoute /> },
          { path: 'routes/new', element: <RouteCreateRoute /> },
          { path: 'routes/:routeId/edit', element: <RouteEditRoute /> },
          { path: 'upstreams', element: <UpstreamsListRoute /> },
          { path: 'upstreams/new', element: <UpstreamCreateRoute /> },
          { path: 'upstreams/:upstreamId', element: <UpstreamDetailRoute /> },
          { path: 'upstreams/:upstreamId/edit', element: <UpstreamEditRoute /> },
          { path: 'certificates', element: <CertificatesListRoute /> },
          { path: 'certificates/new', element: <CertificateCreateRoute /> },
          { path: 'nodes', element: <NodesRoute /> },
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
