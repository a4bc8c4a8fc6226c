import { describeFuzzReport, fuzzFreshControlPlane } from '../test/fuzz/fuzz-fresh-control-plane';
import type { Drill } from './lib/types';

/**
 * The admin API fuzzer of `npm test` (test/fuzz: every operation of the committed OpenAPI document,
 * valid, broken and boundary inputs over real HTTP to a control plane on embedded Postgres), run
 * longer: 2,000 requests per unit of scale with a fresh seed each run (AYA_FUZZ_RUNS and
 * AYA_FUZZ_SEED override both; the seed is printed so a failure replays). Target: no problem at
 * all — only documented statuses, every 4xx coded, never a 5xx, 2xx bodies as documented, and
 * no rejected write that changed a table.
 */
const RUNS_PER_SCALE = 2_000;

export const drill9: Drill = {
  id: 9,
  name: 'admin API fuzzed (long run)',
  async run(ctx) {
    const runs = process.env.AYA_FUZZ_RUNS ? Number(process.env.AYA_FUZZ_RUNS) : Math.round(RUNS_PER_SCALE * ctx.durationScale);
    const seed = process.env.AYA_FUZZ_SEED ? Number(process.env.AYA_FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
    if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) throw new Error('AYA_FUZZ_RUNS / AYA_FUZZ_SEED must be integers');
    const started = Date.now();
    const report = await fuzzFreshControlPlane({ runs, seed, log: ctx.log });
    ctx.log(describeFuzzReport(report));
    for (const p of report.problems.slice(0, 20)) ctx.log(`problem: ${p}`);
    return {
      sent: runs,
      failed: report.problems.length,
      bound: `0 problems in ${runs} fuzzed admin requests (seed ${seed}; replay: AYA_FUZZ_SEED=${seed} AYA_FUZZ_RUNS=${runs})`,
      passed: report.problems.length === 0,
      details: {
        seed,
        runs,
        seconds: Math.round((Date.now() - started) / 1000),
        validSent: report.validSent,
        validAccepted: report.validAccepted,
        problems: report.problems,
        statuses: report.statuses,
      },
    };
  },
};
