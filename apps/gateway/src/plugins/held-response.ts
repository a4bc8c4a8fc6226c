import type { PluginRun } from './plugin-run';

/**
 * A response held back for body phases (PluginInstance.buffersBody): its head and the chunks so far,
 * up to a limit (past it the request fails closed rather than skipping a phase that may, say, remove
 * a field the client must not see).
 */
export class HeldResponse {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    readonly status: number,
    readonly headers: string[],
  ) {}

  /** false once the body would pass `limit` bytes */
  add(chunk: Buffer, limit: number): boolean {
    this.size += chunk.length;
    if (this.size > limit) return false;
    this.chunks.push(chunk);
    return true;
  }

  body(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.size);
  }
}

/** HEAD answers and 1xx / 204 / 304 carry no body: nothing to hold back (and Content-Length stays the upstream's). */
export function bodyMayFollow(method: string, status: number): boolean {
  return method !== 'HEAD' && status !== 204 && status !== 304 && status >= 200;
}

/** The head of a rewritten body: its own Content-Length, no other framing or stale validators of the old bytes. */
export function setResponseLength(headers: string[], length: number): void {
  let w = 0;
  for (let i = 0; i < headers.length; i += 2) {
    const lower = headers[i].toLowerCase();
    if (lower === 'content-length' || lower === 'transfer-encoding') continue;
    headers[w++] = headers[i];
    headers[w++] = headers[i + 1];
  }
  headers.length = w;
  headers.push('content-length', String(length));
}

/**
 * Whether a response is held for the chain's body phases: when some body step wants this one (holdsBody, from
 * the head), or has no such say (every response). A holdsBody that throws holds it: the body phase then
 * decides, and fails closed if it throws too.
 */
export function holdsBody(run: PluginRun, status: number, headers: readonly string[]): boolean {
  for (const step of run.chain.body) {
    const wants = step.instance.holdsBody;
    if (wants === undefined) return true;
    try {
      if (wants.call(step.instance, run, status, headers)) return true;
    } catch {
      return true;
    }
  }
  return false;
}
