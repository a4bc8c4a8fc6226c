import type { RevisionNotice } from '@aya/config-schema';

type Listener = (notice: RevisionNotice) => void;

/** In-process fan-out of revision notices to SSE streams. Fed by the Postgres LISTEN connection. */
export class ConfigEvents {
  private readonly listeners = new Set<Listener>();
  private readonly closers = new Set<() => void>();
  private closed = false;

  /** After closeAll() a new stream is ended at once: one that was opening during shutdown would hold the server open. */
  subscribe(listener: Listener, close: () => void): () => void {
    if (this.closed) {
      queueMicrotask(close);
      return () => undefined;
    }
    this.listeners.add(listener);
    this.closers.add(close);
    return () => {
      this.listeners.delete(listener);
      this.closers.delete(close);
    };
  }

  emit(notice: RevisionNotice): void {
    for (const listener of this.listeners) listener(notice);
  }

  get size(): number {
    return this.listeners.size;
  }

  /** Ends every open stream (shutdown: the HTTP server cannot close while they are open). */
  closeAll(): void {
    this.closed = true;
    for (const close of [...this.closers]) close();
    this.listeners.clear();
    this.closers.clear();
  }
}
