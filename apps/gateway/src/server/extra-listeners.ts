import type { AddressInfo } from 'node:net';
import { errorMessage, type Logger } from '../log';
import { createProxyHandler, type ProxyHandlerDeps } from '../proxy/handler';
import { createUpgradeProxy } from '../proxy/upgrade';
import type { CertificateStore } from '../tls/certificate-store';
import { createH2cListener, createTlsListener, type H2Listener } from './h2-server';

export interface ExtraListenerOptions {
  /** the plain listener's deps; each listener gets its own copy with its proto and port */
  deps: ProxyHandlerDeps;
  certificates: CertificateStore;
  host: string;
  /** null / undefined: not started; 0: any free port */
  tlsPort?: number | null;
  h2cPort?: number | null;
  /** false: the TLS port being taken is logged, not fatal (the unset-env default 8443) */
  tlsPortRequired?: boolean;
  logger: Logger;
  /** whether the HTTPS listener asks new connections for a client certificate (a config with mtls-auth) */
  requestClientCert?: () => boolean;
}

export interface ExtraListeners {
  /** -1 when not started */
  readonly tlsPort: number;
  readonly h2cPort: number;
  beginClose(): Promise<void>;
  destroyAll(): void;
}

async function start(listener: H2Listener, port: number, host: string): Promise<number> {
  const { server } = listener;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** The HTTPS (h2 + http/1.1 by ALPN) and h2c listeners, sharing the plain listener's request path. */
export async function startExtraListeners(o: ExtraListenerOptions): Promise<ExtraListeners> {
  const listeners: H2Listener[] = [];
  let tlsPort = -1;
  let h2cPort = -1;
  if (o.tlsPort !== null && o.tlsPort !== undefined) {
    const deps: ProxyHandlerDeps = { ...o.deps, proto: 'https', port: o.tlsPort };
    const handler = createProxyHandler(deps);
    const upgrades = createUpgradeProxy(deps, handler);
    const listener = createTlsListener(
      { handler, upgrade: upgrades.handle, limits: deps.limits, metrics: deps.metrics, requestClientCert: o.requestClientCert },
      o.certificates.sniCallback,
    );
    try {
      tlsPort = await start(listener, o.tlsPort, o.host);
      deps.port = tlsPort;
      listeners.push({ ...listener, destroyAll: () => (listener.destroyAll(), upgrades.closeAll()) });
      o.logger.info('https listening (h2, http/1.1)', { host: o.host, port: tlsPort });
    } catch (err) {
      if (o.tlsPortRequired !== false) throw err;
      // dev machines often run several gateways: only an explicitly set port must be ours
      o.logger.error('https listener not started (set AYA_PROXY_TLS_PORT to a free port or "off")', { port: o.tlsPort, error: errorMessage(err) });
    }
  }
  if (o.h2cPort !== null && o.h2cPort !== undefined) {
    const deps: ProxyHandlerDeps = { ...o.deps, proto: 'http', port: o.h2cPort };
    const listener = createH2cListener({ handler: createProxyHandler(deps), limits: deps.limits, metrics: deps.metrics });
    h2cPort = await start(listener, o.h2cPort, o.host);
    deps.port = h2cPort;
    listeners.push(listener);
    o.logger.info('h2c listening', { host: o.host, port: h2cPort });
  }
  return {
    tlsPort,
    h2cPort,
    beginClose: async () => void (await Promise.all(listeners.map((l) => l.beginClose()))),
    destroyAll: () => listeners.forEach((l) => l.destroyAll()),
  };
}
