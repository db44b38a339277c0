import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SpaceError, UsageError } from '../../../src/core/errors.ts';
import { Rng } from '../../../src/core/rng.ts';
import type { MutationName, RegisterProgram, RegisterSpaceOptions } from '../../../src/spaces/register/index.ts';
import { DEMO_OPS, MUTATION_NAMES, OP_NAMES, mutateProgram, programFromJSON, registerSpace } from '../../../src/spaces/register/index.ts';
import { assertJsonRoundTrip, assertMutationStaysValid, assertSameSeedSameGenotypes } from '../../helpers/space-contracts.ts';

const MEMORY = { scalars: 4, vectors: 3, matrices: 1, features: 4 };
const ALL_OPS = OP_NAMES.filter((name) => name !== 'NO_OP');

function space(overrides: Partial<RegisterSpaceOptions> = {}) {
  return registerSpace({
    memory: MEMORY,
    components: {
      setup: { ops: DEMO_OPS, initialSize: 10, minSize: 2, maxSize: 12 },
      predict: { ops: DEMO_OPS, initialSize: 2, minSize: 1, maxSize: 4 },
      learn: { ops: DEMO_OPS, initialSize: 8, minSize: 3, maxSize: 9 },
    },
    mutations: [...MUTATION_NAMES],
    ...overrides,
  });
}

