/**
 * Compiled graph evaluation against the same formula written by hand in JS (each row read
 * once into a local, as a careful person would), over 10^5 rows.
 * Prints, per formula, the median time of each (interleaved repetitions after a warm-up) and
 * the ratio hand/compiled: 1.0 means the generated code is as fast as hand-written code.
 * Also prints, for context, the reference interpreter's speed and the cost of a cold compile.
 *
 *   npx tsx bench/graph-compile.ts
 */
import { Rng } from '../src/core/rng.ts';
import { compileGraph, constantsOf, graphSpace, interpret, opSet, standardOps, toInfix, type Graph } from '../src/spaces/graph/index.ts';

const ROWS = 100_000;
const WARMUP = 30;
const REPETITIONS = 61;

const ops = opSet(['add', 'sub', 'mul', 'sin', 'cos', 'square']);

interface Formula {
  readonly graph: Graph;
  readonly hand: (x: Float64Array, out: Float64Array, rows: number) => void;
}

const formulas: Formula[] = [
  {
    // sin(x^2)·cos(x) − 1
    graph: { inputs: 1, vertices: [{ op: 'square', args: [0] }, { op: 'sin', args: [1] }, { op: 'cos', args: [0] }, { op: 'mul', args: [2, 3] }, { const: 1 }, { op: 'sub', args: [4, 5] }], outputs: [6] },
    hand: (x, out, rows) => {
      for (let i = 0; i < rows; i++) {
        const v = x[i]!;
        out[i] = Math.sin(v * v) * Math.cos(v) - 1;
      }
    },
  },
  {
    // x·x·x + x·x + x
    graph: { inputs: 1, vertices: [{ op: 'mul', args: [0, 0] }, { op: 'mul', args: [1, 0] }, { op: 'add', args: [2, 1] }, { op: 'add', args: [3, 0] }], outputs: [4] },
    hand: (x, out, rows) => {
      for (let i = 0; i < rows; i++) {
        const v = x[i]!;
        out[i] = v * v * v + v * v + v;
      }
    },
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function time(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

const rng = new Rng(1);
const x = Float64Array.from({ length: ROWS }, () => rng.uniform(-3, 3));
const handOut = new Float64Array(ROWS);
const compiledOut = new Float64Array(ROWS);

console.log(`rows per run: ${ROWS}; ${WARMUP} warm-up runs, then ${REPETITIONS} interleaved repetitions (medians)`);
for (const { graph, hand } of formulas) {
  const compiled = compileGraph(graph, ops);
  const constants = constantsOf(graph);
  const runHand = () => hand(x, handOut, ROWS);
  const runCompiled = () => compiled.run([x], constants, [compiledOut], ROWS);
  for (let i = 0; i < WARMUP; i++) {
    runHand();
    runCompiled();
  }
  const handMs: number[] = [];
  const compiledMs: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    // Alternate which goes first, so neither always runs on a cache warmed by the other.
    if (i % 2 === 0) {
      handMs.push(time(runHand));
      compiledMs.push(time(runCompiled));
    } else {
      compiledMs.push(time(runCompiled));
      handMs.push(time(runHand));
    }
  }
  const identical = handOut.every((v, i) => Object.is(v, compiledOut[i]));
  const h = median(handMs);
  const c = median(compiledMs);
  console.log(`\n${toInfix(graph, { ops })[0]}`);
  console.log(`  hand-written JS : ${h.toFixed(3)} ms  (${(ROWS / h / 1000).toFixed(1)} M rows/s)`);
  console.log(`  compiled graph  : ${c.toFixed(3)} ms  (${(ROWS / c / 1000).toFixed(1)} M rows/s)`);
  console.log(`  ratio hand/compiled: ${(h / c).toFixed(3)}   outputs bit-identical: ${identical ? 'yes' : 'NO'}`);
}

// Context: the reference interpreter (one call per row) and a cold compile (cache miss).
const sample = formulas[0]!.graph;
const interpretRows = 20_000;
const interpretMs = time(() => {
  for (let i = 0; i < interpretRows; i++) interpret(sample, ops, [x[i]!]);
});
console.log(`\ninterpreter: ${((interpretRows / interpretMs) * 1000).toExponential(2)} rows/s (reference only)`);

// A fresh op set has an empty cache, so every first compile below is a miss.
const space = graphSpace({ inputs: 3, ops: [...standardOps.keys()], maxVertices: 24, initialVertices: [4, 16] });
const programs = Array.from({ length: 2000 }, () => space.random(rng));
const coldMs = time(() => {
  for (const g of programs) compileGraph(g, space.ops);
});
const warmMs = time(() => {
  for (const g of programs) compileGraph(g, space.ops);
});
console.log(`compile: ${((programs.length / coldMs) * 1000).toFixed(0)} programs/s cold (validate + generate + new Function), ${((programs.length / warmMs) * 1000).toFixed(0)}/s from the cache; ratio ${(coldMs / warmMs).toFixed(1)}`);
