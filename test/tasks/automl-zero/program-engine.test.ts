import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { DEMO_OPS, registerSpace, wipeMemory } from '../../../src/spaces/register/index.ts';
import type { MemoryShape, RegisterProgram } from '../../../src/spaces/register/index.ts';
import { createLoopBuffers, linearRegressionTask, programEngine, type ProgramEngine } from '../../../src/tasks/automl-zero/index.ts';
import { gradientDescentProgram } from './programs.ts';

const SHAPE: MemoryShape = { scalars: 4, vectors: 3, matrices: 1, features: 4 };
const DATA = linearRegressionTask({ index: 0, features: 4, numTrain: 60, numValid: 40, paramSeed: 1, dataSeed: 2 });

function fitness(engine: ProgramEngine, program: RegisterProgram): { fitness: number; compiled: boolean } {
  wipeMemory(engine.memory);
  const prepared = engine.prepare(program);
  return { fitness: prepared.run(DATA, 60, 40, new Rng(0), createLoopBuffers(60, 40)), compiled: prepared.compiled };
}

describe('ProgramEngine', () => {
  it('runs new live code as steps and compiles it once it has come up compileAfter times', () => {
    const engine = programEngine(SHAPE, 'rms', { compileAfter: 3 });
    const tiers = [0.1, 0.2, 0.3, 0.4].map((rate) => fitness(engine, gradientDescentProgram(rate)).compiled);
    assert.deepEqual(tiers, [false, false, true, true], 'programs differing only in constants share live code');
    assert.deepEqual(engine.stats(), { prepared: 4, compiledRuns: 2, loopsCompiled: 1, stepPatterns: 6 });
  });

  it('gives the same fitness in every tier and in the interpreter', () => {
    const space = registerSpace({ memory: SHAPE, components: { setup: { ops: DEMO_OPS, initialSize: 10 }, predict: { ops: DEMO_OPS, initialSize: 2 }, learn: { ops: DEMO_OPS, initialSize: 8 } } });
    const rng = new Rng(4);
    const engines = [programEngine(SHAPE, 'rms', { compileAfter: Infinity }), programEngine(SHAPE, 'rms', { compileAfter: 1 }), programEngine(SHAPE, 'rms', { interpret: true })];
    for (let i = 0; i < 100; i++) {
      const program = space.random(rng);
      const [threaded, compiled, interpreted] = engines.map((engine) => fitness(engine, program).fitness);
      assert.ok(Object.is(threaded, interpreted) && Object.is(compiled, interpreted), `program ${i}: ${threaded}, ${compiled}, ${interpreted}`);
    }
  });

  it('also serves memories too large for register masks, through the general path', () => {
    const big: MemoryShape = { scalars: 20, vectors: 20, matrices: 20, features: 2 };
    const small = linearRegressionTask({ index: 0, features: 2, numTrain: 30, numValid: 20, paramSeed: 3, dataSeed: 4 });
    for (const compileAfter of [Infinity, 1]) {
      const engine = programEngine(big, 'rms', { compileAfter });
      const result = engine.prepare(gradientDescentProgram(0.2)).run(small, 30, 20, new Rng(0), createLoopBuffers(30, 20));
      assert.ok(result > 0.95, `fitness ${result}`);
    }
  });
});
