import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { adamw, lion, sgd, type UpdateRule } from '../../../src/learn/optim/index.ts';
import { isConst, type Graph } from '../../../src/spaces/graph/graph.ts';
import { compileUpdate } from '../../../src/tasks/optimizers/compile-update.ts';
import { optimizerOps, TENSOR } from '../../../src/tasks/optimizers/ops.ts';
import { keptSlots, programUpdateRule } from '../../../src/tasks/optimizers/program-rule.ts';
import { OPTIMIZER_SIGNATURE, programFromStatements } from '../../../src/tasks/optimizers/program.ts';
import { printProgram } from '../../../src/tasks/optimizers/print-program.ts';
import { adafactorProgram, adamwProgram, lionProgram, sgdMomentumProgram } from '../../../src/tasks/optimizers/reference-programs.ts';
import { vertexTypes } from '../../../src/spaces/graph/validate.ts';

/** Runs `rule` for `steps` updates on one parameter from a seeded stream of gradients; returns w and the slots. */
function train(rule: UpdateRule, dtype: 'float32' | 'float64', seed: number, steps: number, lr: number): { w: number[]; slots: number[][] } {
  const rng = new Rng(seed);
  const n = 7;
  const make = (values: number[]) => (dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values));
  const w = make(Array.from({ length: n }, () => rng.normal()));
  const slots = rule.slots.map(() => make(new Array<number>(n).fill(0)));
  for (let step = 1; step <= steps; step++) {
    const g = make(Array.from(w, (x) => 0.3 * x + rng.normal()));
    rule.update(w, g, slots, step, lr);
  }
  return { w: Array.from(w), slots: slots.map((s) => Array.from(s)) };
}

function assertClose(actual: readonly number[], expected: readonly number[], relative: number): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => assert.ok(Math.abs(a - expected[i]!) <= relative * Math.max(1, Math.abs(expected[i]!)), `element ${i}: ${a} vs ${expected[i]}`));
}

describe('reference programs', () => {
  it('the AdamW program updates as learn/optim adamw does, bias correction included', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 30 }), fc.constantFrom(1e-3, 1e-2, 0.1), fc.constantFrom(0, 0.01, 0.3), (seed, steps, lr, weightDecay) => {
        const expected = train(adamw({ weightDecay }), 'float64', seed, steps, lr);
        const actual = train(programUpdateRule(adamwProgram({ weightDecay })), 'float64', seed, steps, lr);
        assertClose(actual.w, expected.w, 1e-12);
        actual.slots.forEach((s, k) => assertClose(s, expected.slots[k]!, 1e-12));
      }),
      { numRuns: 60 },
    );
  });

  it('the Lion program updates bit for bit as learn/optim lion does, in float32 and float64', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 30 }), fc.constantFrom('float32', 'float64'), fc.constantFrom(0, 0.1, 1), (seed, steps, dtype, weightDecay) => {
        const expected = train(lion({ weightDecay }), dtype, seed, steps, 3e-3);
        assert.deepEqual(train(programUpdateRule(lionProgram({ weightDecay })), dtype, seed, steps, 3e-3), expected);
      }),
      { numRuns: 60 },
    );
  });

  it('the SGD-momentum program updates as learn/optim sgd with momentum does', () => {
    const expected = train(sgd({ momentum: 0.9 }), 'float64', 5, 20, 0.05);
    const actual = train(programUpdateRule(sgdMomentumProgram()), 'float64', 5, 20, 0.05);
    assertClose(actual.w, expected.w, 1e-12);
  });

  it('the Adafactor-style program updates as its formula says: decaying g² average, RMS-clipped g/√v', () => {
    // The formula written out over plain arrays, as the program's docs state it.
    const adafactor: UpdateRule = {
      name: 'adafactor-formula',
      config: {},
      slots: ['v'],
      update(w, g, [v], step, lr) {
        const beta = 1 - step ** -0.8;
        let uu = 0;
        let nonZero = 0;
        const u = Array.from(g, (gi, i) => {
          v![i] = beta * v![i]! + (1 - beta) * gi * gi;
          const ui = gi / (Math.sqrt(v![i]!) + 1e-8);
          uu += ui * ui;
          if (gi !== 0) nonZero++;
          return ui;
        });
        const rms = Math.max(1, Math.sqrt(uu) / (Math.sqrt(nonZero) + 1e-8));
        u.forEach((ui, i) => (w[i]! -= lr * (ui / (rms + 1e-8))));
      },
    };
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 30 }), fc.constantFrom(1e-3, 0.1), (seed, steps, lr) => {
        const expected = train(adafactor, 'float64', seed, steps, lr);
        const actual = train(programUpdateRule(adafactorProgram()), 'float64', seed, steps, lr);
        assertClose(actual.w, expected.w, 1e-12);
        assertClose(actual.slots[0]!, expected.slots[0]!, 1e-12);
      }),
      { numRuns: 40 },
    );
  });

  it('keeps the memory a program needs: two slots for AdamW, one for Lion, SGD-momentum and Adafactor-style', () => {
    assert.deepEqual(keptSlots(adafactorProgram()), ['v']);
    assert.deepEqual(keptSlots(adamwProgram()), ['m', 'v']);
    assert.deepEqual(keptSlots(lionProgram()), ['m']);
    assert.deepEqual(keptSlots(sgdMomentumProgram()), ['m']);
    assert.deepEqual(programUpdateRule(lionProgram()).slots, ['m']);
    // v is kept up to date, but the update never reads it: it costs nothing.
    const momentumOnly = programFromStatements([['m', 'interpolate', 'g', 'm', 0.9], ['v', 'square', 'g'], ['update', 'mul_st', 'lr', 'm']]);
    assert.deepEqual(keptSlots(momentumOnly), ['m']);
    assert.doesNotMatch(printProgram(momentumOnly), /square/);
  });

  it('prints Lion as readable code in the paper\'s style', () => {
    assert.equal(
      printProgram(lionProgram({ weightDecay: 0.1 })),
      [
        'def train(w, g, m, v, lr, step):',
        '  t1 = interpolate(g, m, 0.9)',
        '  t2 = sign(t1)',
        '  t3 = 0.1 * w',
        '  t4 = t2 + t3',
        '  update = lr * t4',
        '  m = interpolate(g, m, 0.99)',
        '  return update, m, v',
      ].join('\n'),
    );
  });

  it('refuses statements that read an undefined name or mix types', () => {
    assert.throws(() => programFromStatements([['update', 'sign', 'q']]), /'q' is not defined/);
    assert.throws(() => programFromStatements([['update', 'add', 'g', 'lr']]), /operand 2 must be a tensor/);
    assert.throws(() => programFromStatements([['x', 'sign', 'g']]), /never assigns 'update'/);
  });
});

