import type { Nb101Spec } from './spec.ts';

/**
 * Removes every vertex that is not on a path from the input (vertex 0) to the output (the
 * last vertex), with its row, column and op, as NAS-Bench-101's `ModelSpec` does. Returns
 * undefined when the input does not reach the output. The argument is left unchanged; the
 * shape is assumed checked (`checkSpecShape`).
 */
export function pruneSpec(spec: Nb101Spec): { matrix: number[][]; ops: string[] } | undefined {
  const { matrix, ops } = spec;
  const n = matrix.length;
  const fromInput = reachable(n, 0, (from, to) => matrix[from]![to] === 1);
  const toOutput = reachable(n, n - 1, (from, to) => matrix[to]![from] === 1);
  const kept: number[] = [];
  for (let v = 0; v < n; v++) if (fromInput[v] && toOutput[v]) kept.push(v);
  // Fewer than two kept vertices means the input does not reach the output.
  if (kept.length < 2) return undefined;
  return {
    matrix: kept.map((i) => kept.map((j) => matrix[i]![j]!)),
    ops: kept.map((v) => ops[v]!),
  };
}

/** Marks the vertices reachable from `start` by following `linked(from, to)` (depth first). */
function reachable(n: number, start: number, linked: (from: number, to: number) => boolean): boolean[] {
  const seen = new Array<boolean>(n).fill(false);
  if (n === 0) return seen;
  seen[start] = true;
  const frontier = [start];
  while (frontier.length > 0) {
    const top = frontier.pop()!;
    for (let v = 0; v < n; v++) {
      if (!seen[v] && linked(top, v)) {
        seen[v] = true;
        frontier.push(v);
      }
    }
  }
  return seen;
}
