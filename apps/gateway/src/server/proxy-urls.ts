/**
 * The URLs clients reach the proxy listeners at, as bound (HTTP, and HTTPS when on): the heartbeat reports
 * them and the console's first-run guide prints a curl command with one. A wildcard host (`0.0.0.0`, `::`)
 * stays as it is: the control plane puts the address it saw the heartbeat come from in its place.
 */
export function proxyUrlsOf(host: string, ports: { proxyPort: number; tlsPort: number }): string[] {
  const h = host.includes(':') ? `[${host}]` : host;
  const urls = [`http://${h}:${ports.proxyPort}`];
  if (ports.tlsPort >= 0) urls.push(`https://${h}:${ports.tlsPort}`);
  return urls;
}
