import * as crypto from 'node:crypto';
import { pruneNb101 } from './domain.ts';

// crypto.hash (Node >= 20.12) skips the Hash object; older Node 20 releases lack it.
const md5Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('md5', text, 'hex') : (text) => crypto.createHash('md5').update(text).digest('hex');

/**
 * NAS-Bench-101's graph-invariant module hash (`graph_util.hash_module`), bit for bit: each
 * vertex starts as the md5 of the Python tuple string `(out-degree, in-degree, label)`, then,
 * once per vertex, becomes the md5 of its sorted in-neighbour hashes, `|`, its sorted
 * out-neighbour hashes, `|`, and its own hash; the module hash is the md5 of the Python repr
 * of the sorted vertex hashes. Isomorphic labelled graphs get the same hash.
 */
export function hashModule(matrix: readonly (readonly number[])[], labels: readonly number[]): string {
  const n = matrix.length;
  if (labels.length !== n) throw new RangeError(`hashModule: ${labels.length} labels for ${n} vertices`);
  let hashes: string[] = [];
  for (let v = 0; v < n; v++) {
    let outDegree = 0;
    let inDegree = 0;
    for (let w = 0; w < n; w++) {
      outDegree += matrix[v]![w]!;
      inDegree += matrix[w]![v]!;
    }
    hashes.push(md5Hex(`(${outDegree}, ${inDegree}, ${labels[v]})`));
  }
  for (let round = 0; round < n; round++) {
    const next: string[] = [];
    for (let v = 0; v < n; v++) {
      const inNeighbours: string[] = [];
      const outNeighbours: string[] = [];
      for (let w = 0; w < n; w++) {
        if (matrix[w]![v]) inNeighbours.push(hashes[w]!);
        if (matrix[v]![w]) outNeighbours.push(hashes[w]!);
      }
      next.push(md5Hex(`${inNeighbours.sort().join('')}|${outNeighbours.sort().join('')}|${hashes[v]}`));
    }
    hashes = next;
  }
  return md5Hex(pythonListRepr(hashes.sort()));
}

/**
 * The module hash of a cell, as the dataset keys it: the spec is checked, pruned and labelled
 * by its ops' canonical indices first.
 * @throws InvalidSpecError or OutOfDomainError when the cell is not in the space.
 */
export function nb101Hash(spec: unknown): string {
  const { matrix, labels } = pruneNb101(spec);
  return hashModule(matrix, labels);
}

/** Python's `str()` of a list of plain ASCII strings: `['a', 'b']`. */
function pythonListRepr(items: readonly string[]): string {
  return items.length === 0 ? '[]' : `['${items.join("', '")}']`;
}
