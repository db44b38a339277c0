import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import '../../../src/algorithms/index.ts';
import '../../../src/tasks/built-in.ts';
import { algorithms, spaces, tasks } from '../../../src/core/registries.ts';
import { Rng } from '../../../src/core/rng.ts';
import { Study } from '../../../src/core/study.ts';
import type { Json } from '../../../src/core/types.ts';
import { instruction, type RegisterProgram } from '../../../src/spaces/register/index.ts';
import { POLICY_SPACE_ID, controlTask, formatPolicy, policySpaceOptions, registerPolicy, type ControlTask } from '../../../src/tasks/control/index.ts';
import { printProgram } from '../../../src/report/program-printers.ts';
import { searchPolicies } from '../../../src/tasks/control/search.ts';
import { studyReport } from '../../../src/report/index.ts';
import { memoryStore } from '../../../src/store/index.ts';

// start: v1 = (0.1, 0.5, 10, 2) entry by entry; step: s4 = v1·v0. The linear balancer.
const BALANCER: RegisterProgram = {
  start: [0.1, 0.5, 10, 2].map((k, i) => instruction('VECTOR_CONST_SET_OP', { out: 1, data: [(i + 0.5) / 4, k] })),
  step: [instruction('VECTOR_INNER_PRODUCT_OP', { in1: 1, in2: 0, out: 4 })],
};
const ctx = { trialId: 0, seed: 0 };

