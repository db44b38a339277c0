import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SpaceError } from '../../../src/core/errors.ts';
import { graphSpace } from '../../../src/spaces/graph/index.ts';
import { typedSpace } from './fixtures.ts';

const space = graphSpace({ inputs: 2, ops: ['add', 'mul', 'sin', 'fma'], maxVertices: 4 });
const good = { inputs: 2, vertices: [{ op: 'mul', args: [0, 1] }, { const: 1.5 }, { op: 'add', args: [2, 3] }], outputs: [4] };

describe('graphSpace.fromJSON', () => {
  it('accepts a valid program unchanged', () => {
    assert.deepEqual(space.toJSON(space.fromJSON(good)), good);
  });

  it('resolves op aliases to canonical names', () => {
    const g = space.fromJSON({ ...good, vertices: [{ op: '*', args: [0, 1] }, { const: 1.5 }, { op: '+', args: [2, 3] }] });
    assert.deepEqual(space.toJSON(g), good);
  });

  it('prunes vertices that reach no output', () => {
    const g = space.fromJSON({ inputs: 2, vertices: [{ op: 'sin', args: [0] }, { op: 'sin', args: [1] }], outputs: [3] });
    assert.deepEqual(space.toJSON(g), { inputs: 2, vertices: [{ op: 'sin', args: [1] }], outputs: [2] });
  });

  it('rejects bad programs with a SpaceError naming the problem', () => {
    const v = (vertices: unknown[], outputs: unknown[] = [2]) => ({ inputs: 2, vertices, outputs });
    const cases: [unknown, RegExp][] = [
      [null, /must be an object/],
      [[1, 2], /must be an object/],
      [{ inputs: 2, outputs: [0] }, /"vertices" must be an array/],
      [{ ...good, version: 2 }, /unknown field 'version'/],
      [{ ...good, inputs: 1.5 }, /"inputs" must be a whole number/],
      [{ ...good, inputs: 3 }, /expected 2 inputs, got 3/],
      [v([{ op: 'exp', args: [0] }]), /vertex 2: op 'exp' is not in this op set; allowed: add, mul, sin, fma/],
      [v([{ op: 'console.log', args: [0] }]), /op 'console.log' is not in this op set/],
      [v([{ op: 'sin', args: [0, 1] }]), /vertex 2: 'sin' takes 1 argument\(s\), got 2/],
      [v([{ op: 'sin', args: [2] }]), /vertex 2: argument 0 is 2, but it must be the id of an input or an earlier vertex \(0..1\)/],
      [v([{ op: 'sin', args: [5] }]), /argument 0 is 5/],
      [v([{ op: 'sin', args: [-1] }]), /argument 0 is -1/],
      [v([{ op: 'sin', args: [0.5] }]), /argument 0 is 0.5/],
      [v([{ op: 'sin', args: ['0); process.exit(1); (0'] }]), /argument 0 is "0\); process.exit/],
      [v([{ op: 'sin', args: 0 }]), /"args" must be an array/],
      [v([{ const: 'pi' }]), /vertex 2: a constant must be a finite number, got "pi"/],
      [v([{ const: Infinity }]), /a constant must be a finite number/],
      [v([{ const: 1, op: 'sin' }]), /vertex 2 has an unknown field 'op'/],
      [v([{ fn: 'sin' }]), /vertex 2 has an unknown field 'fn'/],
      [v([{ op: 'sin', args: [0] }], []), /"outputs" must be a non-empty array/],
      [v([{ op: 'sin', args: [0] }], [3]), /output 0 is 3, but the program has ids 0..2/],
      [v([{ op: 'sin', args: [0] }], [2, 2]), /expected 1 outputs, got 2/],
      [v([{ op: 'sin', args: [0] }, { op: 'sin', args: [2] }, { op: 'sin', args: [3] }, { op: 'sin', args: [4] }, { op: 'sin', args: [5] }], [6]), /has 5 vertices, more than the space's maxVertices 4/],
    ];
    for (const [json, message] of cases) {
      assert.throws(() => space.fromJSON(json), (e: unknown) => e instanceof SpaceError && message.test(e.message), `expected ${message} for ${JSON.stringify(json)}`);
    }
  });

  it('rejects arguments and outputs of the wrong type', () => {
    const typed = typedSpace();
    const ok = { inputs: 3, vertices: [{ op: 'gt', args: [0, 1] }, { op: 'select', args: [3, 0, 1] }], outputs: [4, 2] };
    typed.fromJSON(ok);
    assert.throws(() => typed.fromJSON({ ...ok, vertices: [{ op: 'gt', args: [0, 1] }, { op: 'select', args: [0, 3, 1] }] }), /vertex 4: argument 0 of 'select' must have type 'bool', but id 0 has type 'real'/);
    assert.throws(() => typed.fromJSON({ ...ok, outputs: [4, 0] }), /output 1 must have type 'bool', but id 0 has type 'real'/);
  });

  it('rejects constants in a space without them', () => {
    const plain = graphSpace({ inputs: 1, ops: ['add'], constants: false });
    assert.throws(() => plain.fromJSON({ inputs: 1, vertices: [{ const: 2 }, { op: 'add', args: [0, 1] }], outputs: [2] }), /vertex 1 is a constant, but this space has constants turned off/);
  });

  it('makes a -0 constant 0, so JSON text round trips keep the key', () => {
    const g = space.fromJSON({ inputs: 2, vertices: [{ const: -0 }, { op: 'add', args: [0, 2] }], outputs: [3] });
    assert.ok(Object.is((g.vertices[0] as { const: number }).const, 0));
  });
});
