/**
 * `?back=<path>` of a form page: where saving or cancelling returns (the home dashboard's guide sends its "New …"
 * forms there). Only a console path is taken, never an open redirect.
 */
export function backPath(search: URLSearchParams): string | null {
  const back = search.get('back');
  return back && back.startsWith('/console/') && !back.startsWith('/console//') ? back : null;
}
