import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on a loopback port that injects network faults between a client and a real server
 * (the gateway and an upstream target, the control plane and Postgres): latency with jitter,
 * connection resets, a black hole, and an outage (connections cut, new ones refused). Faults can
 * be changed while traffic flows; they apply to the bytes and connections that come after.
 */
export interface Faults {
  /** Delay added to every chunk, in each direction (order kept). */
  latencyMs: number;
  /** Up to this much more, uniformly random per chunk. */
  jitterMs: number;
  /** Probability that a chunk from the client resets the connection instead of being forwarded (RST to both sides). */
  resetProbability: number;
  /** Accept connections and swallow what the client sends; nothing is forwarded, nothing answered. */
  blackhole: boolean;
}

export interface FaultProxyStats {
  connections: number;
  /** Connections reset by `resetProbability`. */
  resets: number;
  /** Client chunks swallowed by the black hole. */
  blackholed: number;
}

export interface FaultProxy {
  port: number;
  /** `127.0.0.1:<port>`, e.g. an upstream target. */
  address: string;
  set(faults: Partial<Faults>): void;
  stats(): FaultProxyStats;
  /** Outage: every open connection is reset and the port stops accepting (connection refused). */
  cut(): Promise<void>;
  /** Ends the outage: accepts again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

const NO_FAULTS: Faults = { latencyMs: 0, jitterMs: 0, resetProbability: 0, blackhole: false };

/**
 * Writes to `to` after the current delay, never reordering: a chunk is due no earlier than the one
 * before it (jitter is drawn per chunk, so a burst waits for its slowest earlier chunk, as on a link).
 */
function delayedWriter(to: net.Socket, delayOf: () => number) {
  let lastDue = 0;
  const later = (fn: () => void, delay: number) => {
    const now = Date.now();
    if (delay <= 0 && lastDue <= now) return fn();
    lastDue = Math.max(now + delay, lastDue);
    setTimeout(() => to.destroyed || fn(), lastDue - now);
  };
  return {
    write: (chunk: Buffer) => later(() => to.write(chunk), delayOf()),
    end: () => later(() => to.end(), 0),
  };
}

export async function startFaultProxy(target: { host?: string; port: number }, initial: Partial<Faults> = {}): Promise<FaultProxy> {
  const host = target.host ?? '127.0.0.1';
  let faults: Faults = { ...NO_FAULTS, ...initial };
  const stats: FaultProxyStats = { connections: 0, resets: 0, blackholed: 0 };
  const open = new Set<net.Socket>();
  const delay = () => faults.latencyMs + Math.random() * faults.jitterMs;

  const server = net.createServer((client) => {
    stats.connections++;
    const upstream = net.connect(target.port, host);
    open.add(client);
    open.add(upstream);
    const reset = () => {
      client.resetAndDestroy();
      upstream.resetAndDestroy();
    };
    client.on('close', () => {
      open.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    // a reset on one side is passed on as a reset, an error is a reset too
    client.on('error', () => upstream.resetAndDestroy());
    upstream.on('error', () => client.resetAndDestroy());
    const toUpstream = delayedWriter(upstream, delay);
    const toClient = delayedWriter(client, delay);
    client.on('data', (chunk: Buffer) => {
      if (faults.blackhole) {
        stats.blackholed++;
        return;
      }
      if (faults.resetProbability > 0 && Math.random() < faults.resetProbability) {
        stats.resets++;
        reset();
        return;
      }
      toUpstream.write(chunk);
    });
    client.on('end', () => toUpstream.end());
    upstream.on('data', (chunk: Buffer) => toClient.write(chunk));
    upstream.on('end', () => toClient.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    port,
    address: `127.0.0.1:${port}`,
    set(next) {
      faults = { ...faults, ...next };
    },
    stats: () => ({ ...stats }),
    async cut() {
      const closing = server.listening ? stopListening() : Promise.resolve();
      for (const s of open) s.resetAndDestroy();
      await closing;
    },
    async restore() {
      if (!server.listening) await listen();
    },
    async close() {
      const closing = server.listening ? stopListening() : Promise.resolve();
      for (const s of open) s.destroy();
      await closing;
    },
  };
}
