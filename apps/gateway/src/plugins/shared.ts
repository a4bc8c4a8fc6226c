import { errorMessage, type Logger } from '../log';
import { Metrics } from '../metrics';
import type { PluginShared } from './types';

/** What a registered service may implement to be released when the gateway stops. */
interface Closable {
  close(): unknown;
}

function isClosable(v: unknown): v is Closable {
  return typeof v === 'object' && v !== null && typeof (v as { close?: unknown }).close === 'function';
}

/**
 * The one PluginShared of a gateway process: plugin instances are created per config change, the
 * services they register here (counters, JWKS caches, a Redis connection) live as long as the process
 * and are closed (their `close()`, awaited) when the gateway stops.
 */
export class ProcessPluginShared implements PluginShared {
  private readonly services = new Map<string, unknown>();

  constructor(
    readonly logger: Logger,
    readonly clusterToken: string,
    readonly redisUrl: string | undefined,
    readonly metrics: Metrics = new Metrics(),
  ) {}

  service<T>(name: string, create: () => T): T {
    if (this.services.has(name)) return this.services.get(name) as T;
    const created = create();
    this.services.set(name, created);
    return created;
  }

  /** gateway stop: every registered service with a close() is closed; one that fails is logged */
  async close(): Promise<void> {
    const services = [...this.services];
    this.services.clear();
    await Promise.all(
      services.map(async ([name, s]) => {
        if (!isClosable(s)) return;
        try {
          await s.close();
        } catch (err) {
          this.logger.warn('plugin service failed to close', { service: name, error: errorMessage(err) });
        }
      }),
    );
  }
}
