import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../../src/core/errors.ts';
import { Rng } from '../../../../src/core/rng.ts';
import { Symbolic } from '../../../../src/spaces/symbolic/object/symbolic.ts';
import { field, lookupType, oneOf, registerType, symbolicClass, template } from '../../../../src/spaces/symbolic/index.ts';
import type { SymbolicCtor } from '../../../../src/spaces/symbolic/index.ts';

const Dense = symbolicClass(
  'test.class.Dense',
  {
    units: field.int({ min: 1, doc: 'output width' }),
    activation: field.enum(['relu', 'gelu'], { default: 'relu' }),
    dropout: field.number({ min: 0, max: 1, default: 0 }),
  },
  { validate: (f) => (f.units > 1024 && f.dropout === 0 ? 'wide layers need dropout' : undefined) },
);

test('a symbolic instance holds its fields, with defaults filled in, and cannot change', () => {
  const d = new Dense({ units: 64 });
  assert.deepEqual([d.units, d.activation, d.dropout], [64, 'relu', 0]);
  assert.deepEqual(d.fields(), { units: 64, activation: 'relu', dropout: 0 });
  assert.equal(d.typeName, 'test.class.Dense');
  assert.ok(d instanceof Symbolic && Object.isFrozen(d));
  assert.throws(() => {
    (d as { units: number }).units = 3;
  }, TypeError);
});

test('construction checks every field against the schema and the class validator', () => {
  const bad = (fields: Record<string, unknown>, message: RegExp) =>
    assert.throws(() => new Dense(fields as never), (e: unknown) => e instanceof UsageError && message.test(e.message));
  bad({ units: 0 }, /^test\.class\.Dense\.units must be an integer >= 1, got 0$/);
  bad({}, /^test\.class\.Dense\.units is required: an integer >= 1$/);
  bad({ units: 4, activation: 'tanh' }, /activation must be one of "relu", "gelu", got "tanh"/);
  bad({ units: 4, width: 3 }, /has no field 'width'; its fields are units, activation, dropout/);
  bad({ units: 2048 }, /^test\.class\.Dense is invalid: wide layers need dropout$/);
  bad({ units: oneOf([1, 2]) }, /holds a hyper value; use test\.class\.Dense\.space/);
});

test('with() returns a checked copy and leaves the original alone', () => {
  const d = new Dense({ units: 64 });
  const e = d.with({ units: 128 });
  assert.deepEqual([d.units, e.units, e.activation], [64, 128, 'relu']);
  assert.throws(() => d.with({ units: -1 }), UsageError);
});

test('a class space decodes to instances of the class, defaults filled in', () => {
  const t = template(Dense.space({ units: oneOf([32, 64]), dropout: oneOf([0, 0.5]) }));
  const value = t.decode(t.random(new Rng(1)));
  assert.ok(value instanceof Dense);
  assert.ok([32, 64].includes(value.units));
  assert.equal(value.activation, 'relu');
  assert.equal(t.cardinality, 4);
});

test('a class space checks fixed fields at once and refuses unknown or missing ones', () => {
  assert.throws(() => Dense.space({ units: 0 }), /units must be an integer >= 1, got 0/);
  assert.throws(() => Dense.space({ units: 3, depth: 2 } as never), /has no field 'depth'/);
  assert.throws(() => Dense.space({} as never), /units is required/);
});

test('a subclass adds methods, and once registered its space decodes to the subclass', () => {
  const Base = symbolicClass('test.class.Sub', { width: field.int({ min: 1 }) });
  class Wide extends Base {
    doubled(): number {
      return this.width * 2;
    }
  }
  registerType(Wide as unknown as SymbolicCtor);
  assert.equal(lookupType('test.class.Sub', 'here'), Wide);
  const t = template(Wide.space({ width: oneOf([3]) }));
  const value = t.decode(t.random(new Rng(0)));
  assert.ok(value instanceof Wide);
  assert.equal(value.doubled(), 6);
});

test('a type name can belong to one class only, and reserved names cannot be fields', () => {
  assert.throws(() => symbolicClass('test.class.Dense', { a: field.int() }), /already registered to another class/);
  assert.throws(() => symbolicClass('hyper.x', {}), /typeName must be an identifier/);
  assert.throws(() => symbolicClass('test.class.Bad', { fields: field.int() }), /'fields' is reserved/);
  assert.throws(() => symbolicClass('test.class.Bad2', { a: 3 as never }), /field 'a' must be made with field/);
});

test('fields describe themselves and check their default', () => {
  assert.equal(field.number({ min: 0, max: 1 }).description, 'a number in [0, 1]');
  assert.equal(field.list(field.int({ min: 0 }), { maxLength: 3 }).description, 'a list of an integer >= 0 with length <= 3');
  assert.equal(field.int({ doc: 'how many' }).doc, 'how many');
  assert.throws(() => field.int({ min: 1, default: 0 }), /field\.int: default must be an integer >= 1, got 0$/);
  assert.throws(() => field.enum([]), /values must be a non-empty array/);
});
