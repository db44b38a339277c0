/**
 * Readable formulas: the printed size of front formulas with only the old tidier (snap whole
 * constants, hash-consing `simplify`) against the algebraic simplifier (`readableFormula`),
 * how many keep the simplified form (the rest fail the equal-on-data check and fall back), and
 * the CPU time per formula of each, as a ratio in the same run.
 * Run: npx tsx bench/sr-readable.ts [--budget 4000]
 */
import { parseArgs } from 'node:util';
import { Rng } from '../src/core/rng.ts';
import { treeSize } from '../src/spaces/graph/algebra/index.ts';
import type { Graph } from '../src/spaces/graph/graph.ts';
import { opSet } from '../src/spaces/graph/op-set.ts';
import { splitRows } from '../src/tasks/symbolic-regression/dataset.ts';
import { nguyen, sampleProblem } from '../src/tasks/symbolic-regression/nguyen.ts';
import { readableFormula, snappedFormula } from '../src/tasks/symbolic-regression/readable.ts';
import { DEFAULT_SR_OPS, searchFormulas } from '../src/tasks/symbolic-regression/search.ts';
import { symbolicRegressionTask } from '../src/tasks/symbolic-regression/task.ts';

const { values } = parseArgs({ options: { budget: { type: 'string', default: '4000' } } });
const ops = opSet(DEFAULT_SR_OPS);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

let before = 0;
let after = 0;
let formulas = 0;
let shorter = 0;
let fellBack = 0;
let snapMs = 0;
let readableMs = 0;
for (const problem of nguyen) {
  const data = sampleProblem(problem, new Rng(1));
  const genotypes: Graph[] = [];
  await searchFormulas({ data, seed: 1, budgetTrials: Number(values.budget), stopWhenExact: false, onStudy: (study) => void study.on('trial', (t) => void (t.id % 10 === 0 && genotypes.push(t.genotype))) });
  const { train, validation } = splitRows(data, 0.25, new Rng(1 ^ 0x5eed));
  const task = symbolicRegressionTask({ train, validation, ops });
  for (const g of genotypes) {
    let start = cpuMs();
    const old = snappedFormula(task, g, ops);
    snapMs += cpuMs() - start;
    start = cpuMs();
    const readable = readableFormula(task, g, ops);
    readableMs += cpuMs() - start;
    before += treeSize(old);
    after += treeSize(readable.program);
    formulas++;
    if (treeSize(readable.program) < treeSize(old)) shorter++;
    // The fallback keeps the source's op set; the simplified form is written in the widened one.
    if (readable.ops === ops) fellBack++;
  }
}
console.log(`${formulas} formulas (every 10th trial of a ${values.budget}-trial search on each Nguyen problem, seed 1)`);
console.log(`printed size (tree nodes): ${before} with the old tidier, ${after} simplified: ratio ${(after / before).toFixed(3)}; ${shorter} formulas shorter (${((100 * shorter) / formulas).toFixed(1)}%); ${fellBack} kept unsimplified (not equal on the data)`);
console.log(`CPU per formula: fit + tidy ${(snapMs / formulas).toFixed(3)} ms, fit + tidy + simplify + check ${(readableMs / formulas).toFixed(3)} ms: ratio ${(readableMs / snapMs).toFixed(2)}`);
