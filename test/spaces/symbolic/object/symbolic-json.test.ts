import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { UsageError } from '../../../../src/core/errors.ts';
import { Rng } from '../../../../src/core/rng.ts';
import { ClassSpace } from '../../../../src/spaces/symbolic/hyper/class-space.ts';
import { deepEqual, field, floatValue, fromSymbolicJSON, manyOf, oneOf, symbolicClass, template, toSymbolicJSON } from '../../../../src/spaces/symbolic/index.ts';
import { compile, spaceArbitrary } from '../spaces.ts';

const Adam = symbolicClass('test.json.Adam', { lr: field.number({ min: 0 }), betas: field.list(field.number(), { default: [0.9, 0.999] }) });
const Model = symbolicClass('test.json.Model', { layers: field.list(field.int({ min: 1 })), optimizer: field.instance(Adam) });

test('a symbolic value round-trips through JSON with _type tags', () => {
  const model = new Model({ layers: [64, 32], optimizer: new Adam({ lr: 0.001 }) });
  const json = toSymbolicJSON({ model, tags: ['a', null, true] });
  assert.deepEqual(json, {
    model: { _type: 'test.json.Model', layers: [64, 32], optimizer: { _type: 'test.json.Adam', lr: 0.001, betas: [0.9, 0.999] } },
    tags: ['a', null, true],
  });
  const back = fromSymbolicJSON(JSON.parse(JSON.stringify(json))) as { model: InstanceType<typeof Model> };
  assert.ok(back.model instanceof Model && back.model.optimizer instanceof Adam);
  assert.ok(deepEqual(back, { model, tags: ['a', null, true] }));
  assert.deepEqual(JSON.parse(JSON.stringify(model)), json.model, 'JSON.stringify writes the same form');
});

test('search spaces round-trip through JSON, hyper values and class spaces included', () => {
  fc.assert(
    fc.property(spaceArbitrary(), fc.integer({ min: 0, max: 100 }), (space, seed) => {
      const back = fromSymbolicJSON(JSON.parse(JSON.stringify(toSymbolicJSON(space))));
      assert.deepEqual(toSymbolicJSON(back), toSymbolicJSON(space));
      const a = compile(space);
      const b = compile(back);
      assert.deepEqual(b.spec.decisions.map((d) => d.id), a.spec.decisions.map((d) => d.id));
      const dna = a.random(new Rng(seed));
      assert.deepEqual(toSymbolicJSON(b.decode(dna)), toSymbolicJSON(a.decode(dna)));
    }),
    { numRuns: 100 },
  );
});

test('a class whose fields hold choices comes back as a class space', () => {
  const space = Adam.space({ lr: floatValue(1e-4, 1e-1, { scale: 'log' }), betas: manyOf(2, [0.9, 0.99, 0.999], { sorted: true, name: 'b' }) });
  const back = fromSymbolicJSON(toSymbolicJSON(space));
  assert.ok(back instanceof ClassSpace);
  assert.equal(template(back).spec.byId('betas[1]')!.name, 'b');
});

test('an unknown type is a clear error naming the path and the known types', () => {
  assert.throws(
    () => fromSymbolicJSON({ model: { layers: [{ _type: 'test.json.Nope', x: 1 }] } }),
    (e: unknown) => e instanceof UsageError && /^unknown symbolic type 'test\.json\.Nope' at 'model\.layers\[0\]'; known types: .*test\.json\.Adam/.test(e.message),
  );
  assert.throws(() => fromSymbolicJSON({ _type: 'hyper.twoOf' }), /unknown hyper type 'hyper\.twoOf'; known: hyper\.oneOf/);
  assert.throws(() => fromSymbolicJSON({ _type: 7 }), /_type must be a string/);
});

test('bad fields in JSON are errors naming the path', () => {
  assert.throws(() => fromSymbolicJSON({ opt: { _type: 'test.json.Adam', lr: -1 } }), /at 'opt': test\.json\.Adam\.lr must be a number >= 0, got -1$/);
  assert.throws(() => fromSymbolicJSON({ h: { _type: 'hyper.oneOf', candidates: [] } }), /at 'h': oneOf: candidates must be a non-empty array/);
});

test('values JSON cannot hold are refused with their path', () => {
  assert.throws(() => toSymbolicJSON({ a: [1, NaN] }), /at 'a\[1\]': NaN cannot be written as JSON$/);
  assert.throws(() => toSymbolicJSON({ when: new Date(0) }), /at 'when': a Date cannot be written/);
  assert.throws(() => toSymbolicJSON({ x: { _type: 'mine' } }), /'_type' is reserved/);
  assert.throws(() => toSymbolicJSON({ u: undefined }), /an? undefined cannot be written/);
  assert.deepEqual(toSymbolicJSON(oneOf([1, 'a'], { name: 'n' })), { _type: 'hyper.oneOf', candidates: [1, 'a'], name: 'n' });
});
