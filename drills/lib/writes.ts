import { Agent, request } from 'undici';
import type { Gateway } from '../../test/harness/platform';
import type { Api } from './platform';
import { sleep } from './targets';

/**
 * Admin writes made while a drill breaks something, each one a new route to an existing service,
 * and how long each took to converge: from the start of the write until every gateway answers 200
 * on the route's path (what a user of the gateway sees, not a revision number).
 */
export interface WriteRecord {
  /** Route name and path segment: `<prefix>-<n>`. */
  name: string;
  /** The drill's phase when the write started (e.g. `redis down`). */
  phase: string;
  startedAt: number;
  /** How long the admin API took to answer. */
  ms: number;
  /** HTTP status, or 0 when the control plane could not be reached. */
  status: number;
  /** Error code of a refused write (`AYA_CP_...`) or of the transport error. */
  code?: string;
  /** Write start -> every gateway serves the route; undefined for failed writes or when it did not happen in time. */
  convergeMs?: number;
}

export interface WriterOptions {
  api: Api;
  /** The gateways that must serve each write (read at each check: a drill may replace one). */
  gateways: () => Gateway[];
  service: string;
  prefix: string;
  /** Pause between one write's answer and the next write. */
  intervalMs: number;
  phase: () => string;
  /** Give up waiting for a write to converge after this long. */
  convergeTimeoutMs: number;
}

export interface Writer {
  records: WriteRecord[];
  /** One write now (also used outside the loop, e.g. right after a restart). */
  writeOnce(): Promise<WriteRecord>;
  /** Stops the loop and waits for every convergence check still running. */
  stop(): Promise<WriteRecord[]>;
}

/** Polls the gateways until each answers 200 on `path`; epoch ms when the last one did, or undefined on timeout. */
async function servedEverywhere(gateways: () => Gateway[], path: string, deadline: number, agent: Agent): Promise<number | undefined> {
  const pending = new Set<string>();
  for (;;) {
    const current = gateways();
    pending.clear();
    await Promise.all(
      current.map(async (gw) => {
        try {
          const res = await request(`${gw.proxyUrl}${path}`, { dispatcher: agent, headersTimeout: 2000, bodyTimeout: 2000 });
          await res.body.dump();
          if (res.statusCode !== 200) pending.add(gw.proxyUrl);
        } catch {
          pending.add(gw.proxyUrl);
        }
      }),
    );
    if (pending.size === 0) return Date.now();
    if (Date.now() > deadline) return undefined;
    await sleep(20);
  }
}

export function startWriter(o: WriterOptions, loop = true): Writer {
  const records: WriteRecord[] = [];
  const checks: Promise<void>[] = [];
  // probes on their own connections: the client load's counts stay the drill's
  const agent = new Agent({ connections: 4 });
  let n = 0;
  let stopping = false;

  const writeOnce = async (): Promise<WriteRecord> => {
    const name = `${o.prefix}-${++n}`;
    const rec: WriteRecord = { name, phase: o.phase(), startedAt: Date.now(), ms: 0, status: 0 };
    records.push(rec);
    try {
      const res = await o.api<{ error?: { code?: string } }>('POST', '/api/v1/tenants/default/routes', { name, service: o.service, paths: [`/${name}`] });
      rec.status = res.status;
      if (res.status >= 300) rec.code = res.body?.error?.code;
    } catch (err) {
      rec.code = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    }
    rec.ms = Date.now() - rec.startedAt;
    if (rec.status >= 200 && rec.status < 300) {
      checks.push(
        servedEverywhere(o.gateways, `/${name}/x`, rec.startedAt + o.convergeTimeoutMs, agent).then((at) => {
          if (at !== undefined) rec.convergeMs = at - rec.startedAt;
        }),
      );
    }
    return rec;
  };

  const running = (async () => {
    while (loop && !stopping) {
      await writeOnce();
      await sleep(o.intervalMs);
    }
  })();

  return {
    records,
    writeOnce,
    async stop() {
      stopping = true;
      await running;
      await Promise.all(checks);
      await agent.close();
      return records;
    },
  };
}

/** Per phase: writes made, refused (by status/code), converged, and convergence p50 / max. */
export function summarizeWrites(records: WriteRecord[]): Record<string, unknown> {
  const phases = [...new Set(records.map((r) => r.phase))];
  return Object.fromEntries(
    phases.map((phase) => {
      const rs = records.filter((r) => r.phase === phase);
      const ok = rs.filter((r) => r.status >= 200 && r.status < 300);
      const conv = ok.map((r) => r.convergeMs).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
      // the part after the admin API answered: notice, pull, swap
      const after = ok.flatMap((r) => (r.convergeMs === undefined ? [] : [r.convergeMs - r.ms])).sort((a, b) => a - b);
      const refused: Record<string, number> = {};
      for (const r of rs.filter((x) => !(x.status >= 200 && x.status < 300))) {
        const key = `${r.status} ${r.code ?? ''}`.trim();
        refused[key] = (refused[key] ?? 0) + 1;
      }
      return [
        phase,
        {
          writes: rs.length,
          succeeded: ok.length,
          refused,
          converged: conv.length,
          convergeMs: conv.length ? { p50: conv[Math.floor(conv.length / 2)], max: conv[conv.length - 1] } : null,
          afterAnswerMs: after.length ? { p50: after[Math.floor(after.length / 2)], max: after[after.length - 1] } : null,
          answerMsMax: Math.max(0, ...rs.map((r) => r.ms)),
        },
      ];
    }),
  );
}

/** Lines of a process's output that match, for the JSON (what path a component took). */
export function logLines(logs: string, re: RegExp, max = 10): string[] {
  return logs
    .split('\n')
    .filter((l) => re.test(l))
    .slice(0, max)
    .map((l) => l.slice(0, 200));
}
