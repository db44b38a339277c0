import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { dominates } from '../../../../src/core/pareto.ts';
import { Rng } from '../../../../src/core/rng.ts';
import { intValue, selectBottom, selectFirst, selectLast, selectPareto, selectRandom, selectTop, selectTournament, template } from '../../../../src/spaces/symbolic/index.ts';
import type { Individual, Operator } from '../../../../src/spaces/symbolic/index.ts';

const t = template({ x: intValue(0, 9) });
const ctx = (seed = 1) => ({ spec: t.spec, rng: new Rng(seed) });

function population(losses: readonly (readonly number[] | undefined)[]): Individual[] {
  return losses.map((loss, i) => ({ dna: t.fromJSON([i % 10]), loss }));
}

const lossesArb = fc.array(fc.option(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 2 }), { nil: undefined, freq: 8 }), { maxLength: 12 });

function assertSubset(out: readonly Individual[], input: readonly Individual[]): void {
  for (const ind of out) assert.ok(input.includes(ind), 'a selector returns members of its input');
}

test('every selector returns members of its input and leaves the input alone', () => {
  const selectors: Operator[] = [selectRandom(3), selectRandom(3, { replacement: true }), selectTop(3), selectBottom(2), selectFirst(2), selectLast(2), selectTournament(3), selectPareto(3)];
  fc.assert(
    fc.property(lossesArb, fc.nat(100), (losses, seed) => {
      const input = population(losses);
      const before = input.slice();
      for (const select of selectors) assertSubset(select(input, ctx(seed)), input);
      assert.deepEqual(input, before);
    }),
  );
});

test('selectRandom picks min(n, size) distinct members, or n with replacement', () => {
  fc.assert(
    fc.property(lossesArb, fc.integer({ min: 1, max: 15 }), fc.nat(100), (losses, n, seed) => {
      const input = population(losses);
      const out = selectRandom(n)(input, ctx(seed));
      assert.equal(out.length, Math.min(n, input.length));
      assert.equal(new Set(out).size, out.length);
      assert.equal(selectRandom(n, { replacement: true })(input, ctx(seed)).length, input.length === 0 ? 0 : n);
    }),
  );
});

test('selectRandom is uniform', () => {
  const input = population([[0], [1], [2], [3]]);
  const counts = [0, 0, 0, 0];
  const rng = new Rng(3);
  for (let i = 0; i < 4000; i++) counts[input.indexOf(selectRandom(1)(input, { spec: t.spec, rng })[0]!)]!++;
  assert.ok(counts.every((c) => c > 850 && c < 1150), `each of 4 members about 1000 times, got ${counts}`);
});

test('selectRandom draws every order of a pair equally often', () => {
  const input = population([[0], [1]]);
  const rng = new Rng(4);
  let firstIsZero = 0;
  for (let i = 0; i < 2000; i++) if (selectRandom(2)(input, { spec: t.spec, rng })[0] === input[0]) firstIsZero++;
  assert.ok(firstIsZero > 900 && firstIsZero < 1100, `got ${firstIsZero} of 2000`);
});

test('selectTop gives the n smallest losses best first, unmeasured last, ties to the older unless told', () => {
  const input = population([[3], [1], undefined, [1], [0], [NaN]]);
  assert.deepEqual(selectTop(3)(input, ctx()), [input[4], input[1], input[3]]);
  assert.deepEqual(selectTop(2, { ties: 'newer' })(input, ctx()).map((i) => input.indexOf(i)), [4, 3]);
  assert.deepEqual(selectTop(1, { ties: 'newer' })(population([[1], [1]]), ctx()).map((i) => i.loss), [[1]]);
  assert.deepEqual(selectBottom(2)(input, ctx()).map((i) => input.indexOf(i)), [2, 5]);
  assert.deepEqual(selectTop(1, { objective: 1 })(population([[0, 5], [9, 2]]), ctx()).map((i) => i.loss), [[9, 2]]);
});

test('selectFirst and selectLast keep the oldest and the youngest', () => {
  const input = population([[0], [1], [2], [3]]);
  assert.deepEqual(selectFirst(2)(input, ctx()), input.slice(0, 2));
  assert.deepEqual(selectLast(3)(input, ctx()), input.slice(1));
  assert.equal(selectLast(9)(input, ctx()), input);
});

test('a tournament as large as the population returns its best', () => {
  fc.assert(
    fc.property(lossesArb.filter((l) => l.length > 0), fc.nat(100), (losses, seed) => {
      const input = population(losses);
      const score = (ind: Individual | undefined) => ind?.loss?.[0] ?? Infinity;
      assert.equal(score(selectTournament(input.length)(input, ctx(seed))[0]), score(selectTop(1)(input, ctx(seed))[0]));
    }),
  );
});

test('selectPareto never leaves out a member that dominates one it keeps', () => {
  fc.assert(
    fc.property(lossesArb, fc.integer({ min: 1, max: 12 }), (losses, n) => {
      const input = population(losses.map((l) => l ?? [9, 9]));
      const out = selectPareto(n)(input, ctx());
      assert.equal(out.length, Math.min(n, input.length));
      for (const left of input.filter((i) => !out.includes(i))) {
        for (const kept of out) assert.ok(!dominates(left.loss!, kept.loss!), `${left.loss} dominates kept ${kept.loss}`);
      }
    }),
  );
});

test('selectPareto breaks a front by crowding, keeping its extremes', () => {
  const input = population([[0, 4], [1, 3], [2, 2], [3, 1], [4, 0], [5, 5]]);
  const kept = selectPareto(2)(input, ctx()).map((i) => i.loss);
  assert.deepEqual(kept, [[0, 4], [4, 0]]);
});

test('bad counts are usage errors naming the selector', () => {
  assert.throws(() => selectTop(0), /selectTop: n must be a whole number >= 1, got 0/);
  assert.throws(() => selectTournament(1.5), /selectTournament: size must be a whole number >= 1/);
  assert.throws(() => selectTop(1, { objective: -1 }), /objective must be a whole number >= 0/);
});
