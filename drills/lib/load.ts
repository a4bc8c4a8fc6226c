import { Pool } from 'undici';

/**
 * Client load over real keep-alive sockets (undici pools, one per origin). Closed loop: `concurrency`
 * workers each send one request at a time; `ratePerSec` caps the total rate (requests are spaced on a
 * shared schedule, so a stall does not cause a burst afterwards). Every request is accounted for:
 * `stop()` waits for the requests in flight and counts them.
 */

export interface LoadOptions {
  /** Full URLs (origin + path); the workers take them in turn, spreading the load over all of them. */
  urls: string[];
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Cap on the total request rate; unset = as fast as the answers come. */
  ratePerSec?: number;
  /** Headers and body idle timeout of one request (default 30 s): a hang shows as an error. */
  timeoutMs?: number;
  /** Whether an answer counts as failed (default: any status outside 200-399). */
  isFailure?: (status: number) => boolean;
  /** Close a connection after this many requests (clients reconnect, so a balancer can move them). */
  maxRequestsPerConnection?: number;
  /** Called after each request (e.g. to see which target served it from a response header). */
  onResult?: (r: RequestResult) => void;
}

export interface RequestResult {
  url: string;
  /** HTTP status, or undefined for a transport error. */
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  /** Error code (ECONNRESET, UND_ERR_SOCKET...) of a transport error. */
  error?: string;
  failed: boolean;
  startedAt: number;
  ms: number;
}

export interface LoadStats {
  sent: number;
  ok: number;
  failed: number;
  /** Requests sent whose answer has not arrived yet (0 after stop()). */
  inFlight: number;
  byStatus: Record<string, number>;
  /** Transport errors by code. */
  errors: Record<string, number>;
  /** Epoch ms of the first and last failed request's start. */
  firstFailureAt?: number;
  lastFailureAt?: number;
  /** The first 50 failures: start time (epoch ms), status or error code. */
  failures: { at: number; status?: number; error?: string }[];
  latencyMs: { p50: number; p99: number; max: number };
  durationMs: number;
}

export interface Load {
  stats(): LoadStats;
  /** Stops sending, waits for the requests in flight, closes the sockets. */
  stop(): Promise<LoadStats>;
}

const defaultIsFailure = (status: number) => status < 200 || status >= 400;

export function startLoad(opts: LoadOptions): Load {
  if (opts.urls.length === 0) throw new Error('startLoad: no urls');
  const concurrency = opts.concurrency ?? 8;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const isFailure = opts.isFailure ?? defaultIsFailure;
  const targets = opts.urls.map((u) => {
    const url = new URL(u);
    return { url: u, origin: url.origin, path: `${url.pathname}${url.search}` };
  });
  const pools = new Map<string, Pool>();
  const perOrigin = Math.max(1, Math.ceil(concurrency / new Set(targets.map((t) => t.origin)).size));
  for (const t of targets) {
    if (!pools.has(t.origin)) pools.set(t.origin, new Pool(t.origin, { connections: perOrigin, maxRequestsPerClient: opts.maxRequestsPerConnection }));
  }

  const started = Date.now();
  let stopping = false;
  let next = 0;
  let slot = 0;
  const s = { sent: 0, ok: 0, failed: 0, byStatus: {} as Record<string, number>, errors: {} as Record<string, number> };
  let firstFailureAt: number | undefined;
  let lastFailureAt: number | undefined;
  const latencies: number[] = [];
  const failures: LoadStats['failures'] = [];

  const record = (r: RequestResult) => {
    latencies.push(r.ms);
    if (r.status !== undefined) s.byStatus[r.status] = (s.byStatus[r.status] ?? 0) + 1;
    if (r.error !== undefined) s.errors[r.error] = (s.errors[r.error] ?? 0) + 1;
    if (r.failed) {
      s.failed++;
      firstFailureAt ??= r.startedAt;
      if (failures.length < 50) failures.push({ at: r.startedAt, status: r.status, error: r.error });
      lastFailureAt = r.startedAt;
    } else s.ok++;
    opts.onResult?.(r);
  };

  const once = async (): Promise<void> => {
    const t = targets[next++ % targets.length];
    const pool = pools.get(t.origin) as Pool;
    const startedAt = Date.now();
    const t0 = performance.now();
    s.sent++;
    try {
      const res = await pool.request({
        path: t.path,
        method: (opts.method ?? 'GET') as 'GET',
        headers: opts.headers,
        body: opts.body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      // the whole body must arrive: a response cut after its head is a failure too
      await res.body.arrayBuffer();
      record({ url: t.url, status: res.statusCode, headers: res.headers, failed: isFailure(res.statusCode), startedAt, ms: performance.now() - t0 });
    } catch (err) {
      const code = (err as { code?: string }).code ?? (err as Error).name ?? 'Error';
      record({ url: t.url, error: code, failed: true, startedAt, ms: performance.now() - t0 });
    }
  };

  const worker = async (): Promise<void> => {
    while (!stopping) {
      if (opts.ratePerSec) {
        const due = started + (slot++ * 1000) / opts.ratePerSec;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (stopping) return;
      }
      await once();
    }
  };
  const workers = Array.from({ length: concurrency }, () => worker());

  const stats = (): LoadStats => {
    const sorted = [...latencies].sort((a, b) => a - b);
    const pct = (p: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]) : 0);
    return {
      sent: s.sent,
      ok: s.ok,
      failed: s.failed,
      inFlight: s.sent - s.ok - s.failed,
      byStatus: { ...s.byStatus },
      errors: { ...s.errors },
      firstFailureAt,
      lastFailureAt,
      failures: [...failures],
      latencyMs: { p50: pct(0.5), p99: pct(0.99), max: sorted.length ? round(sorted[sorted.length - 1]) : 0 },
      durationMs: Date.now() - started,
    };
  };

  let stopped: Promise<LoadStats> | undefined;
  return {
    stats,
    stop() {
      stopped ??= (async () => {
        stopping = true;
        await Promise.all(workers);
        await Promise.all([...pools.values()].map((p) => p.close()));
        return stats();
      })();
      return stopped;
    },
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
