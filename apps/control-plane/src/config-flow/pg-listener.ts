import { revisionNoticeSchema, type RevisionNotice } from '@aya/config-schema';
import { Client } from 'pg';
import { errorMessage, log } from '../log';

/** pg_notify channel: a notification sent inside the write transaction reaches every control plane on commit. */
export const PG_CONFIG_CHANNEL = 'aya_config';
/**
 * Reconnect attempts while the database is away: every 2 s at most, however long it has been gone. An attempt
 * costs nothing, and until one succeeds the SSE streams hear of no write (gateways fall back on their poll).
 */
const MAX_RETRY_MS = 2_000;

/**
 * One dedicated connection that LISTENs for revision notices. On reconnect it calls `onReconnect` so the
 * caller can re-announce the current revision (notifications sent while disconnected are lost).
 */
export class PgConfigListener {
  private client?: Client;
  private stopped = false;
  private retryTimer?: NodeJS.Timeout;

  constructor(
    private readonly connectionString: string,
    private readonly onNotice: (notice: RevisionNotice) => void,
    private readonly onReconnect: () => void,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString });
    client.on('notification', (msg) => {
      if (msg.channel !== PG_CONFIG_CHANNEL || !msg.payload) return;
      let payload: unknown;
      try {
        payload = JSON.parse(msg.payload);
      } catch {
        return;
      }
      const parsed = revisionNoticeSchema.safeParse(payload);
      if (parsed.success) this.onNotice(parsed.data);
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${PG_CONFIG_CHANNEL}`);
    this.client = client;
  }

  private lost(client: Client, err?: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    log.error(`config listener disconnected${err ? `: ${errorMessage(err)}` : ''}; reconnecting`);
    this.scheduleRetry(1000);
  }

  private scheduleRetry(delayMs: number): void {
    this.retryTimer = setTimeout(() => {
      this.connect().then(
        () => {
          log.info('config listener reconnected');
          this.onReconnect();
        },
        () => this.scheduleRetry(Math.min(delayMs * 2, MAX_RETRY_MS)),
      );
    }, delayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
  }
}
