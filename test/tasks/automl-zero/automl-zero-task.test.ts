import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { instruction } from '../../../src/spaces/register/index.ts';
import type { Measurement } from '../../../src/core/types.ts';
import type { AutomlZeroTaskOptions } from '../../../src/tasks/automl-zero/index.ts';
import { tasks } from '../../../src/core/registries.ts';
import type { Json } from '../../../src/core/types.ts';
import { DEMO_OPS, automlZeroTask, programEngine, programToJSON } from '../../../src/tasks/automl-zero/index.ts';
import { printProgram } from '../../../src/report/index.ts';
import { registerSpaceConfig } from '../../../src/spaces/register/register.ts';
import { gradientDescentProgram, scrambledGradientDescentProgram } from './programs.ts';

const MEMORY = { scalars: 4, vectors: 3, matrices: 1, features: 4 };
const OPTIONS: AutomlZeroTaskOptions = { tasks: { kind: 'linear', features: 4, numTasks: 3, numTrain: 100, numValid: 50, seed: 9 }, memory: MEMORY };

describe('automlZeroTask', () => {
  it('measures the mean fitness over its task instances, maximised', () => {
    const task = automlZeroTask(OPTIONS);
    assert.deepEqual(task.objectives, [{ name: 'fitness', goal: 'max' }]);
    const measured = task.evaluate(gradientDescentProgram(0.1), { trialId: 0, seed: 1 }) as Measurement;
    assert.ok(measured.values[0]! > 0.99 && measured.values[0]! <= 1);
    assert.equal(task.instances.length, 3);
  });

  it('fingerprints the errors on the first 10 train and 10 validation examples of every instance', () => {
    const task = automlZeroTask(OPTIONS);
    const print = task.fingerprint!(gradientDescentProgram(0.1));
    assert.equal(print.length, 3 * 20);
    assert.ok(print.every((e) => e >= 0));
    const early = task.fingerprint!({ setup: [], predict: [instruction('SCALAR_CONST_SET_OP', { out: 1, data: [500] })], learn: [] });
    assert.deepEqual([...early.subarray(0, 20)], Array<number>(20).fill(-1), 'a run that stops at once records nothing');
  });

  it('gives programs that behave the same the same fingerprint, and others a different one', () => {
    const task = automlZeroTask(OPTIONS);
    const a = gradientDescentProgram(0.05);
    const withDeadCode = { ...a, setup: [...a['setup']!, instruction('SCALAR_CONST_SET_OP', { out: 3, data: [7] })] };
    assert.deepEqual(task.fingerprint!(withDeadCode), task.fingerprint!(a));
    const renamed = {
      setup: [instruction('SCALAR_CONST_SET_OP', { out: 3, data: [0.05] })],
      predict: [instruction('VECTOR_INNER_PRODUCT_OP', { in1: 2, in2: 0, out: 1 })],
      learn: [
        instruction('SCALAR_DIFF_OP', { in1: 0, in2: 1, out: 2 }),
        instruction('SCALAR_PRODUCT_OP', { in1: 3, in2: 2, out: 2 }),
        instruction('SCALAR_VECTOR_PRODUCT_OP', { in1: 2, in2: 0, out: 1 }),
        instruction('VECTOR_SUM_OP', { in1: 2, in2: 1, out: 2 }),
      ],
    };
    assert.deepEqual(task.fingerprint!(renamed), task.fingerprint!(a), 'the same arithmetic in other registers');
    // The same algorithm with its products grouped differently rounds differently, so it hashes apart.
    assert.notDeepEqual(task.fingerprint!(scrambledGradientDescentProgram()), task.fingerprint!(a));
    assert.notDeepEqual(task.fingerprint!(gradientDescentProgram(0.06)), task.fingerprint!(a));
  });

  it('counts the training steps of evaluations and fingerprints', () => {
    const task = automlZeroTask(OPTIONS);
    const program = gradientDescentProgram();
    task.fingerprint!(program);
    assert.equal(task.trainSteps, 3 * 10);
    task.evaluate(program, { trialId: 0, seed: 0 });
    assert.equal(task.trainSteps, 3 * 10 + 3 * 100);
  });

  it('has no fingerprint when FEC is off', () => {
    assert.equal(automlZeroTask({ ...OPTIONS, fec: false }).fingerprint, undefined);
  });

  it('draws the random numbers of random ops from the trial seed, so a seed replays a measurement', () => {
    const task = automlZeroTask(OPTIONS);
    const noisy = { setup: [instruction('VECTOR_GAUSSIAN_SET_OP', { out: 1, data: [0, 1] })], predict: [instruction('VECTOR_INNER_PRODUCT_OP', { in1: 1, in2: 0, out: 1 })], learn: [] };
    assert.equal(task.fitness(noisy, 3), task.fitness(noisy, 3));
    assert.notEqual(task.fitness(noisy, 3), task.fitness(noisy, 4));
  });

  it('rejects inconsistent options with a message naming them', () => {
    const rejects = (options: AutomlZeroTaskOptions, pattern: RegExp) => assert.throws(() => automlZeroTask(options), (e: Error) => e instanceof UsageError && pattern.test(e.message));
    rejects({ ...OPTIONS, memory: { ...MEMORY, features: 8 } }, /memory.features \(8\) must equal tasks.features \(4\)/);
    rejects({ ...OPTIONS, memory: { ...MEMORY, scalars: 1 } }, /at least 2 scalars/);
    rejects({ ...OPTIONS, fec: { numTrain: 200, numValid: 10 } }, /fec.numTrain must be a whole number in \[1, 100\]/);
    rejects({ ...OPTIONS, tasks: { ...OPTIONS.tasks, kind: 'cubic' as 'linear' } }, /kind must be one of linear, nonlinear, mnist/);
    rejects({ ...OPTIONS, engine: programEngine(MEMORY, 'accuracy') }, /shared engine was made for another/);
  });

  it('is rebuilt from its JSON config through the task registry', () => {
    const task = automlZeroTask(OPTIONS);
    const rebuilt = tasks.get('automl-zero')(JSON.parse(JSON.stringify(task.config)) as Json) as typeof task;
    assert.equal(rebuilt.fitness(gradientDescentProgram(), 3), task.fitness(gradientDescentProgram(), 3));
    assert.throws(() => tasks.get('automl-zero')({ tasks: OPTIONS.tasks as unknown as Json, memory: 4 }), /memory must be an object/);
    assert.throws(() => tasks.get('automl-zero')({ tasks: OPTIONS.tasks as unknown as Json, memory: OPTIONS.memory as unknown as Json, speed: 1 }), /unknown key 'speed'/);
  });

  it('reports the training steps of each evaluation and of its fingerprint with the result', () => {
    const task = automlZeroTask(OPTIONS);
    const program = gradientDescentProgram();
    task.fingerprint!(program);
    const inline = task.evaluate(program, { trialId: 0, seed: 0 }) as Measurement;
    assert.deepEqual(inline.info, { trainSteps: 3 * 100, fecSteps: 3 * 10 });
    // On a worker the genotype arrives as a fresh object: the fingerprint's steps are counted again.
    const remote = automlZeroTask(OPTIONS).evaluate(JSON.parse(JSON.stringify(program)) as typeof program, { trialId: 0, seed: 0 }) as Measurement;
    assert.deepEqual(remote.info, inline.info);
    const early = { setup: [], predict: [instruction('SCALAR_CONST_SET_OP', { out: 1, data: [500] })], learn: [] };
    assert.deepEqual((task.evaluate(early, { trialId: 1, seed: 0 }) as Measurement).info, { trainSteps: 3, fecSteps: 3 }, 'a run that stops at its first example takes one step per instance');
    assert.deepEqual((automlZeroTask({ ...OPTIONS, fec: false }).evaluate(program, { trialId: 0, seed: 0 }) as Measurement).info, { trainSteps: 300, fecSteps: 0 });
  });

  it('judges a program above the select threshold on the select tasks within its evaluation', () => {
    const select = { tasks: { ...OPTIONS.tasks, numTasks: 2, numTrain: 200, seed: 77 }, above: 0.9, evalSeed: 5 };
    const task = automlZeroTask({ ...OPTIONS, select });
    const good = task.evaluate(gradientDescentProgram(), { trialId: 0, seed: 0 }) as Measurement;
    assert.ok((good.info!['selectFitness'] as number) > 0.99);
    assert.equal(good.info!['selectSteps'], 2 * 200);
    const alone = automlZeroTask({ tasks: select.tasks, memory: MEMORY }).fitness(gradientDescentProgram(), select.evalSeed);
    assert.equal(good.info!['selectFitness'], alone, 'the select fitness is the select tasks\' own');
    const poor = task.evaluate({ setup: [], predict: [], learn: [] }, { trialId: 1, seed: 0 }) as Measurement;
    assert.equal(poor.info!['selectFitness'], undefined, 'programs below the threshold are not judged');
  });

  it('rejects a bad select config naming the key', () => {
    const config = (select: unknown) => ({ tasks: OPTIONS.tasks, memory: OPTIONS.memory, select }) as unknown as Json;
    assert.throws(() => tasks.get('automl-zero')(config({ tasks: OPTIONS.tasks, above: 0.9, evalSeed: 1, extra: 1 })), (e: Error) => e instanceof UsageError && /unknown key 'select.extra'/.test(e.message));
    assert.throws(() => tasks.get('automl-zero')(config({ tasks: OPTIONS.tasks, above: 'high', evalSeed: 1 })), /select.above must be a number/);
    assert.throws(() => tasks.get('automl-zero')(config({ tasks: OPTIONS.tasks, above: 0.9, evalSeed: -1 })), /select.evalSeed must be a whole number/);
    assert.throws(() => tasks.get('automl-zero')(config({ tasks: 3, above: 0.9, evalSeed: 1 })), /select.tasks must be an object/);
    assert.throws(() => tasks.get('automl-zero')({ tasks: OPTIONS.tasks as unknown as Json, memory: OPTIONS.memory as unknown as Json, maxAbsError: '5' }), /maxAbsError must be a number/);
  });
});

describe("the 'register' space's printer", () => {
  it('prints a stored program on one line without its dead instructions', () => {
    const component = { ops: DEMO_OPS, initialSize: 1, minSize: 0, maxSize: 10 };
    const config = registerSpaceConfig({ memory: MEMORY, components: { setup: component, predict: component, learn: component } });
    const program = gradientDescentProgram(0.1);
    const printed = printProgram(programToJSON({ ...program, setup: [...program['setup']!, instruction('SCALAR_CONST_SET_OP', { out: 3, data: [7] })] }), { id: 'register', config });
    assert.match(printed, /^Setup\(\): s\d = 0\.1 \| Predict\(\): s1 = dot\(v\d, v0\) \| Learn\(\): .+; .+/);
    assert.doesNotMatch(printed, /= 7\b/, 'the dead constant is left out');
  });
});
