import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { mlp } from '../../../src/learn/modules/index.ts';
import { optimizer, type UpdateRule } from '../../../src/learn/optim/index.ts';
import { mean, square, sub, tensor } from '../../../src/learn/tensor/index.ts';
import type { Graph } from '../../../src/spaces/graph/graph.ts';
import { exportUpdateRule } from '../../../src/tasks/optimizers/export-program.ts';
import { printProgram } from '../../../src/tasks/optimizers/print-program.ts';
import { programUpdateRule } from '../../../src/tasks/optimizers/program-rule.ts';
import { programFromStatements, type Statement } from '../../../src/tasks/optimizers/program.ts';
import { adamwProgram, lionProgram, sgdMomentumProgram } from '../../../src/tasks/optimizers/reference-programs.ts';
import { simplifyProgram } from '../../../src/tasks/optimizers/simplify-program.ts';
import { deadStatementCount, optimizerSpace, statementCount } from '../../../src/tasks/optimizers/space.ts';

/** w and the slots after `steps` updates of `rule` on a seeded stream of gradients (float64). */
function run(rule: UpdateRule, seed: number, steps = 8, lr = 1e-2): number[] {
  const rng = new Rng(seed);
  const n = 6;
  const w = Float64Array.from({ length: n }, () => rng.normal());
  const slots = rule.slots.map(() => new Float64Array(n));
  for (let step = 1; step <= steps; step++) {
    const g = Float64Array.from(w, (x) => 0.3 * x + rng.normal());
    rule.update(w, g, slots, step, lr);
  }
  return [...w];
}

/** A program of the space: AdamW or Lion after `mutations` seeded mutations (dead statements and all). */
function mutated(seed: number, mutations: number): Graph {
  const space = optimizerSpace({ maxStatements: 30 });
  const rng = new Rng(seed);
  let g = seed % 2 === 0 ? adamwProgram() : lionProgram();
  for (let i = 0; i < mutations; i++) g = space.mutate(g, rng);
  return g;
}

// A program with a reduction (scratch buffers), foldable constants, an identity and dead statements.
const NORMED = programFromStatements([
  ['c', 'interpolate', 'g', 'm', 0.9],
  ['k', 'sub_ss', 2, 1],
  ['c', 'mul_st', 'k', 'c'],
  ['dead', 'exp', 'w'],
  ['d', 'norm', 'c'],
  ['update', 'sign', 'c'],
  ['update', 'mul_st', 'd', 'update'],
  ['update', 'mul_st', 'lr', 'update'],
  ['m', 'interpolate', 'g', 'm', 0.99],
  ['v', 'add', 'v', 'g'],
]);

const directory = mkdtempSync(join(tmpdir(), 'amoeba-export-'));
after(() => rmSync(directory, { recursive: true, force: true }));
let modules = 0;

/** Writes the exported module to a file and imports it, as a user would. */
async function importExported(program: Graph): Promise<UpdateRule> {
  const file = join(directory, `rule${modules++}.ts`);
  writeFileSync(file, exportUpdateRule(program, { name: 'rule', importFrom: pathToFileURL(resolve('src/learn/optim/index.ts')).href }));
  return ((await import(pathToFileURL(file).href)) as { rule: UpdateRule }).rule;
}

