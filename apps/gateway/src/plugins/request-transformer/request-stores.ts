import type { FieldStore } from './edits';
import type { PluginRequest } from '../types';

/**
 * Request headers as the upstream will get them: the client's, overlaid by `upstreamHeaders` (what earlier
 * plugins set or removed). Edits go into `upstreamHeaders`; appending joins with `, ` (one header line).
 */
export function requestHeaderStore(r: PluginRequest): FieldStore<string> {
  const get = (name: string): string | undefined => {
    if (r.upstreamHeaders.has(name)) return r.upstreamHeaders.get(name) ?? undefined;
    const v = r.req.headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
  const store: FieldStore<string> = {
    has: (name) => get(name) !== undefined,
    set: (name, value) => void r.upstreamHeaders.set(name, value),
    delete: (name) => void r.upstreamHeaders.set(name, null),
    rename(from, to) {
      const value = get(from);
      store.delete(from);
      if (value !== undefined) store.set(to, value);
    },
    append(name, value) {
      const current = get(name);
      store.set(name, current === undefined ? value : `${current}, ${value}`);
    },
  };
  return store;
}

/** Query parameters (every value of a repeated one moves on rename). */
export function queryStore(params: URLSearchParams): FieldStore<string> {
  return {
    has: (name) => params.has(name),
    set: (name, value) => params.set(name, value),
    delete: (name) => params.delete(name),
    rename(from, to) {
      const values = params.getAll(from);
      params.delete(from);
      params.delete(to);
      for (const v of values) params.append(to, v);
    },
    append: (name, value) => params.append(name, value),
  };
}
