import http from 'node:http';
import type { RevisionNotice } from '@aya/config-schema';

export interface SseStream {
  /** The next `revision` event (waits for it). */
  next(timeoutMs?: number): Promise<RevisionNotice>;
  close(): void;
}

/** A minimal SSE reader over node:http for tests: collects `event: revision` data payloads. */
export function openSse(url: string, token: string): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const queue: RevisionNotice[] = [];
    const waiters: Array<(n: RevisionNotice) => void> = [];
    const req = http.get(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`SSE answered ${res.statusCode}`));
        res.resume();
        return;
      }
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let idx: number;
        while ((idx = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, idx);
          buf = buf.slice(idx + 2);
          const lines = block.split('\n');
          if (!lines.includes('event: revision')) continue;
          const data = lines.find((l) => l.startsWith('data: '));
          if (!data) continue;
          const notice = JSON.parse(data.slice(6)) as RevisionNotice;
          const waiter = waiters.shift();
          if (waiter) waiter(notice);
          else queue.push(notice);
        }
      });
      resolve({
        next: (timeoutMs = 10_000) =>
          new Promise((res2, rej2) => {
            const queued = queue.shift();
            if (queued) return res2(queued);
            const timer = setTimeout(() => rej2(new Error('no SSE event')), timeoutMs);
            waiters.push((n) => {
              clearTimeout(timer);
              res2(n);
            });
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', (err) => reject(err));
  });
}