describe('simplifyProgram', () => {
  it('updates exactly as the original for programs of the space', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 12 }), (seed, mutations) => {
        const program = mutated(seed, mutations);
        const expected = run(programUpdateRule(program), seed);
        fc.pre(expected.every(Number.isFinite));
        const simplified = simplifyProgram(program);
        assert.deepEqual(run(programUpdateRule(simplified), seed), expected);
        assert.equal(deadStatementCount(simplified), 0);
        assert.ok(statementCount(simplified) <= statementCount(program) - deadStatementCount(program));
      }),
      { numRuns: 150 },
    );
  });

  it('folds constants, applies identities and drops dead statements', () => {
    const text = printProgram(simplifyProgram(NORMED), { dead: true });
    assert.doesNotMatch(text, /exp|dead|2 - 1|\b1 \*/);
    assert.match(text, /norm\(t1\)/);
    // Lion without weight decay: 0·w is a zero tensor that the addition drops.
    assert.equal(printProgram(simplifyProgram(lionProgram())), [
      'def train(w, g, m, v, lr, step):',
      '  t1 = interpolate(g, m, 0.9)',
      '  t2 = sign(t1)',
      '  update = lr * t2',
      '  m = interpolate(g, m, 0.99)',
      '  return update, m, v',
    ].join('\n'));
  });

  it('applies each scalar-side and zero-tensor identity, updating exactly as before', () => {
    const identities: Statement[] = [
      ['a', 'mul_st', 1, 'g'],
      ['a', 'add_st', 0, 'a'],
      ['a', 'sub_ts', 'a', 0],
      ['a', 'interpolate', 'a', 'w', 0],
      ['a', 'interpolate', 'w', 'a', 1],
      ['z', 'mul_st', 0, 'w'],
      ['z', 'mul', 'z', 'g'],
      ['a', 'sub', 'a', 'z'],
      ['a', 'add', 'z', 'a'],
    ];
    const program = programFromStatements([...identities, ['update', 'mul_st', 'lr', 'a'], ['m', 'add', 'm', 'g'], ['v', 'add', 'v', 'g']]);
    const simplified = simplifyProgram(program);
    assert.equal(statementCount(simplified), 1, printProgram(simplified));
    assert.deepEqual(run(programUpdateRule(simplified), 7), run(programUpdateRule(program), 7));
  });

  it('merges equal subexpressions', () => {
    const twice = programFromStatements([
      ['a', 'square', 'g'],
      ['b', 'square', 'g'],
      ['update', 'add', 'a', 'b'],
      ['update', 'mul_st', 'lr', 'update'],
      ['m', 'add', 'm', 'g'],
      ['v', 'add', 'v', 'g'],
    ]);
    assert.equal(statementCount(simplifyProgram(twice)), 3);
  });
});

describe('exportUpdateRule', () => {
  it('exports a TypeScript UpdateRule that updates exactly as the program compiled', async () => {
    const programs = [adamwProgram(), lionProgram(), sgdMomentumProgram(), NORMED, ...Array.from({ length: 12 }, (_, k) => mutated(100 + k, 2 + k))];
    for (const [k, program] of programs.entries()) {
      const expected = run(programUpdateRule(program), k);
      if (!expected.every(Number.isFinite)) continue;
      const exported = await importExported(program);
      assert.deepEqual(run(exported, k), expected, `program ${k}:\n${printProgram(program)}`);
      assert.deepEqual(exported.slots, programUpdateRule(program).slots);
    }
  });

  it('drives learn/optim optimizer() like any rule', async () => {
    const rule = await importExported(lionProgram());
    const net = mlp({ sizes: [2, 4, 1], rng: new Rng(3) });
    const x = tensor(Float32Array.from([0.5, -1, 1, 0.25]), [2, 2]);
    const y = tensor(Float32Array.from([1, -1]), [2, 1]);
    const opt = optimizer(net.parameters(), rule, 1e-2);
    const losses = Array.from({ length: 40 }, () => opt.minimize(() => mean(square(sub(net.forward(x), y)))));
    assert.ok(losses[39]! < losses[0]!, `loss ${losses[0]} → ${losses[39]}`);
  });

  it('names the rule as asked and refuses a name that is not an identifier', () => {
    assert.match(exportUpdateRule(lionProgram(), { name: 'myLion' }), /export const myLion: optim\.UpdateRule = \{\n {2}name: 'myLion'/);
    assert.throws(() => exportUpdateRule(lionProgram(), { name: 'my-lion' }), /JS identifier/);
  });
});
