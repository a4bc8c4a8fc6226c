import type { CompiledConfig } from '../compile/types';
import { errorMessage, type Logger } from '../log';

/**
 * After a swap: the instances the previous config used and the new one does not are closed (their
 * timers, sockets). `next` undefined: the gateway stops, all of them. Requests still finishing on the
 * previous config keep their instance objects; close() only releases what the instance holds.
 */
export function closeRetiredPlugins(previous: CompiledConfig, next: CompiledConfig | undefined, logger: Logger): void {
  const old = previous.pluginInstances;
  if (!old) return;
  for (const instance of old) {
    if (next?.pluginInstances?.has(instance) || !instance.close) continue;
    try {
      instance.close();
    } catch (err) {
      logger.warn('plugin instance failed to close', { error: errorMessage(err) });
    }
  }
}
