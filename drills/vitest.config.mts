import { defineConfig } from 'vitest/config';

// The fault drills (`npm run drills`): one long test (drills/run.ts) in one process. Not part of
// `npm test`: the root vitest.config.mts does not include drills/.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['drills/run.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 0, // the runner budgets each drill itself
    hookTimeout: 120_000,
    // progress lines go straight to the terminal as they happen
    disableConsoleIntercept: true,
  },
});
