import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import type { MemoryShape, RegisterProgram } from '../../../src/spaces/register/index.ts';
import { OP_NAMES, createMemory, instruction, registerSpace, wipeMemory } from '../../../src/spaces/register/index.ts';
import type { EvalType, TaskData } from '../../../src/tasks/automl-zero/index.ts';
import { ProgramCompiler } from '../../../src/tasks/automl-zero/compiled-loop.ts';
import { createLoopBuffers, interpretedLoop, linearRegressionTask, nonlinearRegressionTask, programEngine } from '../../../src/tasks/automl-zero/index.ts';
import { gradientDescentProgram } from './programs.ts';

/** A small classification task: label 1 when w·x > 0, for the accuracy path. */
function signTask(features: number, seed: number): TaskData {
  const base = linearRegressionTask({ index: 0, features, numTrain: 40, numValid: 30, paramSeed: seed, dataSeed: seed + 1 });
  const sign = (y: Float64Array) => y.map((value) => (value > 0 ? 1 : 0));
  return { ...base, evalType: 'accuracy', trainY: sign(base.trainY), validY: sign(base.validY) };
}

function linearTask(features: number, seed: number, numTrain = 40, numValid = 30): TaskData {
  return linearRegressionTask({ index: 0, features, numTrain, numValid, paramSeed: seed, dataSeed: seed + 1 });
}

interface Outcome {
  readonly fitness: number;
  readonly counts: number[];
  readonly trainErrors: number[];
  readonly validErrors: number[];
}

function outcome(run: (buffers: ReturnType<typeof createLoopBuffers>) => number, numTrain: number, numValid: number): Outcome {
  const buffers = createLoopBuffers(numTrain, numValid);
  const fitness = run(buffers);
  const [steps, trained, validated] = buffers.counts;
  return { fitness, counts: [steps!, trained!, validated!], trainErrors: [...buffers.trainErrors.subarray(0, trained)], validErrors: [...buffers.validErrors.subarray(0, validated)] };
}

function runAllWays(program: RegisterProgram, shape: MemoryShape, data: TaskData, seed: number): Outcome[] {
  const numTrain = data.trainY.length;
  const numValid = data.validY.length;
  const evalType: EvalType = data.evalType;
  const reference = outcome((b) => interpretedLoop(program, shape, evalType)(createMemory(shape), data, numTrain, numValid, new Rng(seed), b), numTrain, numValid);
  const compiled = outcome((b) => new ProgramCompiler(shape, evalType).compile(program).loop(createMemory(shape), data, numTrain, numValid, new Rng(seed), b), numTrain, numValid);
  const looped = outcome((b) => new ProgramCompiler(shape, evalType, { unrollFeatures: 0 }).compile(program).loop(createMemory(shape), data, numTrain, numValid, new Rng(seed), b), numTrain, numValid);
  const engine = programEngine(shape, evalType, { compileAfter: Infinity });
  const threaded = outcome((b) => engine.prepare(program).run(data, numTrain, numValid, new Rng(seed), b), numTrain, numValid);
  return [reference, compiled, looped, threaded];
}

const sameNumber = (a: number, b: number) => Object.is(a, b);

