/**
 * The contract every fault drill implements. `drills/run.ts` discovers `drills/drill-<n>-<slug>.ts`
 * files, each exporting one `Drill` (any export name), runs them in id order and reports them.
 */

/** What one drill measured. `sent` / `failed` count client requests made under load. */
export interface DrillResult {
  /** Client requests sent during the drill (every one accounted for: ok + failed). */
  sent: number;
  /** Of those, failed by the drill's definition (idempotent: non-2xx/3xx answer or transport error). */
  failed: number;
  /** Time until the system converged after the fault was lifted (what "converged" means: `bound`). */
  convergeMs?: number;
  /** The target in words, e.g. "0 failed; revived target in rotation <= 5000 ms". */
  bound: string;
  /** Whether the target was met. */
  passed: boolean;
  /** Everything else worth keeping in the JSON (per-phase stats, status counts, socket samples...). */
  details: Record<string, unknown>;
}

export interface DrillContext {
  /** A progress line (prefixed with the drill id by the runner). Long work logs a line per phase. */
  log(msg: string): void;
  /** 1 for a normal run, > 1 for longer runs: scale load and fault durations by it. */
  durationScale: number;
  /**
   * Registers cleanup (stop a process, close a server, remove a temp dir). The runner runs every
   * registered function, last registered first, after the drill ends, also when it threw.
   */
  defer(fn: () => unknown): void;
}

export interface Drill {
  id: number;
  name: string;
  run(ctx: DrillContext): Promise<DrillResult>;
}
