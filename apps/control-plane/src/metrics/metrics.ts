import { Injectable } from '@nestjs/common';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

export const LOGIN_RESULTS = ['ok', 'invalid', 'throttled'] as const;
export type LoginResultLabel = (typeof LOGIN_RESULTS)[number];

/** This control plane's Prometheus registry: default Node process metrics plus the control plane's own. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly loginAttempts = new Counter({
    name: 'aya_cp_login_attempts_total',
    help: 'Sign-in attempts by result: ok, invalid (wrong username or password), throttled (429, no password checked)',
    labelNames: ['result'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // every result from the start, so a rate() sees the first attempt
    for (const result of LOGIN_RESULTS) this.loginAttempts.inc({ result }, 0);
  }

  loginAttempt(result: LoginResultLabel): void {
    this.loginAttempts.inc({ result });
  }
}
