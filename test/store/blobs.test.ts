import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Json } from '../../src/core/types.ts';
import { BLOB_MIN_CHARS, extractBlobs, resolveBlobs } from '../../src/store/blobs.ts';

const column = (n: number, offset: number) => Array.from({ length: n }, (_, i) => i * 0.125 + offset);

describe('blobs', () => {
  it('moves each large column out of a config and leaves the small fields in place', () => {
    const config = { data: { columns: { x: column(400, 0), y: column(400, 1) }, target: 'y' }, ops: ['add', 'mul'], seed: 3 };
    const stored = new Map<string, string>();
    const kept = extractBlobs(config, (hash, text) => stored.set(hash, text)) as { data: { columns: { x: Json; y: Json }; target: string }; ops: string[]; seed: number };
    assert.equal(stored.size, 2);
    assert.deepEqual(Object.keys(kept.data.columns.x as object), ['$blob']);
    assert.deepEqual([kept.data.target, kept.ops, kept.seed], ['y', ['add', 'mul'], 3]);
    assert.ok(JSON.stringify(kept).length < 400);
    assert.deepEqual(resolveBlobs(kept, (hash) => JSON.parse(stored.get(hash)!) as Json), config);
  });

  it('gives equal content the same hash, so a store keeps it once', () => {
    const hashes: string[] = [];
    extractBlobs({ a: column(300, 0) }, (hash) => hashes.push(hash));
    extractBlobs({ b: { c: column(300, 0) } }, (hash) => hashes.push(hash));
    assert.equal(hashes.length, 2);
    assert.equal(hashes[0], hashes[1]);
  });

  it('round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.array(fc.string({ minLength: 40, maxLength: 200 }), { maxLength: 40 }), (value, filler) => {
        const config = JSON.parse(JSON.stringify({ value, filler })) as Json;
        const stored = new Map<string, string>();
        const kept = extractBlobs(config, (hash, text) => stored.set(hash, text));
        for (const text of stored.values()) assert.ok(text.length >= BLOB_MIN_CHARS);
        assert.deepEqual(resolveBlobs(kept, (hash) => JSON.parse(stored.get(hash)!) as Json), config);
      }),
    );
  });
});
