import { compileGraph, constantsOf, opSet, type Graph, type Task } from 'amoeba';
import { tasks } from 'amoeba/registries';
import type { SearchFile } from 'amoeba/store';

// A task registered by id, so the study can be resumed and evaluated on other threads or machines.
tasks.register('fit-xy-plus-x', (config): Task<Graph> => {
  const { points } = config as { points: number };
  const x = Float64Array.from({ length: points }, (_, i) => i - points / 2);
  const y = Float64Array.from({ length: points }, (_, i) => (i * 7) % 5);
  const out = new Float64Array(points);
  const program = (g: Graph) => compileGraph(g, opSet(['add', 'sub', 'mul'])).run([x, y], constantsOf(g), [out]);
  return {
    id: 'fit-xy-plus-x',
    objectives: [{ name: 'error', goal: 'min' }],
    evaluate(g) {
      program(g);
      let error = 0;
      for (let i = 0; i < points; i++) error += Math.abs(out[i]! - (x[i]! * y[i]! + x[i]!));
      return { values: [error] };
    },
  };
});

export default {
  task: { id: 'fit-xy-plus-x', config: { points: 20 } },
  space: { id: 'graph', config: { inputs: 2, ops: ['add', 'sub', 'mul'], maxVertices: 10 } },
  algorithm: { id: 'regularized-evolution', config: { populationSize: 100, tournamentSize: 10 } },
  budgetTrials: 5_000,
} satisfies SearchFile;
