import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LruMap } from '../../src/core/lru-map.ts';

describe('LruMap', () => {
  it('evicts the least recently used entry', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    assert.equal(lru.get('a'), 1); // a is now the most recent
    lru.set('c', 3);
    assert.equal(lru.get('b'), undefined);
    assert.equal(lru.get('a'), 1);
    assert.equal(lru.get('c'), 3);
    assert.equal(lru.size, 2);
  });

  it('replaces a value without growing', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('a', 2);
    assert.equal(lru.size, 1);
    assert.equal(lru.get('a'), 2);
  });

  it('peeks without refreshing an entry, and deletes', () => {
    const lru = new LruMap<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    assert.equal(lru.peek('a'), 1); // a stays the least recent
    lru.set('c', 3);
    assert.equal(lru.peek('a'), undefined);
    assert.equal(lru.delete('b'), true);
    assert.equal(lru.delete('b'), false);
    lru.set('d', 4);
    lru.set('e', 5);
    assert.deepEqual([lru.peek('c'), lru.peek('d'), lru.peek('e'), lru.size], [undefined, 4, 5, 2]);
  });
});
