import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../../src/core/errors.ts';
import { byKey, byPath, byType, byValue, field, patch, symbolicClass } from '../../../../src/spaces/symbolic/index.ts';

const Dense = symbolicClass('test.rules.Dense', { units: field.int({ min: 1 }), activation: field.string({ default: 'relu' }) });
const config = {
  model: { layers: [new Dense({ units: 64 }), new Dense({ units: 32, activation: 'gelu' })], dropout: 0.1 },
  optimizer: { name: 'adam', lr: 0.001 },
  tags: ['a', 'b'],
};

test('a path rule sets values through objects, arrays and symbolic instances', () => {
  const out = patch(config, { 'model.layers[1].units': 128, 'optimizer.lr': 0.01, 'tags[0]': 'z', 'optimizer.warmup': 100 });
  assert.equal(out.model.layers[1]!.units, 128);
  assert.ok(out.model.layers[1] instanceof Dense);
  assert.deepEqual(out.optimizer, { name: 'adam', lr: 0.01, warmup: 100 });
  assert.deepEqual(out.tags, ['z', 'b']);
});

test('patching never changes its input and shares what it does not touch', () => {
  const before = JSON.stringify(config);
  const out = patch(config, { 'optimizer.lr': 0.5 });
  assert.equal(JSON.stringify(config), before);
  assert.equal(out.model, config.model);
  assert.notEqual(out.optimizer, config.optimizer);
});

test('a path rule value may be a function of the old value', () => {
  const out = patch(config, { 'model.dropout': (p: number) => p * 2 });
  assert.equal(out.model.dropout, 0.2);
});

test('a path rule naming something that is not there is a usage error', () => {
  assert.throws(() => patch(config, { 'model.head.units': 3 }), (e: unknown) => e instanceof UsageError && /patch path 'model\.head\.units': 'model' has no key "head"/.test(e.message));
  assert.throws(() => patch(config, { 'tags[5]': 'x' }), /'tags' has no index 5/);
  assert.throws(() => patch(config, { 'model.layers[0].width': 3 }), /'model\.layers\[0\]' has no key "width"/);
  assert.throws(() => patch(config, { 'model..x': 1 }), /bad key path/);
});

test('a function rule sees key path, value and parent, and replaces what it returns', () => {
  const visited: string[] = [];
  const out = patch(config, (keyPath, value, parent) => {
    visited.push(keyPath);
    if (keyPath === 'optimizer.name') {
      assert.equal(parent, config.optimizer);
      return 'lion';
    }
    return value;
  });
  assert.equal(out.optimizer.name, 'lion');
  assert.ok(visited.includes('') && visited.includes('model.layers[1].activation') && visited.includes('tags[1]'));
});

test('a replaced node is not looked into', () => {
  const visited: string[] = [];
  patch(config, (keyPath, value) => {
    visited.push(keyPath);
    return keyPath === 'model' ? { replaced: true } : value;
  });
  assert.ok(!visited.some((p) => p.startsWith('model.')));
});

test('byKey and byPath match keys and key paths by pattern', () => {
  const wider = patch(config, byKey('units', (u: number) => u * 2));
  assert.deepEqual(wider.model.layers.map((l) => l.units), [128, 64]);
  const firstOnly = patch(config, byPath(/^model\.layers\[0\]\.units$/, 1));
  assert.deepEqual(firstOnly.model.layers.map((l) => l.units), [1, 32]);
  const byIndex = patch(config, byKey(/^1$/, 'second'));
  assert.equal(byIndex.tags[1], 'second');
});

test('byType matches symbolic classes and primitive kinds', () => {
  const gelu = patch(config, byType(Dense, (d: InstanceType<typeof Dense>) => d.with({ activation: 'gelu' })));
  assert.deepEqual(gelu.model.layers.map((l) => l.activation), ['gelu', 'gelu']);
  const rounded = patch(config, byType('number', (n: number) => Math.round(n)));
  assert.deepEqual([rounded.model.dropout, rounded.optimizer.lr, rounded.model.layers[0]!.units], [0, 0, 64]);
  assert.throws(() => byType('date' as never, 1), /byType: type must be a symbolic class or one of/);
});

test('byValue matches equal values or a predicate', () => {
  const out = patch(config, byValue('adam', 'lion'), byValue((v: unknown) => v === 'b', 'c'));
  assert.equal(out.optimizer.name, 'lion');
  assert.deepEqual(out.tags, ['a', 'c']);
  const deep = patch(config, byValue({ name: 'adam', lr: 0.001 }, { name: 'sgd', lr: 0.1 }));
  assert.deepEqual(deep.optimizer, { name: 'sgd', lr: 0.1 });
});
