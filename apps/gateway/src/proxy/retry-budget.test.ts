import { describe, expect, it } from 'vitest';
import { RetryBudgetTracker } from './retry-budget';

describe('RetryBudgetTracker', () => {
  it('allows retries up to ratio x requests in the window, or minRetries when quiet', () => {
    let now = 0;
    const b = new RetryBudgetTracker({ ratio: 0.2, windowMs: 10_000, minRetries: 2 }, () => now);
    expect(b.tryRetry()).toBe(true);
    expect(b.tryRetry()).toBe(true);
    expect(b.tryRetry()).toBe(false); // 2 = minRetries, 0 requests
    for (let i = 0; i < 20; i++) b.onRequest();
    expect(b.tryRetry()).toBe(true); // 3 <= 0.2 x 20 = 4
    expect(b.tryRetry()).toBe(true);
    expect(b.tryRetry()).toBe(false);
    now += 11_000; // the window slid past everything
    for (let i = 0; i < 10; i++) b.onRequest();
    expect(b.tryRetry()).toBe(true);
    expect(b.tryRetry()).toBe(true);
    expect(b.tryRetry()).toBe(false);
  });
});
