import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { prune } from '../../../src/spaces/graph/draft.ts';
import { compileUpdate } from '../../../src/tasks/optimizers/compile-update.ts';
import { changeOperand, deleteStatement, insertStatement } from '../../../src/tasks/optimizers/mutations.ts';
import { programFromStatements } from '../../../src/tasks/optimizers/program.ts';
import { adamwProgram, lionProgram } from '../../../src/tasks/optimizers/reference-programs.ts';
import { deadStatementCount, optimizerSpace, statementCount } from '../../../src/tasks/optimizers/space.ts';

describe('optimizerSpace', () => {
  it('keeps every program valid, within maxStatements and compilable along long chains of mutations', () => {
    const space = optimizerSpace({ maxStatements: 12, start: lionProgram() });
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = new Rng(seed);
        let g = space.start;
        for (let i = 0; i < 150; i++) {
          const child = space.mutate(g, rng);
          space.validate(child);
          assert.ok(statementCount(child) <= 12);
          assert.deepEqual(space.fromJSON(JSON.parse(JSON.stringify(space.toJSON(child)))), child);
          const w = new Float64Array(3).fill(0.5), m = new Float64Array(3), v = new Float64Array(3);
          compileUpdate(child).kernel(w, Float64Array.of(0.1, -0.2, 0.3), m, v, 1e-3, i + 1);
          g = child;
        }
      }),
      { numRuns: 15 },
    );
  });

  it('never changes its parent', () => {
    const space = optimizerSpace();
    const parent = adamwProgram();
    const copy = JSON.stringify(parent);
    const rng = new Rng(4);
    for (let i = 0; i < 200; i++) space.mutate(parent, rng);
    assert.equal(JSON.stringify(parent), copy);
  });

  it('keeps dead statements, and they do not change the key', () => {
    const rng = new Rng(11);
    const space = optimizerSpace();
    let g = lionProgram();
    let sawDead = false;
    for (let i = 0; i < 300; i++) {
      g = space.mutate(g, rng);
      if (deadStatementCount(g) > 0) {
        sawDead = true;
        assert.equal(space.key(g), space.key(prune(g)));
      }
    }
    assert.ok(sawDead, 'no mutation left a dead statement');
  });

  it('gives one key to programs that differ only in names, order of independent statements and dead code', () => {
    const space = optimizerSpace();
    const a = lionProgram({ weightDecay: 0.1 });
    const b = programFromStatements([
      ['momentum', 'interpolate', 'g', 'm', 0.99],
      ['decay', 'mul_st', 0.1, 'w'],
      ['unused', 'exp', 'g'],
      ['mix', 'interpolate', 'g', 'm', 0.9],
      ['direction', 'sign', 'mix'],
      ['update', 'add', 'decay', 'direction'],
      ['update', 'mul_st', 'lr', 'update'],
      ['m', 'interpolate', 'g', 'm', 0.99],
    ]);
    assert.ok(deadStatementCount(b) === 2);
    assert.equal(space.key(a), space.key(b));
    assert.notEqual(space.key(a), space.key(lionProgram({ weightDecay: 0.2 })));
  });

  it('insert reassigns or adds a variable, delete hands reads to an operand, change perturbs a constant by 2^N(0,1)', () => {
    const settings = { maxStatements: 30, newConstant: () => 0.5, newConstantChance: 0.25 };
    const rng = new Rng(2);
    const lion = lionProgram();
    let grew = 0;
    for (let i = 0; i < 50; i++) if (statementCount(insertStatement(lion, settings, rng)!) === statementCount(lion) + 1) grew++;
    assert.equal(grew, 50);
    for (let i = 0; i < 50; i++) assert.equal(statementCount(deleteStatement(lion, settings, rng)!), statementCount(lion) - 1);
    assert.equal(insertStatement(lion, { ...settings, maxStatements: statementCount(lion) }, rng), undefined);
    const onlyConstants = programFromStatements([['update', 'mul_st', 0.25, 'g']]);
    const ratios = Array.from({ length: 200 }, () => {
      const child = changeOperand(onlyConstants, settings, rng)!;
      const c = child.vertices.find((v) => 'const' in v) as { const: number } | undefined;
      return c === undefined ? NaN : Math.log2(c.const / 0.25);
    }).filter((r) => Number.isFinite(r) && r !== 0);
    // Half the changes perturb the constant (the other operand, g, has w, m, v to switch to).
    assert.ok(ratios.length > 50, `${ratios.length} perturbations`);
    const mean = ratios.reduce((s, r) => s + r, 0) / ratios.length;
    const sd = Math.sqrt(ratios.reduce((s, r) => s + (r - mean) ** 2, 0) / ratios.length);
    assert.ok(Math.abs(mean) < 0.3 && Math.abs(sd - 1) < 0.3, `log2 ratio mean ${mean}, sd ${sd}`);
  });

  it('refuses a program over maxStatements and bad JSON with a SpaceError', () => {
    const space = optimizerSpace({ maxStatements: 10, start: lionProgram() });
    assert.throws(() => space.fromJSON(adamwProgram()), /more than the space's maxStatements 10/);
    assert.throws(() => space.fromJSON({ inputs: 6, vertices: [{ op: 'nope', args: [] }], outputs: [0, 2, 3] }), /op 'nope' is not in this op set/);
    assert.throws(() => optimizerSpace({ maxStatements: 10 }), /start program is not a program of this space/);
  });
});
