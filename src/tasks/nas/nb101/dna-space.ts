import { oneOf, template } from '../../../spaces/symbolic/index.ts';
import type { DNA, OneOf, Template } from '../../../spaces/symbolic/index.ts';
import { NB101_INPUT, NB101_MAX_VERTICES, NB101_OPS, NB101_OUTPUT } from './spec.ts';
import type { Nb101Spec } from './spec.ts';

const N = NB101_MAX_VERTICES;
const EDGE_SLOTS = (N * (N - 1)) / 2;

/** NAS-Bench-101 cells as DNA: 21 edge bits, then 5 interior ops. */
export type Nb101DnaSpace = Template<{ edges: OneOf<0 | 1>[]; ops: OneOf<(typeof NB101_OPS)[number]>[] }>;

/**
 * The 7-vertex NAS-Bench-101 cell as a DNA template of independent decisions (each of the
 * 21 upper-triangular edges on or off, each of the 5 interior ops), the encoding the
 * NAS-Bench-101 paper gives its REINFORCE controller. Many DNAs are invalid cells
 * (disconnected, or more than 9 edges after pruning); `nb101SpecOfDna` still converts them
 * and the benchmark answers them as invalid.
 */
export function nasBench101DnaSpace(): Nb101DnaSpace {
  return template({
    edges: Array.from({ length: EDGE_SLOTS }, () => oneOf([0, 1] as const)),
    ops: Array.from({ length: N - 2 }, () => oneOf(NB101_OPS)),
  });
}

/** The unpruned 7-vertex cell of a DNA of `nasBench101DnaSpace`; edges in row-major order. */
export function nb101SpecOfDna(dna: DNA): Nb101Spec {
  const values = dna.values;
  const matrix = Array.from({ length: N }, () => new Array<number>(N).fill(0));
  let slot = 0;
  for (let i = 0; i < N - 1; i++) for (let j = i + 1; j < N; j++) matrix[i]![j] = values[slot++]!;
  const ops: string[] = [NB101_INPUT];
  for (let v = 0; v < N - 2; v++) ops.push(NB101_OPS[values[EDGE_SLOTS + v]!]!);
  ops.push(NB101_OUTPUT);
  return { matrix, ops };
}
