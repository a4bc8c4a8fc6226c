import {
  CONFIG_ITEM_SCHEMA,
  CONFIG_KINDS,
  SNAPSHOT_LIST,
  type ConfigDelta,
  type ConfigItem,
  type ConfigKind,
  type Snapshot,
} from '@aya/config-schema';
import { ConfigDigest, itemDigest } from '@aya/config-schema/hash';
import { ItemList } from './item-list';

export class ConfigRejectedError extends Error {
  constructor(
    readonly code: 'AYA_GW_CONFIG_JSON' | 'AYA_GW_CONFIG_HASH' | 'AYA_GW_CONFIG_SCHEMA' | 'AYA_GW_CONFIG_COMPILE' | 'AYA_GW_CONFIG_DELTA',
    message: string,
  ) {
    super(message);
  }
}

interface Entry {
  /** checked (zod) item: what the compiler reads */
  item: ConfigItem;
  /** digest of the item as sent, before zod dropped fields this gateway does not know */
  digest: bigint;
}

type Lists = Record<ConfigKind, ItemList<Entry>>;

/**
 * The applied config as items by kind and id, with the digest sum behind its hash (see
 * `@aya/config-schema/hash`), so a delta is checked and applied in time proportional to its size.
 * Immutable: applying a delta returns a new state that shares every unchanged item object with this
 * one (the compiler reuses what it compiled for them).
 */
export class ConfigState {
  private built: Snapshot | undefined;

  private constructor(
    readonly revision: number,
    readonly hash: string,
    private readonly lists: Lists,
    private readonly digest: ConfigDigest,
  ) {}

  /**
   * From a whole snapshot: `raw` as parsed from JSON (what the hash covers), `checked` the same after
   * zod, list by list in the same order.
   */
  static fromSnapshot(revision: number, announcedHash: string, raw: Snapshot, checked: Snapshot): ConfigState {
    const digest = ConfigDigest.empty();
    const lists = {} as Record<ConfigKind, ItemList<Entry>>;
    for (const kind of CONFIG_KINDS) {
      const map = new Map<string, Entry>();
      const rawList: readonly unknown[] = raw[SNAPSHOT_LIST[kind]] ?? [];
      const checkedList: readonly ConfigItem[] = checked[SNAPSHOT_LIST[kind]] ?? [];
      checkedList.forEach((item, i) => {
        const d = itemDigest(kind, rawList[i]);
        // a duplicated id would leave the sum counting an item the map no longer holds
        if (map.has(item.id)) throw new ConfigRejectedError('AYA_GW_CONFIG_SCHEMA', `${kind} ${item.id} appears twice`);
        map.set(item.id, { item, digest: d });
        digest.add(d);
      });
      lists[kind] = ItemList.of(map);
    }
    const state = new ConfigState(revision, digest.hash, lists, digest);
    state.assertHash(announcedHash);
    return state;
  }

  static empty(): ConfigState {
    const lists = Object.fromEntries(CONFIG_KINDS.map((k) => [k, ItemList.of([])])) as unknown as Lists;
    const digest = ConfigDigest.empty();
    return new ConfigState(0, digest.hash, lists, digest);
  }

  /** The state after `delta`, checked item by item and against the announced hash; this one is left as it was. */
  applyDelta(delta: ConfigDelta): ConfigState {
    if (delta.from !== this.revision) {
      throw new ConfigRejectedError('AYA_GW_CONFIG_DELTA', `delta from revision ${delta.from}, applied is ${this.revision}`);
    }
    const digest = this.digest.clone();
    const byKind = new Map<ConfigKind, Map<string, Entry | null>>();
    for (const change of delta.changes) {
      let changes = byKind.get(change.kind);
      if (!changes) byKind.set(change.kind, (changes = new Map()));
      // the control plane merges a delta to one change per item; if one came twice, the first one's digest is undone here
      const old = changes.has(change.id) ? changes.get(change.id) : this.lists[change.kind].get(change.id);
      if (old) digest.remove(old.digest);
      if (change.item === null) {
        changes.set(change.id, null);
        continue;
      }
      const parsed = CONFIG_ITEM_SCHEMA[change.kind].safeParse(change.item);
      if (!parsed.success || parsed.data.id !== change.id) {
        const at = parsed.success ? 'id' : parsed.error.issues[0].path.map(String).join('.');
        throw new ConfigRejectedError('AYA_GW_CONFIG_SCHEMA', `invalid ${change.kind} ${change.id} in delta at ${at}`);
      }
      const d = itemDigest(change.kind, change.item);
      changes.set(change.id, { item: parsed.data, digest: d });
      digest.add(d);
    }
    const lists: Lists = { ...this.lists };
    for (const [kind, changes] of byKind) lists[kind] = lists[kind].with(changes);
    const next = new ConfigState(delta.revision, digest.hash, lists, digest);
    next.assertHash(delta.hash);
    return next;
  }

  /** The snapshot the compiler takes: list order is first-seen order, unchanged items are the same objects. */
  get snapshot(): Snapshot {
    if (this.built) return this.built;
    const list = (kind: ConfigKind) => Array.from(this.lists[kind].values(), (e) => e.item);
    const certificates = list('certificate');
    const plugins = list('plugin');
    const consumers = list('consumer');
    const credentials = list('credential');
    // optional lists stay absent when empty, so a config without them hashes and compares as before
    this.built = {
      revision: this.revision,
      services: list('service'),
      routes: list('route'),
      upstreams: list('upstream'),
      ...(certificates.length > 0 ? { certificates } : {}),
      ...(plugins.length > 0 ? { plugins } : {}),
      ...(consumers.length > 0 ? { consumers } : {}),
      ...(credentials.length > 0 ? { credentials } : {}),
    } as Snapshot;
    return this.built;
  }

  /** The last-known-good file's text (a ConfigResponse). */
  toText(): string {
    return JSON.stringify({ revision: this.revision, hash: this.hash, snapshot: this.snapshot });
  }

  private assertHash(announced: string): void {
    if (announced === this.hash) return;
    throw new ConfigRejectedError('AYA_GW_CONFIG_HASH', `hash mismatch: announced ${announced.slice(0, 12)}, computed ${this.hash.slice(0, 12)}`);
  }
}
