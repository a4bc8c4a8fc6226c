import { INTERNAL_PATHS, revisionNoticeSchema, type RevisionNotice } from '@aya/config-schema';
import { request } from 'undici';
import { errorMessage, type Logger } from '../log';
import type { ControlPlaneClient } from './control-plane-client';
import { SseParser } from './sse-parser';

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10_000;
/**
 * A control plane that is not there (refused, or reset before it answered: down, restarting) is
 * tried again within a second however long it has been away: such an attempt costs it nothing, and
 * once it is back the stream's first event brings this gateway up to date at once instead of after
 * the reconcile poll. A control plane that answers with an error keeps the longer backoff.
 */
const DOWN_RETRY_MAX_MS = 1_000;
const DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);
/** pings keep the stream alive; this much silence means a dead connection */
const IDLE_TIMEOUT_MS = 60_000;

/** Holds `GET /internal/v1/config/events` open, reconnecting with jittered backoff. */
export class SseSubscriber {
  private running = false;
  private abort: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private backoff = MIN_BACKOFF_MS;
  private loggedDown = false;

  constructor(
    private readonly cp: ControlPlaneClient,
    private readonly onNotice: (notice: RevisionNotice) => void,
    private readonly logger: Logger,
  ) {}

  get active(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.abort?.abort();
    this.abort = undefined;
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    const abort = new AbortController();
    this.abort = abort;
    try {
      const res = await request(`${this.cp.baseUrl}${INTERNAL_PATHS.events}`, {
        dispatcher: this.cp.agent,
        headers: { authorization: this.cp.authorization, accept: 'text/event-stream' },
        signal: abort.signal,
        headersTimeout: 10_000,
        bodyTimeout: IDLE_TIMEOUT_MS,
      });
      if (res.statusCode !== 200) {
        await res.body.dump();
        throw new Error(`events stream answered ${res.statusCode}`);
      }
      this.logger.info('config events stream connected');
      this.loggedDown = false;
      this.backoff = MIN_BACKOFF_MS;
      const parser = new SseParser();
      res.body.setEncoding('utf8');
      for await (const chunk of res.body) {
        for (const ev of parser.push(chunk as string)) this.handle(ev.event, ev.data);
      }
      throw new Error('events stream ended');
    } catch (err) {
      if (!this.running || abort.signal.aborted) return;
      if (!this.loggedDown) {
        this.logger.warn('config events stream down, reconnecting', { error: errorMessage(err) });
        this.loggedDown = true;
      }
      this.schedule(DOWN_CODES.has(String((err as { code?: unknown }).code)));
    }
  }

  private handle(event: string, data: string): void {
    if (event !== 'revision') return;
    try {
      const notice = revisionNoticeSchema.parse(JSON.parse(data));
      this.onNotice(notice);
    } catch {
      this.logger.warn('ignored a malformed revision event');
    }
  }

  private schedule(down: boolean): void {
    const backoff = down ? Math.min(this.backoff, DOWN_RETRY_MAX_MS) : this.backoff;
    const delay = backoff / 2 + Math.random() * (backoff / 2);
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    this.timer = setTimeout(() => void this.connect(), delay);
    this.timer.unref();
  }
}