describe('register-machine policies', () => {
  it('a linear program balances every CartPole-v1 episode', () => {
    const task = controlTask({ env: 'cartpole', episodes: 10 });
    const m = task.evaluate(BALANCER, ctx);
    assert.deepEqual(m.values, [500]);
    assert.equal(m.info?.['survival'], 1);
  });

  it('memory persists across steps: a counter in s5 pushes right for three steps, then left', () => {
    // step: s5 = s5 + s6 (s6 = 1 from start); s4 = 3.5 - s5 → positive for steps 1..3.
    const program: RegisterProgram = {
      start: [instruction('SCALAR_CONST_SET_OP', { out: 6, data: [1] }), instruction('SCALAR_CONST_SET_OP', { out: 7, data: [3.5] })],
      step: [instruction('SCALAR_SUM_OP', { in1: 5, in2: 6, out: 5 }), instruction('SCALAR_DIFF_OP', { in1: 7, in2: 5, out: 4 })],
    };
    const policy = registerPolicy(program);
    const obs = new Float64Array(4);
    for (const episode of [1, 2]) {
      policy.start(new Rng(episode));
      const actions = Array.from({ length: 5 }, () => policy.act(obs));
      assert.deepEqual(actions, [2.5, 1.5, 0.5, -0.5, -1.5], 'memory is wiped between episodes, kept between steps');
    }
  });

  it('liveness keeps what reaches the action through memory and drops the rest', () => {
    const program: RegisterProgram = {
      start: [instruction('SCALAR_CONST_SET_OP', { out: 6, data: [1] }), instruction('SCALAR_CONST_SET_OP', { out: 9, data: [2] })],
      step: [instruction('SCALAR_SUM_OP', { in1: 5, in2: 6, out: 5 }), instruction('SCALAR_PRODUCT_OP', { in1: 9, in2: 9, out: 8 }), instruction('SCALAR_DIFF_OP', { in1: 2, in2: 5, out: 4 })],
    };
    const text = formatPolicy(program, { onlyLive: true });
    assert.match(text, /s6 = 1\.0/);
    assert.match(text, /s5 = s5 \+ s6/);
    assert.doesNotMatch(text, /s9|s8/);
  });

  it('a NaN action fails the trial, and so does a program that does not fit the memory', () => {
    const task = controlTask({ env: 'cartpole' });
    const nan: RegisterProgram = { start: [], step: [instruction('SCALAR_DIVISION_OP', { in1: 5, in2: 5, out: 4 })] };
    assert.throws(() => task.evaluate(nan, ctx), /action was NaN at step 0/);
    assert.throws(() => task.evaluate({ start: [], step: [instruction('SCALAR_SUM_OP', { in1: 40, in2: 0, out: 4 })] }, ctx), /in1 must be a scalar register/);
  });

  it('the task and the space rebuild from their recipes, configs round-tripping', () => {
    const task = controlTask({ env: 'cataclysmic-cartpole', episodes: 4, seed: 3 });
    const config = JSON.parse(JSON.stringify(task.config)) as Json;
    assert.deepEqual(config, { env: 'cataclysmic-cartpole', action: 'continuous', episodes: 4, seed: 3, maxSteps: 500, fec: true });
    const rebuilt = tasks.get('control')(config) as ControlTask;
    assert.deepEqual(rebuilt.config, task.config);
    assert.deepEqual(rebuilt.episodes, task.episodes);
    const spaceConfig = JSON.parse(JSON.stringify(policySpaceOptions())) as Json;
    const space = spaces.get(POLICY_SPACE_ID)(spaceConfig);
    const program = space.random(new Rng(4));
    assert.deepEqual(space.fromJSON(JSON.parse(JSON.stringify(space.toJSON(program)))), program);
    assert.deepEqual(rebuilt.evaluate(program as RegisterProgram, ctx), task.evaluate(program as RegisterProgram, ctx));
    const withDeadCode = { ...BALANCER, step: [instruction('SCALAR_SUM_OP', { in1: 0, in2: 1, out: 9 }), ...BALANCER['step']!] };
    assert.equal(printProgram(space.toJSON(withDeadCode), { id: POLICY_SPACE_ID, config: spaceConfig }, { id: 'control', config }), 'Start(): v1[0] = 0.1; v1[1] = 0.5; v1[2] = 10.0; v1[3] = 2.0 | Step(): s4 = dot(v1, v0)');
    assert.throws(() => tasks.get('control')({ env: 'pendulum' }), /env must be one of cartpole, cataclysmic-cartpole/);
    assert.throws(() => tasks.get('control')({ env: 'cartpole', episode: 3 }), /unknown key 'episode'/);
  });

  it('the same seed evaluates the same program to the same score; another seed to other episodes', () => {
    const a = controlTask({ env: 'cataclysmic-cartpole', seed: 1 });
    const b = controlTask({ env: 'cataclysmic-cartpole', seed: 1 });
    const c = controlTask({ env: 'cataclysmic-cartpole', seed: 2 });
    assert.deepEqual(a.evaluate(BALANCER, ctx), b.evaluate(BALANCER, ctx));
    assert.notDeepEqual(a.episodes, c.episodes);
    assert.deepEqual(a.fingerprint!(BALANCER), b.fingerprint!(BALANCER));
  });

  it('a short evolution from random programs improves on its first trials', async () => {
    const task = controlTask({ env: 'cartpole', episodes: 3 });
    const space = spaces.get(POLICY_SPACE_ID)(policySpaceOptions() as unknown as Json);
    const algorithm = algorithms.get('regularized-evolution')(space, { populationSize: 20, tournamentSize: 5 });
    const study = new Study({ space, task: task as never, algorithm, seed: 11, budgetTrials: 600 });
    const first: number[] = [];
    study.on('trial', (t) => void (t.id < 20 && t.status === 'done' && first.push(t.values[0]!)));
    const summary = await study.run();
    assert.equal(summary.trials, 600);
    const firstBest = Math.max(...first);
    assert.ok(study.best()!.values[0]! > firstBest, `best ${study.best()!.values[0]} vs first ${firstBest}`);
    assert.ok(study.best()!.values[0]! >= 100, `best ${study.best()!.values[0]}`);
  });

  it('a guided search reads policies as register data-flow graphs and trains its discriminator', async () => {
    const store = memoryStore();
    const result = await searchPolicies({ task: { env: 'cartpole', episodes: 2 }, seed: 3, populationSize: 10, budgetTrials: 60, stopWhenPerfect: false, guide: { warmupTrials: 20, retrainEveryTrials: 20 }, store: { store, name: 'guided-policy' } });
    assert.equal(result.summary.trials, 60);
    assert.equal(store.study('guided-policy')?.algorithm?.id, 'guided');
    const diagnostics = studyReport(store, store.study('guided-policy')!).diagnostics!;
    assert.ok((diagnostics['discriminator training steps'] as number) > 0, JSON.stringify(diagnostics));
  });
});

describe('compiled policies', () => {
  it('act exactly as the interpreter on random programs of the search space, memory and all', async () => {
    const fc = (await import('fast-check')).default;
    const space = spaces.get(POLICY_SPACE_ID)(policySpaceOptions({ startSize: 6, stepSize: 12 }) as unknown as Json);
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rng = new Rng(seed);
        let program = space.random(rng) as RegisterProgram;
        for (let k = 0; k < 5; k++) program = space.mutate(program, rng) as RegisterProgram;
        const run = (interpret: boolean): number[] => {
          const policy = registerPolicy(program, undefined, { interpret });
          const obs = new Float64Array(4);
          const actions: number[] = [];
          policy.start(new Rng(1));
          for (let t = 0; t < 40; t++) {
            for (let i = 0; i < 4; i++) obs[i] = Math.sin(t * (i + 1) * 0.3);
            actions.push(policy.act(obs));
          }
          return actions;
        };
        assert.deepEqual(run(false), run(true));
      }),
      { numRuns: 200 },
    );
  });
});