/** A reference: each statement over whole arrays, one at a time, reductions written out. */
function interpretUpdate(g: Graph, inputs: { w: Float64Array; g: Float64Array; m: Float64Array; v: Float64Array; lr: number; step: number }): Float64Array[] {
  const types = vertexTypes(g, optimizerOps, OPTIMIZER_SIGNATURE.inputTypes);
  const n = inputs.w.length;
  const values: (number | Float64Array)[] = [inputs.w, inputs.g, inputs.m, inputs.v, inputs.lr, inputs.step];
  const at = (x: number | Float64Array, i: number) => (typeof x === 'number' ? x : x[i]!);
  const sum = (f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i)).reduce((s, x) => s + x, 0);
  g.vertices.forEach((v, k) => {
    if (isConst(v)) return values.push(v.const);
    const args = v.args.map((a) => values[a]!);
    const [x, y] = args as Float64Array[];
    switch (v.op) {
      case 'norm': return values.push(Math.sqrt(sum((i) => x![i]! ** 2)));
      case 'dot': return values.push(sum((i) => x![i]! * y![i]!));
      case 'cosine': return values.push(sum((i) => x![i]! * y![i]!) / (Math.sqrt(sum((i) => x![i]! ** 2)) * Math.sqrt(sum((i) => y![i]! ** 2)) + 1e-8));
      case 'clip_by_norm': {
        const factor = Math.min(1, (args[1] as number) / Math.sqrt(sum((i) => x![i]! ** 2)));
        return values.push(x!.map((xi) => xi * factor));
      }
    }
    const spec = optimizerOps.find(v.op)!;
    if (types[g.inputs + k] !== TENSOR) return values.push(spec.evaluate(...(args as number[])));
    return values.push(Float64Array.from({ length: n }, (_, i) => spec.evaluate(...args.map((a) => at(a, i)))));
  });
  return g.outputs.map((id) => {
    const out = values[id]!;
    return typeof out === 'number' ? new Float64Array(n).fill(out) : Float64Array.from(out);
  });
}

describe('compileUpdate', () => {
  it('computes reductions over the whole tensor in stages, as the statements do one by one', () => {
    const program = programFromStatements([
      ['c', 'clip_by_norm', 'g', 0.5],
      ['m', 'interpolate', 'c', 'm', 0.9],
      ['s', 'norm', 'm'],
      ['d', 'dot', 'm', 'g'],
      ['k', 'cosine', 'c', 'w'],
      ['d', 'mul_ss', 'd', 'k'],
      ['u', 'div_ts', 'm', 's'],
      ['u', 'mul_st', 'd', 'u'],
      ['u2', 'clip_by_norm', 'u', 's'],
      ['update', 'mul_st', 'lr', 'u2'],
      ['v', 'add', 'v', 'c'],
    ]);
    const rng = new Rng(9);
    const make = () => Float64Array.from({ length: 11 }, () => rng.normal());
    const inputs = { w: make(), g: make(), m: make(), v: make(), lr: 0.1, step: 3 };
    const [update, mNew, vNew] = interpretUpdate(program, inputs);
    const w = Float64Array.from(inputs.w), m = Float64Array.from(inputs.m), v = Float64Array.from(inputs.v);
    compileUpdate(program).kernel(w, inputs.g, m, v, inputs.lr, inputs.step);
    assertClose(Array.from(w), Array.from(inputs.w, (x, i) => x - update![i]!), 1e-12);
    assertClose(Array.from(m), Array.from(mNew!), 1e-12);
    assertClose(Array.from(v), Array.from(vNew!), 1e-12);
  });
});
