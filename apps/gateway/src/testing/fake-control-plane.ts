import { createServer, type ServerResponse } from 'node:http';
import { CONFIG_KINDS, INTERNAL_PATHS, SNAPSHOT_LIST, type ConfigChange, type Heartbeat, type RevisionNotice, type Snapshot } from '@aya/config-schema';
import { closeServer, configText, listenOn } from './fixtures';

type Lists = Omit<Snapshot, 'revision'>;

/** The changes from `a` to `b` by item identity: an item object not in `a` was put (publish new objects to change one). */
function diff(a: Lists, b: Lists): ConfigChange[] {
  const changes: ConfigChange[] = [];
  for (const kind of CONFIG_KINDS) {
    const before = new Map((a[SNAPSHOT_LIST[kind]] ?? []).map((item) => [item.id, item as object]));
    for (const item of b[SNAPSHOT_LIST[kind]] ?? []) {
      if (before.get(item.id) !== item) changes.push({ kind, id: item.id, item: item as unknown as Record<string, unknown> });
      before.delete(item.id);
    }
    for (const id of before.keys()) changes.push({ kind, id, item: null });
  }
  return changes;
}

/**
 * A test peer for the cluster protocol of libs/config-schema/src/cluster.ts (not the control
 * plane): serves one current config, and deltas from its recent revisions (`deltas = false`: a
 * control plane without them, 404), pushes SSE notices, records heartbeats.
 */
export class FakeControlPlane {
  readonly server = createServer((req, res) => this.handle(req.method ?? '', req.url ?? '', req.headers.authorization, res));
  port = 0;
  revision = 0;
  text = '';
  hash = '';
  heartbeats: Heartbeat[] = [];
  pulls = 0;
  deltaPulls = 0;
  deltas = true;
  /** notices carry the changes from the previous revision, as the control plane's do when small */
  inlineChanges = false;
  corruptInline = false;
  /** the lists of recent revisions (copied: callers may go on mutating theirs), for deltas */
  private readonly history = new Map<number, Lists>();
  unauthorized = 0;
  /** when set, the next config answers carry this hash instead of the real one */
  corruptHash: string | null = null;
  private streams = new Set<ServerResponse>();

  constructor(private readonly token: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port = await listenOn(this.server);
    return this;
  }

  /** New revision: stored, then announced on every open SSE stream. */
  publish(snapshot: Omit<Snapshot, 'revision'>, notify = true): number {
    this.revision++;
    this.text = configText(this.revision, snapshot);
    this.hash = (JSON.parse(this.text) as { hash: string }).hash;
    const lists: Lists = { services: [...snapshot.services], routes: [...snapshot.routes], upstreams: [...snapshot.upstreams] };
    if (snapshot.certificates) lists.certificates = [...snapshot.certificates];
    this.history.set(this.revision, lists);
    this.history.delete(this.revision - 20);
    if (notify) this.notifyAll();
    return this.revision;
  }

  notifyAll(): void {
    for (const s of this.streams) s.write(this.frame());
  }

  get streamCount(): number {
    return this.streams.size;
  }

  async close(): Promise<void> {
    for (const s of this.streams) s.destroy();
    await closeServer(this.server);
  }

  private frame(): string {
    const notice: RevisionNotice = { revision: this.revision, hash: this.hashOf() };
    const from = this.history.get(this.revision - 1);
    const to = this.history.get(this.revision);
    if (this.inlineChanges && from && to) {
      notice.changes = diff(from, to);
      // changes that do not add up to the hash: the gateway must refuse them and pull instead
      if (this.corruptInline) notice.changes = notice.changes.map((c) => (c.item ? { ...c, item: { ...c.item, name: 'tampered' } } : c));
    }
    return `event: revision\ndata: ${JSON.stringify(notice)}\n\n`;
  }

  private hashOf(): string {
    return this.hash;
  }

  private handle(method: string, url: string, auth: string | undefined, res: ServerResponse): void {
    if (auth !== `Bearer ${this.token}`) {
      this.unauthorized++;
      res.writeHead(401).end();
      return;
    }
    const [path, query = ''] = url.split('?');
    if (method === 'GET' && path === INTERNAL_PATHS.events) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': hello\n\n');
      if (this.text) res.write(this.frame());
      this.streams.add(res);
      res.on('close', () => this.streams.delete(res));
      return;
    }
    if (method === 'GET' && path === INTERNAL_PATHS.config) {
      this.pulls++;
      const after = new URLSearchParams(query).get('after');
      if (!this.text || (after !== null && Number(after) >= this.revision)) {
        res.writeHead(204).end();
        return;
      }
      let body = this.text;
      if (this.corruptHash) body = body.replace(/"hash":"[0-9a-f]+"/, `"hash":"${this.corruptHash}"`);
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      return;
    }
    if (method === 'GET' && path === INTERNAL_PATHS.changes && this.deltas) {
      this.deltaPulls++;
      const after = Number(new URLSearchParams(query).get('after'));
      const from = this.history.get(after);
      const to = this.history.get(this.revision);
      if (after >= this.revision || !to) res.writeHead(204).end();
      else if (!from) res.writeHead(410).end();
      else {
        const body = JSON.stringify({ from: after, revision: this.revision, hash: this.corruptHash ?? this.hashOf(), changes: diff(from, to) });
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      }
      return;
    }
    if (method === 'POST' && path === INTERNAL_PATHS.heartbeat) {
      let raw = '';
      res.req.setEncoding('utf8');
      res.req.on('data', (c: string) => (raw += c));
      res.req.on('end', () => {
        this.heartbeats.push(JSON.parse(raw) as Heartbeat);
        res.writeHead(204).end();
      });
      return;
    }
    res.writeHead(404).end();
  }
}
