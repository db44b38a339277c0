import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../../../src/core/errors.ts';
import { applyPatches, byKey, field, listPatchers, parsePatchString, registerPatcher, symbolicClass } from '../../../../src/spaces/symbolic/index.ts';

const Net = symbolicClass('test.patchers.Net', { width: field.int({ min: 1, max: 1024 }), depth: field.int({ min: 1 }) }, {
  validate: (f) => (f.width * f.depth > 4096 ? 'more than 4096 units in all' : undefined),
});

registerPatcher('test.scale', { factor: field.number({ min: 0 }), key: field.string({ default: 'width' }) }, (_value, { factor, key }) => byKey(key, (v: number) => Math.round(v * factor)), {
  doc: 'multiplies a field',
});
registerPatcher('test.set', { path: field.string(), to: field.int() }, (_value, { path, to }) => ({ [path]: to }));
registerPatcher('test.flags', { on: field.boolean(), names: field.list(field.string(), { default: [] }), mode: field.enum(['a', 'b'], { default: 'a' }) }, (_value, args) => ({ 'args': args }));
registerPatcher('test.checked', {}, () => ({ rules: [], validators: [(value) => ((value as { width: number }).width > 100 ? undefined : 'width must exceed 100')] }));

test('a patch string names a patcher and passes arguments by position or by name', () => {
  const net = new Net({ width: 64, depth: 4 });
  assert.equal(applyPatches(net, ['test.scale?2']).width, 128);
  assert.equal(applyPatches(net, ['test.scale?0.5&key=depth']).depth, 2);
  assert.equal(applyPatches(net, ['test.scale?factor=3&key=depth']).depth, 12);
  assert.equal(applyPatches(net, ['test.set?depth&7']).depth, 7);
});

test('arguments are coerced through the schema, absent ones take defaults', () => {
  assert.deepEqual(parsePatchString('test.flags?yes').args, { on: true, names: [], mode: 'a' });
  assert.deepEqual(parsePatchString('test.flags?on=0&names=x,%20y&mode=b').args, { on: false, names: ['x', 'y'], mode: 'b' });
  assert.deepEqual(parsePatchString('test.set?a%26b&-3').args, { path: 'a&b', to: -3 });
});

test('an unknown patcher or a bad argument is a clear usage error', () => {
  const fails = (text: string, message: RegExp) => assert.throws(() => parsePatchString(text), (e: unknown) => e instanceof UsageError && message.test(e.message));
  fails('test.nope?1', /unknown patcher 'test\.nope'; known: .*test\.scale/);
  fails('test.scale?two', /patch 'test\.scale\?two': argument 'factor' must be a number >= 0, got 'two'/);
  fails('test.scale?-1', /must be a number >= 0, got '-1'/);
  fails('test.scale?1&size=3', /'test\.scale' has no argument 'size'; its arguments are factor, key/);
  fails('test.scale', /'test\.scale' needs argument 'factor' \(a number >= 0\)/);
  fails('test.scale?1&w&x', /takes 2 argument\(s\), got more/);
  fails('test.scale?factor=1&width', /positional argument 'width' comes after a named one/);
  fails('test.scale?1&factor=2', /argument 'factor' is given twice/);
  fails('test.flags?maybe', /argument 'on' must be true or false, got 'maybe'/);
  fails('test.flags?1&mode=c', /argument 'mode' must be one of "a", "b", got 'c'/);
  fails('test.set?%E0%A4%A', /not valid percent-encoding/);
  fails('  ', /must be a non-empty string/);
});

test('registering a patcher checks its name, schema and function', () => {
  assert.throws(() => registerPatcher('test.scale', {}, () => []), /already registered/);
  assert.throws(() => registerPatcher('bad name', {}, () => []), /name must be letters/);
  assert.throws(() => registerPatcher('test.badargs', { a: 1 as never }, () => []), /argument 'a' must be made with field/);
  assert.ok(listPatchers().some((p) => p.name === 'test.scale' && p.description === 'multiplies a field'));
});

test('validators run once, after every patch, so a later patch may fix an earlier one', () => {
  const net = new Net({ width: 64, depth: 4 });
  const out = applyPatches(net, ['test.scale?100', 'test.scale?0.01']);
  assert.equal(out.width, 64);
  assert.throws(
    () => applyPatches(net, ['test.scale?100']),
    (e: unknown) => e instanceof UsageError && /after patching, at <root>: test\.patchers\.Net\.width must be an integer in \[1, 1024\], got 6400/.test(e.message),
  );
  assert.throws(() => applyPatches(net, ['test.scale?20&key=depth']), /test\.patchers\.Net is invalid: more than 4096 units in all/);
});

test('validators returned by patchers and given as options run on the final value', () => {
  const net = new Net({ width: 64, depth: 4 });
  assert.throws(() => applyPatches(net, ['test.checked']), /the patched value is invalid: width must exceed 100/);
  assert.equal(applyPatches(net, ['test.checked', 'test.scale?2']).width, 128);
  assert.throws(() => applyPatches(net, [], { validators: [() => 'no'] }), /the patched value is invalid: no/);
  assert.throws(() => applyPatches(net, [], { validators: [() => { throw new Error('boom'); }] }), /invalid: boom/);
});

test('rules and patch strings mix in one list, applied in order', () => {
  const net = new Net({ width: 64, depth: 4 });
  const out = applyPatches(net, [{ width: 10 }, 'test.scale?3']);
  assert.equal(out.width, 30);
});
