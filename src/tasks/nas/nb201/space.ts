import { oneOf, template } from '../../../spaces/symbolic/index.ts';
import type { DNA, OneOf, Template } from '../../../spaces/symbolic/index.ts';
import { NB201_EDGES, NB201_OPS } from './cell.ts';

/** The NAS-Bench-201 space as a DNA template: six decisions, one op per edge. */
export type Nb201Space = Template<OneOf<(typeof NB201_OPS)[number]>[]>;

// Edge e connects EDGE_SOURCES[e] to EDGE_TARGETS[e], in the cell string's order.
const EDGE_NAMES = ['1<-0', '2<-0', '2<-1', '3<-0', '3<-1', '3<-2'];

/**
 * The NAS-Bench-201 cell space as a PyGlove-style template of six `oneOf`s over the five
 * ops (5^6 = 15,625 cells), so every DNA algorithm (REINFORCE included) can search it. Slot
 * e of a DNA is edge e's op index, in the cell string's edge order; `decode` gives op names.
 *
 * @example
 * const space = nasBench201Space();
 * formatNb201Cell(nb201CellOfDna(space.random(new Rng(1))));
 */
export function nasBench201Space(): Nb201Space {
  return template(Array.from({ length: NB201_EDGES }, (_, e) => oneOf(NB201_OPS, { name: `edge ${EDGE_NAMES[e]}` })));
}

/** The op indices of a DNA of `nasBench201Space`. */
export function nb201CellOfDna(dna: DNA): number[] {
  return Array.from(dna.values.subarray(0, NB201_EDGES));
}

/** The cell code (see `nb201CellCode`) of a DNA of `nasBench201Space`, without checks. */
export function nb201CodeOfDna(dna: DNA): number {
  const v = dna.values;
  return v[0]! + 5 * (v[1]! + 5 * (v[2]! + 5 * (v[3]! + 5 * (v[4]! + 5 * v[5]!))));
}
