import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evenSample, mergeSamples } from '../../src/report/downsample.ts';

describe('evenSample', () => {
  it('keeps a stream no longer than its capacity whole', () => {
    const sample = evenSample<number>(10);
    for (let i = 0; i < 10; i++) sample.add(i);
    assert.deepEqual(sample.items(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('holds at most its capacity plus the last item, evenly spaced, however long the stream', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 5000 }), (capacity, length) => {
        const sample = evenSample<number>(capacity);
        for (let i = 0; i < length; i++) sample.add(i);
        const items = sample.items();
        assert.ok(items.length <= capacity + 1);
        assert.equal(sample.seen, length);
        if (length === 0) return assert.deepEqual(items, []);
        assert.equal(items[0], 0);
        assert.equal(items[items.length - 1], length - 1);
        // Every gap is the stride, but the one before the last item, which may be shorter.
        const gaps = items.slice(1).map((v, i) => v - items[i]!);
        const stride = gaps[0] ?? 1;
        assert.ok(gaps.slice(0, -1).every((g) => g === stride) && (gaps.at(-1) ?? 0) <= stride, `gaps ${gaps}`);
        if (length > capacity) assert.ok(items.length >= capacity / 2);
      }),
    );
  });
});

describe('mergeSamples', () => {
  it('gives each item once, in stream order', () => {
    assert.deepEqual(mergeSamples((n: number) => n, [0, 4, 8], [3, 4, 9], [9]), [0, 3, 4, 8, 9]);
  });
});
