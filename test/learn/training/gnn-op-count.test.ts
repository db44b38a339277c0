import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../../src/core/rng.ts';
import { graphPooling, linear, messagePassing, type TypedEdges } from '../../../src/learn/modules/index.ts';
import { adam, optimizer, warmupCosineSchedule } from '../../../src/learn/optim/index.ts';
import { mean, noGrad, square, sub, tensor, type Tensor } from '../../../src/learn/tensor/index.ts';
import { graphSpace, isConst, type Graph } from '../../../src/spaces/graph/index.ts';

/*
 * Issue 14's GNN check: a graph network reads random DAG programs of the project's own graph
 * space and learns how many times one op ('mul') occurs, with R² > 0.95 on held-out programs.
 * Each vertex is a node with a one-hot feature of its kind (input, constant or op); each
 * argument is an edge from the vertex it reads, typed by its position, as the guided-evolution
 * discriminator will see programs.
 */

const OPS = ['add', 'sub', 'mul', 'div', 'sin', 'exp'];
const KINDS = ['input', 'const', ...OPS];
const COUNTED = 'mul';
const WIDTH = 16, BATCH = 32, UPDATES = 300;

interface ProgramBatch {
  readonly nodes: Tensor;
  readonly edges: TypedEdges;
  readonly graphOf: Int32Array;
  readonly graphs: number;
  /** [graphs, 1]: how many vertices apply COUNTED. */
  readonly counts: Tensor;
}

/** The programs as one disjoint union of graphs. */
function encode(programs: readonly Graph[]): ProgramBatch {
  const kinds: number[] = [], graphOf: number[] = [], sources: number[] = [], targets: number[] = [], types: number[] = [], counts: number[] = [];
  programs.forEach((g, index) => {
    const first = kinds.length;
    for (let i = 0; i < g.inputs; i++) kinds.push(0);
    let count = 0;
    g.vertices.forEach((v, k) => {
      if (isConst(v)) {
        kinds.push(1);
        return;
      }
      kinds.push(KINDS.indexOf(v.op));
      if (v.op === COUNTED) count++;
      v.args.forEach((arg, position) => {
        sources.push(first + arg);
        targets.push(first + g.inputs + k);
        types.push(position);
      });
    });
    while (graphOf.length < kinds.length) graphOf.push(index);
    counts.push(count);
  });
  const oneHot = new Float32Array(kinds.length * KINDS.length);
  kinds.forEach((kind, node) => { oneHot[node * KINDS.length + kind] = 1; });
  return {
    nodes: tensor(oneHot, [kinds.length, KINDS.length]),
    edges: { sources: Int32Array.from(sources), targets: Int32Array.from(targets), types: Int32Array.from(types) },
    graphOf: Int32Array.from(graphOf),
    graphs: programs.length,
    counts: tensor(counts, [programs.length, 1]),
  };
}

function rSquared(predicted: Tensor, actual: Tensor): number {
  const y = actual.data, p = predicted.data;
  let average = 0;
  for (const v of y) average += v / y.length;
  let residual = 0, total = 0;
  for (let i = 0; i < y.length; i++) {
    residual += (y[i]! - p[i]!) ** 2;
    total += (y[i]! - average) ** 2;
  }
  return 1 - residual / total;
}

describe('training a graph network', () => {
  it(`learns to count '${COUNTED}' vertices in random DAG programs: R² above 0.95 on held-out programs`, (t) => {
    const rng = new Rng(14);
    const space = graphSpace({ inputs: 2, ops: OPS, maxVertices: 24, initialVertices: [4, 20] });
    const training = Array.from({ length: 2500 }, () => space.random(rng));
    const seen = new Set(training.map((g) => space.key(g)));
    const heldOut = encode(Array.from({ length: 500 }, () => space.random(rng)).filter((g) => !seen.has(space.key(g))));
    assert.ok(heldOut.graphs > 400, `only ${heldOut.graphs} held-out programs differ from the training ones`);

    const embed = linear({ inputSize: KINDS.length, outputSize: WIDTH, rng });
    const layers = [0, 1].map(() => messagePassing({ inputSize: WIDTH, edgeTypes: 2, outputActivation: 'relu', rng }));
    const pool = graphPooling({ reduce: 'sum' });
    const readout = linear({ inputSize: WIDTH, outputSize: 1, rng });
    const predict = (batch: ProgramBatch): Tensor => {
      let h = embed.forward(batch.nodes);
      for (const layer of layers) h = layer.forward(h, batch.edges);
      return readout.forward(pool.forward(h, batch.graphOf, batch.graphs));
    };
    const params = [embed, ...layers, readout].flatMap((m) => m.parameters());
    const opt = optimizer(params, adam(), warmupCosineSchedule({ peak: 1e-2, warmupSteps: 20, totalSteps: UPDATES }));
    for (let update = 0; update < UPDATES; update++) {
      const batch = encode(Array.from({ length: BATCH }, () => training[rng.int(training.length)]!));
      opt.minimize(() => mean(square(sub(predict(batch), batch.counts))));
    }
    const r2 = rSquared(noGrad(() => predict(heldOut)), heldOut.counts);
    t.diagnostic(`held-out R² ${r2}`);
    assert.ok(r2 > 0.95, `held-out R² ${r2}`);
  });
});
