import type { EncodingRecipe } from '../../learn/guide/encodings.ts';
import { NB101_INPUT, NB101_OPS, NB101_OUTPUT } from './nb101/spec.ts';
import { NB201_OPS } from './nb201/cell.ts';

/** How guided evolution reads NAS-Bench-201 cells (DNA of `nasBench201Space`): ops on the edges 1←0, 2←0, 2←1, 3←0, 3←1, 3←2; 'none' adds nothing. */
export const NB201_GUIDE_ENCODING: EncodingRecipe = {
  kind: 'edge-op-cell',
  nodes: 4,
  edges: [[0, 1], [0, 2], [1, 2], [0, 3], [1, 3], [2, 3]],
  ops: [...NB201_OPS],
  zeroOps: ['none'],
};

/** How guided evolution reads NAS-Bench-101 cells ({ matrix, ops }). */
export const NB101_GUIDE_ENCODING: EncodingRecipe = { kind: 'node-op-cell', ops: [NB101_INPUT, ...NB101_OPS, NB101_OUTPUT] };
