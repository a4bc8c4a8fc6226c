import type { Worker } from 'node:cluster';
import { LocalCounterStore } from './local-store';
import type { CounterStore, LimitDecision, LimitQuery } from './types';

/**
 * `local` counting across a node's worker processes (AYA_GATEWAY_WORKERS > 1): the counters live in the
 * cluster primary, so a limit of 5 allows 5 per node, not 5 per worker. Workers send the queries of one
 * event-loop turn as one IPC message with ids; the primary answers them in one message.
 */

interface LimitBatch {
  type: 'aya:limits';
  queries: Array<[id: number, query: LimitQuery]>;
}

interface LimitAnswers {
  type: 'aya:limits-answer';
  answers: Array<[id: number, decision: LimitDecision]>;
}

/** the primary answers from memory; this only trips when it is gone or wedged */
const ANSWER_TIMEOUT_MS = 1_000;

export function isLimitBatch(m: unknown): m is LimitBatch {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'aya:limits';
}

let primaryStore: LocalCounterStore | undefined;

/** Primary side: decide a worker's batch on the node's one store and send the answers back. */
export function answerLimitBatch(worker: Worker, batch: LimitBatch): void {
  const store = (primaryStore ??= new LocalCounterStore());
  const reply: LimitAnswers = { type: 'aya:limits-answer', answers: batch.queries.map(([id, q]) => [id, store.decideNow(q)]) };
  if (worker.isConnected()) worker.send(reply, undefined, () => {});
}

interface Pending {
  resolve(d: LimitDecision): void;
  reject(e: Error): void;
}

/** Worker side: a CounterStore whose counters are the primary's. */
export class PrimaryCounterStore implements CounterStore {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private queue: Array<[number, LimitQuery]> = [];

  constructor() {
    process.on('message', (m: unknown) => {
      if (typeof m !== 'object' || m === null || (m as LimitAnswers).type !== 'aya:limits-answer') return;
      for (const [id, decision] of (m as LimitAnswers).answers) {
        this.pending.get(id)?.resolve(decision);
        this.pending.delete(id);
      }
    });
  }

  decide(query: LimitQuery): Promise<LimitDecision> {
    return new Promise((resolve, reject) => {
      const id = ++this.seq;
      this.pending.set(id, { resolve, reject });
      if (this.queue.push([id, query]) === 1) setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const queries = this.queue;
    this.queue = [];
    const fail = (why: string): void => {
      for (const [id] of queries) {
        this.pending.get(id)?.reject(new Error(why));
        this.pending.delete(id);
      }
    };
    if (!process.connected || !process.send) return fail('not connected to the cluster primary');
    const batch: LimitBatch = { type: 'aya:limits', queries };
    process.send(batch, undefined, undefined, (err: Error | null) => err && fail(`limit batch not sent: ${err.message}`));
    setTimeout(() => fail('the cluster primary did not answer the limit batch in time'), ANSWER_TIMEOUT_MS).unref();
  }
}
