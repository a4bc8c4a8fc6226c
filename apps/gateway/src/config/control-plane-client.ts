import { INTERNAL_PATHS, type Heartbeat } from '@aya/config-schema';
import { Agent, request } from 'undici';

export type PullResult = { status: 'none' } | { status: 'config'; text: string };
/** `whole`: the control plane cannot give a delta from there (410, or an older one without the endpoint) */
export type ChangesResult = { status: 'none' } | { status: 'delta'; text: string } | { status: 'whole' };

export class ControlPlaneError extends Error {
  constructor(
    readonly code: 'AYA_GW_CP_HTTP' | 'AYA_GW_CP_UNREACHABLE',
    message: string,
  ) {
    super(message);
  }
}

/** The gateway's side of the internal HTTP endpoints; every call carries the cluster token. */
export class ControlPlaneClient {
  readonly agent = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: 5_000 } });
  private readonly auth: string;

  constructor(
    readonly baseUrl: string,
    token: string,
  ) {
    this.auth = `Bearer ${token}`;
  }

  get authorization(): string {
    return this.auth;
  }

  /** `after` null: nothing applied yet, so any revision is newer. */
  async pull(after: number | null): Promise<PullResult> {
    const query = after === null ? '' : `?after=${after}`;
    const res = await this.call('GET', `${INTERNAL_PATHS.config}${query}`);
    if (res.statusCode === 204) {
      await res.body.dump();
      return { status: 'none' };
    }
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new ControlPlaneError('AYA_GW_CP_HTTP', `GET config answered ${res.statusCode}`);
    return { status: 'config', text };
  }

  /** The changes since revision `after` (see INTERNAL_PATHS.changes). */
  async changes(after: number): Promise<ChangesResult> {
    const res = await this.call('GET', `${INTERNAL_PATHS.changes}?after=${after}`);
    if (res.statusCode === 204) {
      await res.body.dump();
      return { status: 'none' };
    }
    if (res.statusCode !== 200) {
      await res.body.dump();
      return { status: 'whole' };
    }
    return { status: 'delta', text: await res.body.text() };
  }

  async heartbeat(body: Heartbeat): Promise<void> {
    const res = await this.call('POST', INTERNAL_PATHS.heartbeat, JSON.stringify(body));
    await res.body.dump();
    if (res.statusCode >= 300) throw new ControlPlaneError('AYA_GW_CP_HTTP', `POST heartbeat answered ${res.statusCode}`);
  }

  private async call(method: 'GET' | 'POST', path: string, body?: string) {
    try {
      return await request(`${this.baseUrl}${path}`, {
        method,
        dispatcher: this.agent,
        headers: body
          ? { authorization: this.auth, 'content-type': 'application/json', accept: 'application/json' }
          : { authorization: this.auth, accept: 'application/json' },
        body,
        headersTimeout: 10_000,
        bodyTimeout: 30_000,
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? 'error';
      throw new ControlPlaneError('AYA_GW_CP_UNREACHABLE', `${method} ${path}: ${code}`);
    }
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }
}