describe('registerSpace', () => {
  it('keeps every mutated program within its size bounds, ops and addresses', () => {
    fc.assert(
      fc.property(fc.subarray([...MUTATION_NAMES], { minLength: 1 }), fc.integer(), (mutations, seed) => {
        const s = space({ mutations: mutations as MutationName[], mutateProbability: 1 });
        const validate = (p: RegisterProgram) => programFromJSON(s.toJSON(p), s.schema);
        assertMutationStaysValid(s, validate, { steps: 150, seed });
      }),
      { numRuns: 25 },
    );
  });

  it('keeps programs valid over every op, with random and no-op starts', () => {
    for (const initial of ['random', 'no-op'] as const) {
      const s = registerSpace({
        memory: { scalars: 5, vectors: 4, matrices: 2, features: 3 },
        components: { setup: { ops: ALL_OPS, initialSize: 5, minSize: 0, maxSize: 9 }, predict: { ops: ALL_OPS, initialSize: 5, minSize: 0, maxSize: 9 } },
        mutations: [...MUTATION_NAMES],
        initial,
      });
      const report = assertMutationStaysValid(s, (p) => s.fromJSON(s.toJSON(p)), { steps: 2000, seed: 7 });
      assert.ok(report.distinctKeys > 1000, `explored only ${report.distinctKeys} programs`);
    }
  });

  it('round-trips programs through JSON with the same key', () => {
    assertJsonRoundTrip(space());
  });

  it('replays the same programs and mutations from the same seed', () => {
    assertSameSeedSameGenotypes(space());
  });

  it('starts programs at their initial sizes with random instructions from the allowed ops', () => {
    const program = space().random(new Rng(1));
    assert.deepEqual(
      Object.entries(program).map(([name, list]) => [name, list.length]),
      [
        ['setup', 10],
        ['predict', 2],
        ['learn', 8],
      ],
    );
    for (const list of Object.values(program)) for (const ins of list) assert.ok(DEMO_OPS.includes(ins.op));
  });

  it('returns an unchanged copy when the mutate probability is 0', () => {
    const s = space({ mutateProbability: 0 });
    const parent = s.random(new Rng(2));
    const child = s.mutate(parent, new Rng(3));
    assert.notEqual(child, parent);
    assert.equal(s.key(child), s.key(parent));
  });

  it('changes exactly one instruction by one parameter with alter-param', () => {
    const s = space({ mutations: ['alter-param'], mutateProbability: 1 });
    const rng = new Rng(4);
    for (let trial = 0; trial < 200; trial++) {
      const parent = s.random(rng);
      const child = s.mutate(parent, rng);
      let changed = 0;
      for (const name of Object.keys(parent)) {
        parent[name]!.forEach((ins, k) => {
          const other = child[name]![k]!;
          if (JSON.stringify(ins) !== JSON.stringify(other)) {
            changed++;
            assert.equal(other.op, ins.op);
          }
        });
      }
      assert.ok(changed <= 1, `alter-param changed ${changed} instructions`);
    }
  });

  it('grows by one with insert until the maximum size, and shrinks by one with remove until the minimum', () => {
    const rules = space().rules;
    const rng = new Rng(5);
    let program = space().random(rng);
    for (let i = 0; i < 40; i++) program = mutateProgram(program, { ...rules, mutations: ['insert'], mutateProbability: 1 }, rng);
    assert.deepEqual([program['setup']!.length, program['predict']!.length, program['learn']!.length], [12, 4, 9]);
    for (let i = 0; i < 60; i++) program = mutateProgram(program, { ...rules, mutations: ['remove'], mutateProbability: 1 }, rng);
    assert.deepEqual([program['setup']!.length, program['predict']!.length, program['learn']!.length], [2, 1, 3]);
  });

  it('gives equal keys to equal programs and different keys when one constant changes', () => {
    const s = space();
    const program = s.random(new Rng(6));
    const again = s.fromJSON(JSON.parse(JSON.stringify(s.toJSON(program))));
    assert.equal(s.key(again), s.key(program));
    const setup = program['setup']!.map((ins) => (ins.op === 'SCALAR_CONST_SET_OP' ? { ...ins, data: [ins.data[0]! * 1.000001] } : ins));
    const changed = { ...program, setup };
    assert.equal(setup.some((ins, k) => ins !== program['setup']![k]), true);
    assert.notEqual(s.key(changed), s.key(program));
  });

  it('rejects bad options with a message naming the problem', () => {
    assert.throws(() => space({ mutateProbability: 2 }), (e: Error) => e instanceof UsageError && /mutateProbability must be in \[0, 1\], got 2/.test(e.message));
    assert.throws(() => space({ mutations: ['swap' as MutationName] }), /unknown mutation 'swap'/);
    assert.throws(() => registerSpace({ memory: MEMORY, components: { setup: { ops: ['SCALAR_SUM'], initialSize: 1 } } }), /unknown op 'SCALAR_SUM'; did you mean SCALAR_SUM_OP/);
    assert.throws(() => registerSpace({ memory: { ...MEMORY, matrices: 0 }, components: { setup: { ops: ['MATRIX_SUM_OP'], initialSize: 1 } } }), /reads a matrix register but the memory has none/);
    assert.throws(() => registerSpace({ memory: MEMORY, components: { setup: { ops: DEMO_OPS, initialSize: 5, maxSize: 3 } } }), /0 <= minSize <= initialSize <= maxSize, got 5 <= 5 <= 3/);
    assert.throws(() => registerSpace({ memory: { ...MEMORY, features: 0 }, components: {} }), /features must be a whole number in \[1, 1024\], got 0/);
  });

  it('rejects bad program JSON with a SpaceError naming the place', () => {
    const s = space();
    const good = s.toJSON(s.random(new Rng(8))) as { [k: string]: { [f: string]: unknown }[] };
    const broken = (edit: (j: typeof good) => void): unknown => {
      const j = JSON.parse(JSON.stringify(good)) as typeof good;
      edit(j);
      return j;
    };
    const rejects = (json: unknown, pattern: RegExp) => assert.throws(() => s.fromJSON(json), (e: Error) => e instanceof SpaceError && pattern.test(e.message));
    rejects(broken((j) => (j['predict']![0]!['op'] = 'MATRIX_SUM_OP')), /predict\[0\]: op MATRIX_SUM_OP is not allowed in this component/);
    rejects(broken((j) => (j['learn']![1] = { op: 'SCALAR_DIFF_OP', in1: 0, in2: 7, out: 2 })), /learn\[1\] \(SCALAR_DIFF_OP\): in2 must be a scalar register in s0\.\.s3, got 7/);
    rejects(broken((j) => (j['learn']![1] = { op: 'SCALAR_DIFF_OP', in1: 0, in2: 1, out: 0 })), /out must be a scalar register in s1\.\.s3, got 0/);
    rejects(broken((j) => (j['learn']![1] = { op: 'SCALAR_CONST_SET_OP', out: 2, data: ['x'] })), /data\[0\] must be a finite number, got "x"/);
    rejects(broken((j) => delete j['learn']), /component function 'learn' must be an array of instructions, got nothing/);
    rejects(broken((j) => (j['extra'] = [])), /unknown component function 'extra'/);
    rejects(broken((j) => j['predict']!.splice(0)), /'predict' has 0 instructions; this space allows 1\.\.4/);
    rejects('nope', /must be an object of component functions/);
  });
});
