import { isConst, type Graph } from './graph.ts';
import type { OpSet } from './op-set.ts';

/*
 * Merkle hashing: each id's hash is computed bottom-up from its op name and its children's
 * hashes (sorted for commutative ops), so the key ignores vertex order and argument order of
 * commutative ops, and two copies of one subexpression hash alike. Two 32-bit murmur3-style
 * lanes with different constants make a 64-bit key, printed as 16 hex digits.
 */

const TAG_INPUT = 0x1a2b3c4d;
const TAG_CONST = 0x5e6f7081;
const TAG_OP = 0x13579bdf;
const TAG_GRAPH = 0x2468ace0;

function mixA(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function mixB(h: number, word: number): number {
  let k = Math.imul(word, 0x85ebca77);
  k = (k << 17) | (k >>> 15);
  h ^= Math.imul(k, 0xc2b2ae3d);
  h = (h << 11) | (h >>> 21);
  return (Math.imul(h, 9) + 0x27d4eb2f) | 0;
}

function finalize(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Accumulates words into the two lanes of a 64-bit hash. */
class Hasher {
  a = 0x9747b28c;
  b = 0x3c6ef372;
  length = 0;
  add(word: number): this {
    this.a = mixA(this.a, word);
    this.b = mixB(this.b, word);
    this.length++;
    return this;
  }
  addPair(a: number, b: number): this {
    return this.add(a).add(b);
  }
  finish(): [number, number] {
    return [finalize(this.a, this.length), finalize(this.b, this.length)];
  }
}

const nameHashes = new Map<string, number>();
function nameHash(name: string): number {
  let h = nameHashes.get(name);
  if (h === undefined) {
    const hasher = new Hasher();
    for (let i = 0; i < name.length; i++) hasher.add(name.charCodeAt(i));
    h = hasher.finish()[0];
    nameHashes.set(name, h);
  }
  return h;
}

const bits = new Float64Array(1);
const bitWords = new Uint32Array(bits.buffer);

/** Pairs of lanes sorted, so commutative argument order does not matter. */
function comparePairs(x: [number, number], y: [number, number]): number {
  return x[0] - y[0] || x[1] - y[1];
}

/** Hashes every id bottom-up; constants hash by value unless `ignoreConstants`. */
function merkle(g: Graph, ops: OpSet, ignoreConstants: boolean): string {
  const laneA = new Uint32Array(g.inputs + g.vertices.length);
  const laneB = new Uint32Array(laneA.length);
  for (let i = 0; i < g.inputs; i++) [laneA[i], laneB[i]] = new Hasher().add(TAG_INPUT).add(i).finish();
  for (let k = 0; k < g.vertices.length; k++) {
    const v = g.vertices[k]!;
    const hasher = new Hasher();
    if (isConst(v)) {
      hasher.add(TAG_CONST);
      if (!ignoreConstants) {
        bits[0] = v.const === 0 ? 0 : v.const;
        hasher.addPair(bitWords[0]!, bitWords[1]!);
      }
    } else {
      hasher.add(TAG_OP).add(nameHash(v.op)).add(v.args.length);
      const children = v.args.map((id): [number, number] => [laneA[id]!, laneB[id]!]);
      if (ops.find(v.op)?.commutative === true) children.sort(comparePairs);
      for (const [a, b] of children) hasher.addPair(a, b);
    }
    [laneA[g.inputs + k], laneB[g.inputs + k]] = hasher.finish();
  }
  const top = new Hasher().add(TAG_GRAPH).add(g.inputs).add(g.outputs.length);
  for (const id of g.outputs) top.addPair(laneA[id]!, laneB[id]!);
  const [a, b] = top.finish();
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/**
 * The structural key of a graph: 16 hex digits, equal for graphs equal up to vertex order,
 * argument order of commutative ops and duplicated subexpressions; constants count by value.
 */
export function graphKey(g: Graph, ops: OpSet): string {
  return merkle(g, ops, false);
}

/** Like `graphKey` but blind to constant values: graphs that differ only in fitted constants share it. */
export function shapeKey(g: Graph, ops: OpSet): string {
  return merkle(g, ops, true);
}
