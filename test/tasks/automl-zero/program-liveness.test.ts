import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { OP_NAMES, instruction, registerSpace } from '../../../src/spaces/register/index.ts';
import { programLiveness, resolveProgram, simplifiedProgram } from '../../../src/tasks/automl-zero/index.ts';
import { InstructionFactsCache } from '../../../src/tasks/automl-zero/instruction-facts.ts';
import { programLivenessFromFacts } from '../../../src/tasks/automl-zero/program-liveness.ts';
import { gradientDescentProgram, scrambledGradientDescentProgram } from './programs.ts';

const SHAPE = { scalars: 4, vectors: 3, matrices: 1, features: 4 };

describe('programLiveness', () => {
  it('keeps state carried from learn to later predictions, such as weights and the learning rate', () => {
    const live = programLiveness(resolveProgram(gradientDescentProgram()), SHAPE);
    assert.deepEqual(live.setup, [true]);
    assert.deepEqual(live.predict, [true]);
    assert.deepEqual(live.learn, [true, true, true, true]);
    assert.equal(live.random, false);
  });

  it('drops instructions whose results never reach a prediction', () => {
    const live = programLiveness(resolveProgram(scrambledGradientDescentProgram()), SHAPE);
    assert.deepEqual(live.setup, [false, true, false]);
    assert.deepEqual(live.predict, [false, true]);
    assert.deepEqual(live.learn, [true, true, true, true]);
  });

  it('counts writes to the label and features as dead, since the loop overwrites them', () => {
    const program = {
      setup: [instruction('SCALAR_CONST_SET_OP', { out: 1, data: [2] })],
      predict: [instruction('SCALAR_SUM_OP', { in1: 0, in2: 1, out: 1 })],
      learn: [],
    };
    // s0 is zero at every prediction and s1 carries over, so setup's constant matters.
    assert.deepEqual(programLiveness(resolveProgram(program), SHAPE).setup, [true]);
  });

  it('keeps every random op once any live op draws random numbers', () => {
    const program = {
      setup: [instruction('VECTOR_GAUSSIAN_SET_OP', { out: 2, data: [0, 1] }), instruction('VECTOR_UNIFORM_SET_OP', { out: 1, data: [-1, 1] })],
      predict: [instruction('VECTOR_INNER_PRODUCT_OP', { in1: 1, in2: 0, out: 1 })],
      learn: [],
    };
    const live = programLiveness(resolveProgram(program), SHAPE);
    assert.equal(live.random, true);
    assert.deepEqual(live.setup, [true, true]);
  });

  it('prints the simplified program without dead instructions', () => {
    assert.equal(
      simplifiedProgram(scrambledGradientDescentProgram(), SHAPE),
      ['def Setup():', '  s3 = 0.05', 'def Predict():', '  s1 = dot(v0, v2)', 'def Learn():', '  s1 = s0 - s1', '  v1 = s1 * v0', '  v1 = s3 * v1', '  v2 = v1 + v2'].join('\n'),
    );
  });
});

describe('programLivenessFromFacts', () => {
  it('agrees with programLiveness on random programs over every op', () => {
    const shape = { scalars: 5, vectors: 4, matrices: 2, features: 3 };
    const ops = OP_NAMES.filter((name) => name !== 'NO_OP');
    const space = registerSpace({ memory: shape, components: { setup: { ops, initialSize: 8 }, predict: { ops, initialSize: 6 }, learn: { ops, initialSize: 8 } }, initial: 'random' });
    const cache = new InstructionFactsCache(shape);
    const rng = new Rng(11);
    for (let i = 0; i < 500; i++) {
      const program = space.random(rng);
      const facts = (name: string) => program[name]!.map((ins) => cache.get(ins));
      assert.deepEqual(programLivenessFromFacts(facts('setup'), facts('predict'), facts('learn'), shape), programLiveness(resolveProgram(program), shape));
    }
  });
});
