/**
 * A NAS-style search space in the symbolic API: the NAS-Bench-201 cell (Dong and Yang 2020),
 * a DAG of 4 nodes whose 6 edges each pick one of 5 operations (15,625 cells), inside a small
 * network with a few macro choices. Regularized evolution searches it through the sample loop.
 *
 * With `../shared/data/nasbench201/mini-nb201-12epoch.csv` present (all 15,625 cells with
 * CIFAR-10 validation accuracy after 12 epochs), the reward is that real accuracy; without it,
 * a made-up proxy stands in and the output says so.
 *
 *   npx tsx examples/symbolic-nas.ts [trials] [seeds]
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  dnaRegularizedEvolution,
  field,
  intValue,
  manyOf,
  oneOf,
  sample,
  symbolicClass,
  template,
  toSymbolicJSON,
} from '../src/spaces/symbolic/index.ts';
import type { Template } from '../src/spaces/symbolic/index.ts';

/** The five operations of NAS-Bench-201, in its own spelling. */
export const OPS = ['none', 'skip_connect', 'nor_conv_1x1', 'nor_conv_3x3', 'avg_pool_3x3'] as const;
type Op = (typeof OPS)[number];

/** Edges in NAS-Bench-201 order: node 1 from 0; node 2 from 0, 1; node 3 from 0, 1, 2. */
const EDGE_INPUTS = [0, 0, 1, 0, 1, 2];

/** A cell: the operation on each of its 6 edges. */
export const Cell = symbolicClass('example.nas.Cell', { edges: field.list(field.enum(OPS), { minLength: 6, maxLength: 6 }) }, { doc: 'a NAS-Bench-201 cell' });
export type Cell = InstanceType<typeof Cell>;

/** The network around the cell: macro choices a real search would also make. */
export const Network = symbolicClass('example.nas.Network', {
  cell: field.instance(Cell),
  channels: field.int({ min: 1, doc: 'channels of the first stage' }),
  cellsPerStage: field.int({ min: 1 }),
  augment: field.list(field.string(), { doc: 'data augmentations, in order' }),
});
export type Network = InstanceType<typeof Network>;

/** The cell space alone (6 decisions of 5 candidates): what the tabular benchmark scores. */
export const cellSpace = Cell.space({ edges: Array.from({ length: 6 }, () => oneOf(OPS)) });

/** The whole network space: the cell plus channels, depth and an ordered pick of augmentations. */
export const networkSpace = Network.space({
  cell: cellSpace,
  channels: oneOf([16, 32, 64]),
  cellsPerStage: intValue(1, 5),
  augment: manyOf(2, ['crop', 'flip', 'cutout', 'mixup']),
});

/** NAS-Bench-201's cell string, `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`. */
export function cellString(cell: Cell): string {
  const part = (from: number, to: number) => cell.edges.slice(from, to).map((op, i) => `${op}~${EDGE_INPUTS[from + i]}`).join('|');
  return `|${part(0, 1)}|+|${part(1, 3)}|+|${part(3, 6)}|`;
}

/** CIFAR-10 validation accuracy (%) by cell string, from the mini NAS-Bench-201 table. */
export function loadAccuracies(file: string): Map<string, number> {
  const rows = readFileSync(file, 'utf8').trim().split('\n');
  const column = rows[0]!.split(',').indexOf('cifar10-val');
  return new Map(rows.slice(1).map((row) => row.split(',')).map((cells) => [cells[0]!, Number(cells[column])]));
}

/** A stand-in score when the table is absent: convolutions help, 'none' into the output hurts. */
export function proxyAccuracy(cell: Cell): number {
  const gain: Record<Op, number> = { none: 0, skip_connect: 4, nor_conv_1x1: 8, nor_conv_3x3: 12, avg_pool_3x3: 3 };
  const intoOutput = cell.edges.slice(3).filter((op) => op === 'none').length;
  return 20 + cell.edges.reduce((sum, op) => sum + gain[op], 0) - 10 * intoOutput;
}

/** Runs regularized evolution for `trials` over the cell space and returns the best cell and its accuracy. */
export async function searchCells(options: { trials: number; seed: number; accuracy: (cell: Cell) => number }): Promise<{ best: Cell; accuracy: number }> {
  const cells: Template<typeof cellSpace> = template(cellSpace);
  const algorithm = dnaRegularizedEvolution(cells, { populationSize: 20, tournamentSize: 5 });
  let best: { best: Cell; accuracy: number } | undefined;
  for await (const [cell, feedback] of sample(cells, algorithm, { numExamples: options.trials, seed: options.seed })) {
    const accuracy = options.accuracy(cell);
    if (best === undefined || accuracy > best.accuracy) best = { best: cell, accuracy };
    feedback(accuracy);
  }
  return best!;
}

/** Prints the spaces' decisions, then searches cells over several seeds. */
export async function main(trials = 300, seeds = 5): Promise<void> {
  const network = template(networkSpace);
  console.log(`network space: ${network.spec.size} decisions, ${network.cardinality.toLocaleString('en-US')} networks`);
  for (const d of network.spec.decisions.slice(0, 3)) console.log(`  ${d.id}: ${d.kind} of ${d.size} (${d.labels?.join(', ')})`);
  console.log(`  ... ${network.spec.decisions.slice(3).map((d) => d.id).join(', ')}`);
  const example = network.decode(network.fromJSON([3, 3, 1, 0, 2, 4, 2, 3, 1, 2]));
  console.log(`DNA [3,3,1,0,2,4,2,3,1,2] decodes to ${JSON.stringify(toSymbolicJSON(example))}`);

  const table = fileURLToPath(new URL('../../shared/data/nasbench201/mini-nb201-12epoch.csv', import.meta.url));
  const real = existsSync(table);
  const accuracies = real ? loadAccuracies(table) : undefined;
  const accuracy = accuracies === undefined ? proxyAccuracy : (cell: Cell) => accuracies.get(cellString(cell)) ?? 0;
  const optimum = accuracies === undefined ? undefined : Math.max(...accuracies.values());
  console.log(real ? `reward: CIFAR-10 validation accuracy after 12 epochs (best of all cells ${optimum}%)` : 'reward: a proxy score (mini NAS-Bench-201 table not found)');
  for (let seed = 1; seed <= seeds; seed++) {
    const { best, accuracy: score } = await searchCells({ trials, seed, accuracy });
    console.log(`seed ${seed}: best after ${trials} trials ${score.toFixed(2)} ${cellString(best)}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main(Number(process.argv[2] ?? 300), Number(process.argv[3] ?? 5));
}
