import { Link, isRouteErrorResponse, useRouteError } from 'react-router';

export function NotFound() {
  return (
    <div className="state state-empty page-not-found">
      <p className="state-title">Page not found</p>
      <p>
        <Link to="/console">Back to the console</Link>
      </p>
    </div>
  );
}

/** Last line of defence for render errors: say what broke instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : 'Unexpected error';
  return (
    <div className="state state-error page-error" role="alert">
      <p className="state-title">Something went wrong</p>
      <p className="mono">{message}</p>
      <p>
        <Link to="/console">Back to the console</Link>
      </p>
    </div>
  );
}
