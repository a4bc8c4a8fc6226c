/**
 * V8 flags the gateway runs with. A 4 MB young-generation semi-space (V8's default is up to 16 MB)
 * measured ~24 MB less RSS at the same requests/s and p99 (bench/throughput.mjs A/B, 2026-11-25):
 * a proxy's per-request objects die young either way. Launchers pass these (aya start, the Docker
 * image, the benchmarks); cluster workers get them from the primary. Flags the operator already set win.
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

export function withGatewayFlags(execArgv: readonly string[]): string[] {
  const name = (flag: string) => flag.split('=')[0].replace(/_/g, '-');
  const given = new Set(execArgv.map(name));
  return [...execArgv, ...GATEWAY_NODE_FLAGS.filter((f) => !given.has(name(f)))];
}
