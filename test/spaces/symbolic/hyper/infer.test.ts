/**
 * Type-level tests: `npx tsc --noEmit` fails if a decoded type is not exactly the one
 * expected (each `Expect<Equal<...>>` line) or if a `@ts-expect-error` line compiles. The
 * runtime test only checks that the values decode as the types say.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Rng } from '../../../../src/core/rng.ts';
import { field, floatValue, intValue, manyOf, oneOf, permutate, symbolicClass, template } from '../../../../src/spaces/symbolic/index.ts';
import type { Infer } from '../../../../src/spaces/symbolic/index.ts';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(_proof?: T): void {}

const Dense = symbolicClass('test.infer.Dense', {
  units: field.int({ min: 1 }),
  activation: field.enum(['relu', 'gelu'], { default: 'relu' }),
});
type Dense = InstanceType<typeof Dense>;

const _mixed = template(oneOf([1, 'a']));
expectType<Equal<ReturnType<typeof _mixed.decode>, number | string>>();

const space = {
  optimizer: oneOf([
    { name: 'sgd', momentum: floatValue(0, 1) },
    { name: 'adam', beta: oneOf([0.9, 0.99]) },
  ]),
  layers: manyOf(2, [Dense.space({ units: intValue(8, 64) }), 'pool']),
  order: permutate(['a', 'b', 'c'] as const),
  act: oneOf(['relu', 'gelu'] as const),
  flags: [oneOf([true, false]), 3] as const,
  fixed: new Dense({ units: 4 }),
};
type Decoded = ReturnType<Template['decode']>;
type Template = ReturnType<typeof template<typeof space>>;

expectType<Equal<Decoded, Infer<typeof space>>>();
// TypeScript normalises a union of object literals by marking each one's missing keys `?: never`.
expectType<Equal<Decoded['optimizer'], { name: string; momentum: number; beta?: never } | { name: string; beta: number; momentum?: never }>>();
expectType<Equal<Decoded['layers'], (Dense | string)[]>>();
expectType<Equal<Decoded['order'], ('a' | 'b' | 'c')[]>>();
expectType<Equal<Decoded['act'], 'relu' | 'gelu'>>();
expectType<Equal<Decoded['flags'], readonly [boolean, 3]>>();
expectType<Equal<Decoded['fixed'], Dense>>();
expectType<Equal<Dense['activation'], 'relu' | 'gelu'>>();

/** Never called: each line is checked by the compiler only. */
export function compileTimeChecks(): unknown[] {
  return [
    // A field's literal type reaches the hyper values inside a class space.
    Dense.space({ units: 3, activation: oneOf(['relu', 'gelu']) }),
    // @ts-expect-error 'tanh' is not an activation
    Dense.space({ units: 3, activation: oneOf(['relu', 'tanh'] as const) }),
    // @ts-expect-error units must decode to a number
    Dense.space({ units: oneOf(['8']) }),
    // @ts-expect-error units is required
    new Dense({}),
    // @ts-expect-error encode takes a value of the space's type
    template(space).encode({ optimizer: 1 }),
  ];
}

test('values decode to the types inferred from the space', () => {
  const t = template(space);
  const value = t.decode(t.random(new Rng(4)));
  const optimizer: { name: string } = value.optimizer;
  const order: string[] = value.order;
  const first: Dense | string = value.layers[0]!;
  assert.ok(['sgd', 'adam'].includes(optimizer.name));
  assert.deepEqual([...order].sort(), ['a', 'b', 'c']);
  assert.ok(first === 'pool' || first instanceof Dense);
  assert.ok(value.fixed instanceof Dense);
});
