import { isHopByHop } from './headers';

/**
 * onResponseEnd's trailers: a header object from both clients (undici 8 parses them; over HTTP/2
 * node's own); flat [name, value, ...] lists (raw strings or Buffers) are accepted too.
 */
export type UpstreamTrailers = readonly (string | Buffer)[] | Readonly<Record<string, string | string[] | undefined>> | null | undefined;

const text = (v: string | Buffer): string => (typeof v === 'string' ? v : v.toString('latin1'));

/**
 * gRPC needs `TE: trailers` upstream (servers refuse requests without it), but TE is hop-by-hop
 * and stripped from every forwarded request; it is put back for HTTP/2 (gRPC) targets only.
 */
export function withTeTrailers(headers: string[]): string[] {
  return [...headers, 'te', 'trailers'];
}

/**
 * A trailers-only gRPC answer carries grpc-status in its headers. Kept so it can be repeated as
 * trailers: relayed through node's compat layer, the headers and the end of the stream leave
 * in separate frames, and gRPC clients read the status from trailers then.
 */
export function grpcStatusInHeaders(raw: readonly (Buffer | string)[]): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = text(raw[i]).toLowerCase();
    if (name === 'grpc-status' || name === 'grpc-message') (out ??= {})[name] = text(raw[i + 1]);
  }
  return out?.['grpc-status'] !== undefined ? out : undefined;
}

/** Upstream trailers as res.addTrailers() takes them; undefined when there are none to send. */
export function downstreamTrailers(trailers: UpstreamTrailers, fromHeaders: Record<string, string> | undefined): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  const add = (name: string, value: string): void => {
    const lower = name.toLowerCase();
    if (lower.startsWith(':') || isHopByHop(lower) || lower === 'content-length') return;
    (out ??= {})[lower] = out?.[lower] !== undefined ? `${out[lower]}, ${value}` : value;
  };
  if (Array.isArray(trailers)) {
    const raw = trailers as readonly (string | Buffer)[];
    for (let i = 0; i + 1 < raw.length; i += 2) add(text(raw[i]), text(raw[i + 1]));
  } else if (trailers) {
    for (const [name, value] of Object.entries(trailers)) {
      if (value !== undefined) add(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }
  if (!out && fromHeaders) return { ...fromHeaders };
  return out;
}
