import { avalanche, hex64, murmurRound } from '../../core/hash-mix.ts';
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

/** Lane A: MurmurHash3 x86_32's own round. */
function mixA(h: number, word: number): number {
  return murmurRound(h, word, 0xcc9e2d51, 15, 0x1b873593, 13, 5, 0xe6546b64);
}

/** Lane B: the same round with other constants, so the two lanes are independent. */
function mixB(h: number, word: number): number {
  return murmurRound(h, word, 0x85ebca77, 17, 0xc2b2ae3d, 11, 9, 0x27d4eb2f);
}

function finalize(h: number, length: number): number {
  return avalanche(h ^ length);
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

/** Hashes one vertex into lanes `k` of laneA/laneB without allocating (the key is computed per trial). */
function hashVertex(laneA: Uint32Array, laneB: Uint32Array, id: number, tag: number, words: readonly number[], children: readonly number[], sortChildren: boolean): void {
  let a = 0x9747b28c;
  let b = 0x3c6ef372;
  let length = 0;
  a = mixA(a, tag);
  b = mixB(b, tag);
  length++;
  for (const w of words) {
    a = mixA(a, w);
    b = mixB(b, w);
    length++;
  }
  if (sortChildren && children.length === 2) {
    // Commutative binary ops (the common case): hash the smaller child first.
    const x = children[0]!;
    const y = children[1]!;
    const swap = laneA[x]! > laneA[y]! || (laneA[x] === laneA[y] && laneB[x]! > laneB[y]!);
    const first = swap ? y : x;
    const second = swap ? x : y;
    a = mixA(mixA(a, laneA[first]!), laneB[first]!);
    b = mixB(mixB(b, laneA[first]!), laneB[first]!);
    a = mixA(mixA(a, laneA[second]!), laneB[second]!);
    b = mixB(mixB(b, laneA[second]!), laneB[second]!);
    length += 4;
  } else {
    const order = sortChildren ? [...children].sort((x, y) => laneA[x]! - laneA[y]! || laneB[x]! - laneB[y]!) : children;
    for (const c of order) {
      a = mixA(mixA(a, laneA[c]!), laneB[c]!);
      b = mixB(mixB(b, laneA[c]!), laneB[c]!);
      length += 2;
    }
  }
  laneA[id] = finalize(a, length);
  laneB[id] = finalize(b, length);
}

const NO_WORDS: readonly number[] = [];
const constWords = [0, 0];
const opWords = [0, 0];
const inputWords = [0];
let lanesA = new Uint32Array(64);
let lanesB = new Uint32Array(64);

/** Hashes every id bottom-up; constants hash by value unless `ignoreConstants`. */
function merkle(g: Graph, ops: OpSet, ignoreConstants: boolean): string {
  const ids = g.inputs + g.vertices.length;
  if (ids > lanesA.length) {
    lanesA = new Uint32Array(2 * ids);
    lanesB = new Uint32Array(2 * ids);
  }
  const laneA = lanesA;
  const laneB = lanesB;
  for (let i = 0; i < g.inputs; i++) {
    inputWords[0] = i;
    hashVertex(laneA, laneB, i, TAG_INPUT, inputWords, NO_WORDS, false);
  }
  for (let k = 0; k < g.vertices.length; k++) {
    const v = g.vertices[k]!;
    if (isConst(v)) {
      let words = NO_WORDS;
      if (!ignoreConstants) {
        bits[0] = v.const === 0 ? 0 : v.const;
        constWords[0] = bitWords[0]!;
        constWords[1] = bitWords[1]!;
        words = constWords;
      }
      hashVertex(laneA, laneB, g.inputs + k, TAG_CONST, words, NO_WORDS, false);
    } else {
      opWords[0] = nameHash(v.op);
      opWords[1] = v.args.length;
      hashVertex(laneA, laneB, g.inputs + k, TAG_OP, opWords, v.args, ops.find(v.op)?.commutative === true);
    }
  }
  let a = mixA(mixA(mixA(0x9747b28c, TAG_GRAPH), g.inputs), g.outputs.length);
  let b = mixB(mixB(mixB(0x3c6ef372, TAG_GRAPH), g.inputs), g.outputs.length);
  for (const id of g.outputs) {
    a = mixA(mixA(a, laneA[id]!), laneB[id]!);
    b = mixB(mixB(b, laneA[id]!), laneB[id]!);
  }
  const length = 3 + 2 * g.outputs.length;
  return hex64(finalize(a, length), finalize(b, length));
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
