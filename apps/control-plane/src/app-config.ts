import type { AppEnv } from './env';

/** The validated environment plus facts found at start, injectable by class. */
export class AppConfig {
  constructor(
    readonly env: AppEnv,
    /** AYA_CONSOLE_DIR holds an index.html: serve the console with SPA fallback */
    readonly consoleEnabled: boolean,
  ) {}
}
