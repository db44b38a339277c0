import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Json } from '../../../src/core/types.ts';
import type { Graph, Vertex } from '../../../src/spaces/graph/graph.ts';
import { lossSpace } from '../../../src/tasks/rl-loss/loss-space.ts';
import { graphLosses, untrainableReason } from '../../../src/tasks/rl-loss/loss-graph.ts';
import { SAC_GRAPH } from '../../../src/tasks/rl-loss/sac-graph.ts';
import { rlLossConfig, rlLossTask } from '../../../src/tasks/rl-loss/task.ts';
import { tasks } from '../../../src/core/registries.ts';
import '../../../src/tasks/rl-loss/register.ts';
import { TINY_TASK } from './tiny-task.ts';


const space = lossSpace();
const sac = space.fromJSON(SAC_GRAPH);

/** SAC's graph with vertex `id` replaced. */
function withVertex(g: Graph, id: number, vertex: Vertex): Graph {
  return space.fromJSON({ ...g, vertices: g.vertices.map((v, k) => (k + g.inputs === id ? vertex : v)) });
}

describe('the rl-loss task', () => {
  it('scores SAC on the three objectives, the same twice, with each seed kept', () => {
    const task = rlLossTask(TINY_TASK as unknown as Json);
    const a = task.evaluate(sac);
    const b = task.evaluate(sac);
    assert.deepEqual(a.values, b.values);
    assert.equal(a.values.length, 3);
    const perf = a.info!['performanceBySeed'] as number[];
    const gen = a.info!['generalizationBySeed'] as number[];
    assert.equal(perf.length, 2);
    assert.ok(Math.abs(a.values[0]! - (perf[0]! + perf[1]!) / 2) < 1e-12);
    assert.ok(Math.abs(a.values[2]! - (Math.abs(perf[0]! - perf[1]!) / 2 + Math.abs(gen[0]! - gen[1]!) / 2) / 2) < 1e-12);
    for (const v of a.values) assert.ok(Number.isFinite(v));
    assert.ok(a.values[0]! > -1 && a.values[0]! < 1);
  });

  it('trains and scores on the cart-pole as on the pendulum', () => {
    const task = rlLossTask({ ...TINY_TASK, env: 'cartpole', test: [{ poleLength: 2 }, { sliderDamping: 1 }] } as unknown as Json);
    const { values } = task.evaluate(sac);
    for (const v of values) assert.ok(Number.isFinite(v));
    assert.ok(values[0]! >= 0 && values[0]! <= 1, `a cart-pole score is R/1000, got ${values[0]}`);
    assert.throws(() => rlLossTask({ ...TINY_TASK, env: 'cartpole', test: [{ mass: 2 }] } as unknown as Json).evaluate(sac), /cartpole: unknown physics parameter 'mass'/);
  });

  it('is rebuilt from its registered recipe', () => {
    const task = tasks.get('rl-loss')(TINY_TASK as unknown as Json);
    assert.equal(task.id, 'rl-loss');
    assert.deepEqual(task.objectives.map((o) => o.name), ['performance', 'generalization', 'instability']);
  });

  it('fails a loss pair that cannot train the actor or the critics, or that diverges', () => {
    const task = rlLossTask(TINY_TASK as unknown as Json);
    // Vertex 38 is the actor loss; a stop-gradient over it leaves the actor untrained.
    const frozenActor = space.fromJSON({ ...SAC_GRAPH, vertices: [...SAC_GRAPH.vertices, { op: 'stop_gradient', args: [38] }], outputs: [39, 30] });
    assert.match(untrainableReason(frozenActor) ?? '', /actor loss passes no gradient/);
    assert.throws(() => task.evaluate(frozenActor), /actor loss passes no gradient/);
    // The critic's ½ becomes 1e9: the critic loss runs past the divergence limit.
    assert.throws(() => task.evaluate(withVertex(sac, 29, { const: 1e9 })), /critic loss reached/);
  });

  it('fingerprints losses by value and gradient: equal for equal graphs, apart where only a stop-gradient was added', () => {
    const task = rlLossTask(TINY_TASK as unknown as Json);
    assert.deepEqual(task.fingerprint(sac), task.fingerprint(space.fromJSON(JSON.parse(JSON.stringify(SAC_GRAPH)))));
    // The critic's first term as mean((sg(Q1(s, a)) − sg(y))²): the same value, no gradient to Q1.
    const tail: Vertex[] = [{ op: 'stop_gradient', args: [20] }, { op: 'sub', args: [39, 19] }, { op: 'square', args: [40] }, { op: 'batch_mean', args: [41] }, { op: 'add', args: [42, 27] }, { op: 'mul', args: [43, 29] }];
    const noStop = space.fromJSON({ ...SAC_GRAPH, vertices: [...SAC_GRAPH.vertices, ...tail], outputs: [38, 44] });
    const a = task.fingerprint(sac);
    const b = task.fingerprint(noStop);
    assert.ok(Math.abs(a[2]! - b[2]!) < 1e-5 * Math.abs(a[2]!), 'the critic loss value stays');
    assert.notEqual(a[3], b[3], 'the critic gradient differs');
    assert.equal(a[0], b[0]);
    assert.ok(task.fingerprint(withVertex(sac, 29, { const: 0.25 })).some((v, i) => v !== a[i]));
  });

  it('turns a batch-valued output into its mean, and refuses an op outside the loss language', () => {
    const losses = graphLosses(space.fromJSON({ ...SAC_GRAPH, outputs: [37, 30] }));
    assert.equal(typeof losses.actor, 'function');
    assert.throws(() => space.fromJSON({ ...SAC_GRAPH, vertices: [...SAC_GRAPH.vertices.slice(0, -1), { op: 'sin', args: [37] }] }), /'sin' is not in this op set/);
  });

  it('checks its config', () => {
    assert.throws(() => rlLossConfig({ env: 'acrobot' }), /unknown environment "acrobot"; known: pendulum, cartpole, cartpole-swingup/);
    assert.throws(() => rlLossConfig({ stepz: 3 } as Json), /unknown config key 'stepz'/);
    assert.throws(() => rlLossConfig({ seeds: 0 }), /seeds/);
    assert.throws(() => rlLossTask({ ...TINY_TASK, test: [{ mass: 1, spring: 2 }] } as unknown as Json).evaluate(sac), /unknown physics parameter 'spring'/);
  });
});
