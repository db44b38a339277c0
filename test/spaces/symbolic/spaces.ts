import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { floatValue, intValue, manyOf, oneOf, permutate, symbolicClass, field, template } from '../../../src/spaces/symbolic/index.ts';
import type { Template } from '../../../src/spaces/symbolic/index.ts';

/** A symbolic class for generated spaces. */
export const Cell = symbolicClass('test.Cell', { op: field.any(), width: field.int({ min: 0, default: 1 }) });

/**
 * Random nested conditional spaces. Each candidate is wrapped in an object with its own key
 * (`{ c0: ... }`), so no two candidates decode to the same value and encoding is unambiguous.
 */
export function spaceArbitrary(options: { finite?: boolean; maxDepth?: number } = {}): fc.Arbitrary<unknown> {
  const finite = options.finite ?? false;
  const tag = (items: unknown[]) => items.map((item, i) => ({ [`c${i}`]: item }));
  const { node } = fc.letrec<{ node: unknown; candidates: unknown[] }>((tie) => ({
    candidates: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map(tag),
    node: fc.oneof(
      { depthSize: 'medium', maxDepth: options.maxDepth ?? 4 },
      fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom('a', 'b', null, true)),
      fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 3 })).map(([min, span]) => intValue(min, min + span)),
      finite ? fc.constant(intValue(0, 1)) : fc.constantFrom(floatValue(0, 1), floatValue(1e-4, 10, { scale: 'log' })),
      tie('candidates').map((c) => oneOf(c)),
      fc
        .tuple(tie('candidates'), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 3 }))
        .map(([c, distinct, sorted, k]) => manyOf(distinct ? Math.min(k, c.length) : k, c, { distinct, sorted })),
      tie('candidates').map((c) => permutate(c)),
      fc.dictionary(fc.constantFrom('x', 'y', 'z'), tie('node'), { maxKeys: 3 }),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.tuple(tie('node'), fc.integer({ min: 0, max: 4 })).map(([op, width]) => Cell.space({ op, width: oneOf([width, width + 1]) })),
    ),
  }));
  return fc.dictionary(fc.constantFrom('p', 'q', 'r', 's'), node, { minKeys: 1, maxKeys: 4 });
}

/** Asserts the DNA contracts every template must keep, for DNAs drawn from `seed`. */
export function assertDnaContracts(t: Template<unknown>, seed: number, draws = 5): void {
  const rng = new Rng(seed);
  for (let i = 0; i < draws; i++) {
    const dna = t.random(rng);
    assert.equal(t.spec.problem(dna.values), undefined, 'random gives a valid DNA');
    assert.ok(t.encode(t.decode(dna)).equals(dna), `encode(decode(dna)) equals ${dna}`);
    assert.ok(t.fromJSON(JSON.parse(JSON.stringify(t.toJSON(dna)))).equals(dna), 'DNA JSON round trip');
    const child = t.mutate(dna, rng);
    assert.equal(t.spec.problem(child.values), undefined, 'mutate gives a valid DNA');
    assert.equal(t.spec.problem(dna.values), undefined, 'mutate leaves its input alone');
    const other = t.random(rng);
    const crossed = t.crossover(dna, other, rng);
    assert.equal(t.spec.problem(crossed.values), undefined, 'crossover gives a valid DNA');
  }
}

/** Compiles a space (a shorthand for tests). */
export function compile(space: unknown): Template<unknown> {
  return template(space);
}
