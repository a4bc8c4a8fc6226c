import type { IncomingMessage } from 'node:http';

/** Limits of the proxy listener; env.ts maps AYA_* variables onto these. */
export interface ProxyLimits {
  /** request body, declared (Content-Length) or streamed (chunked) */
  maxBodyBytes: number;
  /** request line + header block, enforced by node's parser (maxHeaderSize) */
  maxHeaderBytes: number;
  maxHeaderCount: number;
  /** whole header block must arrive within this (slowloris) */
  headersTimeoutMs: number;
  /** whole request, body included, must arrive within this */
  requestTimeoutMs: number;
  /** idle keep-alive connections close after this */
  keepAliveTimeoutMs: number;
}

/**
 * nginx's client_max_body_size is 1 MiB, too small for APIs that take uploads; 10 MiB keeps
 * memory-free streaming while refusing accidental multi-GB posts. Header sizes follow node's
 * 16 KiB (nginx large_client_header_buffers is 4x8k). Keep-alive outlives common L4/L7 idle
 * timeouts (60 s) so the balancer in front closes first.
 */
export const DEFAULT_LIMITS: ProxyLimits = {
  maxBodyBytes: 10 * 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  maxHeaderCount: 100,
  headersTimeoutMs: 60_000,
  requestTimeoutMs: 300_000,
  keepAliveTimeoutMs: 65_000,
};

/**
 * Counts a streamed body as it flows and calls `onExceed` once when it passes `max`. The stream
 * is paused first so that adding this listener does not start the flow before the upstream
 * writer (undici) attaches its own 'data' listener and resumes it; both then see every chunk.
 */
export function watchBodySize(req: IncomingMessage, max: number, onExceed: () => void): void {
  let seen = 0;
  let fired = false;
  req.pause();
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > max && !fired) {
      fired = true;
      onExceed();
    }
  });
}