describe('the AutoML-Zero training loop', () => {
  it('compiled and threaded loops equal the interpreted loop on random programs over all ops', () => {
    const ops = OP_NAMES.filter((name) => name !== 'NO_OP');
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 4, 5), fc.constantFrom<EvalType>('rms', 'accuracy'), fc.integer({ min: 0, max: 2 ** 30 }), (features, evalType, seed) => {
        const shape: MemoryShape = { scalars: 5, vectors: 4, matrices: 2, features };
        const component = { ops, initialSize: 6 };
        const space = registerSpace({ memory: shape, components: { setup: component, predict: component, learn: component } });
        const program = space.random(new Rng(seed));
        const data = evalType === 'rms' ? linearTask(features, seed) : signTask(features, seed);
        const [reference, ...others] = runAllWays(program, shape, data, seed);
        for (const [k, other] of others.entries()) {
          const label = ['compiled', 'compiled with loops', 'threaded'][k];
          assert.ok(sameNumber(other!.fitness, reference!.fitness), `${label}: fitness ${other!.fitness} vs ${reference!.fitness}`);
          assert.deepEqual(other!.counts, reference!.counts, `${label}: counts`);
          assert.ok(other!.trainErrors.every((e, i) => sameNumber(e, reference!.trainErrors[i]!)), `${label}: train errors`);
          assert.ok(other!.validErrors.every((e, i) => sameNumber(e, reference!.validErrors[i]!)), `${label}: validation errors`);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('stops at the first prediction whose error exceeds 100, with fitness 0', () => {
    const shape: MemoryShape = { scalars: 4, vectors: 3, matrices: 1, features: 4 };
    const program = { setup: [], predict: [instruction('SCALAR_CONST_SET_OP', { out: 1, data: [1000] })], learn: [] };
    for (const result of runAllWays(program, shape, linearTask(4, 1), 0)) {
      assert.equal(result.fitness, 0);
      assert.deepEqual(result.counts, [1, 0, 0]);
    }
  });

  it('scores linear regression by gradient descent above 0.9999 on linear tasks of 1000 examples', () => {
    const shape: MemoryShape = { scalars: 4, vectors: 3, matrices: 1, features: 4 };
    for (let seed = 0; seed < 5; seed++) {
      const data = linearTask(4, seed * 10, 1000, 100);
      for (const result of runAllWays(gradientDescentProgram(0.1), shape, data, 0)) assert.ok(result.fitness > 0.9999, `fitness ${result.fitness}`);
    }
  });

  it("gives the teacher's own predictor, holding the teacher's weights, a perfect score on its task", () => {
    const linear = linearRegressionTask({ index: 0, features: 4, numTrain: 50, numValid: 100, paramSeed: 5, dataSeed: 6 });
    const linearShape: MemoryShape = { scalars: 2, vectors: 2, matrices: 0, features: 4 };
    const linearMemory = createMemory(linearShape);
    linearMemory.v.set(linear.teacherWeights, 4);
    const linearTeacher = { setup: [], predict: [instruction('VECTOR_INNER_PRODUCT_OP', { in1: 1, in2: 0, out: 1 })], learn: [] };
    const buffers = createLoopBuffers(50, 100);
    assert.equal(interpretedLoop(linearTeacher, linearShape, 'rms')(linearMemory, linear, 50, 100, new Rng(0), buffers), 1);

    const f = 4;
    const nonlinear = nonlinearRegressionTask({ index: 0, features: f, numTrain: 50, numValid: 100, paramSeed: 7, dataSeed: 8 });
    const shape: MemoryShape = { scalars: 2, vectors: 5, matrices: 1, features: f };
    const memory = createMemory(shape);
    memory.m.set(nonlinear.teacherWeights.subarray(0, f * f), 0); // W in m0
    memory.v.set(nonlinear.teacherWeights.subarray(f * f), f); // a in v1; v4 stays 0
    const teacher = {
      setup: [],
      predict: [
        instruction('MATRIX_VECTOR_PRODUCT_OP', { in1: 0, in2: 0, out: 2 }),
        instruction('VECTOR_MAX_OP', { in1: 2, in2: 4, out: 3 }),
        instruction('VECTOR_INNER_PRODUCT_OP', { in1: 3, in2: 1, out: 1 }),
      ],
      learn: [],
    };
    const compiled = new ProgramCompiler(shape, 'rms').compile(teacher);
    const fitness = compiled.loop(memory, nonlinear, 50, 100, new Rng(0), createLoopBuffers(50, 100));
    assert.ok(fitness > 1 - 1e-12, `fitness ${fitness}`);
    assert.ok(nonlinear.trainY.some((y) => y !== 0), 'the teacher is not trivially zero');
  });

  it('turns predictions into probabilities for accuracy tasks, so logistic regression learns', () => {
    const shape: MemoryShape = { scalars: 4, vectors: 3, matrices: 1, features: 4 };
    const data = signTask(4, 3);
    for (const result of runAllWays(gradientDescentProgram(0.5), shape, data, 0)) assert.ok(result.fitness >= 0.9, `accuracy ${result.fitness}`);
    const engine = programEngine(shape, 'accuracy');
    wipeMemory(engine.memory);
    const constant = { setup: [], predict: [instruction('SCALAR_CONST_SET_OP', { out: 1, data: [-3] })], learn: [] };
    const buffers = createLoopBuffers(40, 30);
    const accuracy = engine.prepare(constant).run(data, 40, 30, new Rng(0), buffers);
    assert.equal(accuracy, data.validY.filter((y) => y === 0).length / 30, 'always predicting class 0');
    assert.ok(Math.abs(buffers.trainErrors[0]! - Math.abs(data.trainY[0]! - 1 / (1 + Math.exp(3)))) < 1e-15);
  });
});
