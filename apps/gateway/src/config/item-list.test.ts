import { describe, expect, it } from 'vitest';
import { rng } from '../testing/measure';
import { ItemList } from './item-list';

describe('ItemList', () => {
  it('behaves like a Map in first-insertion order over long random histories, and never changes an old version', () => {
    const random = rng(11);
    let list = ItemList.of<number>([]);
    const model = new Map<string, number>();
    const snapshots: Array<[ItemList<number>, Array<[string, number]>]> = [];
    for (let step = 0; step < 3000; step++) {
      const changes = new Map<string, number | null>();
      for (let k = 0; k < 1 + Math.floor(random() * 3); k++) {
        const id = `i${Math.floor(random() * 200)}`;
        changes.set(id, random() < 0.3 ? null : step * 10 + k);
      }
      // as a Map: a put of a present id replaces in place, of an absent one appends; one change per id (merged deltas)
      for (const [id, v] of changes) {
        if (v === null) model.delete(id);
        else model.set(id, v);
      }
      list = list.with(changes);
      if (step % 97 === 0) snapshots.push([list, [...model.entries()]]);
      expect([...list.values()]).toEqual([...model.values()]);
    }
    for (const [old, entries] of snapshots) {
      expect([...old.values()]).toEqual(entries.map(([, v]) => v));
      for (const [id, v] of entries) expect(old.get(id)).toBe(v);
    }
    expect(list.get('nope')).toBeUndefined();
  });
});
