import { compileGraph, constantsOf, graphSpace, regularizedEvolution, study, toInfix, type Graph, type Task } from 'amoeba';

// A space of programs with two inputs, built from four ops and learnable constants.
const space = graphSpace({ inputs: 2, ops: ['add', 'sub', 'mul', 'pdiv'], maxVertices: 12 });

// What "good" means: closeness to x·y + x on a few points.
const x = Float64Array.of(1, 2, 3, 0.5, -1);
const y = Float64Array.of(2, 3, 1, 4, 2);
const out = new Float64Array(x.length);
const task: Task<Graph> = {
  id: 'quickstart',
  objectives: [{ name: 'error', goal: 'min' }],
  evaluate(g) {
    compileGraph(g, space.ops).run([x, y], constantsOf(g), [out]);
    let error = 0;
    for (let i = 0; i < x.length; i++) error += Math.abs(out[i]! - (x[i]! * y[i]! + x[i]!));
    return { values: [error] };
  },
};

const algorithm = regularizedEvolution({ space, populationSize: 100, tournamentSize: 10 });
const search = study({ space, task, algorithm, seed: 1, budgetTrials: 20_000, stopWhen: (t) => t.values[0]! < 1e-9 });
const summary = await search.run();
const best = search.best()!;
console.log(`${summary.trials} trials; best: ${toInfix(best.genotype, { ops: space.ops, names: ['x', 'y'] })[0]} (error ${best.values[0]})`);
