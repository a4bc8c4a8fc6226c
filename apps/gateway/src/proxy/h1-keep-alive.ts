/** undici's margin below an upstream's announced keep-alive timeout (keepAliveTimeoutThreshold). */
export const KEEP_ALIVE_MARGIN_MS = 2_000;
const TIMEOUT = /timeout\s*=\s*(\d+)/i;

/**
 * How long the upstream said it keeps an idle connection (`Keep-Alive: timeout=N`), minus undici's
 * margin, so the connection is dropped before the upstream closes it under a new request; 0: do
 * not reuse it at all; undefined: no hint.
 */
export function keepAliveHintMs(rawHeaders: readonly string[]): number | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i];
    if (name.length !== 10 || name.toLowerCase() !== 'keep-alive') continue;
    const m = TIMEOUT.exec(rawHeaders[i + 1]);
    if (m) return Math.max(0, Number(m[1]) * 1000 - KEEP_ALIVE_MARGIN_MS);
  }
  return undefined;
}
