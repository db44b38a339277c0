import type { Graph, Vertex } from '../../spaces/graph/graph.ts';

/** The offset and slope that best map a program's outputs onto the target. */
export interface LinearScale {
  readonly offset: number;
  readonly slope: number;
}

/** The scale that leaves a program as it is. */
export const IDENTITY_SCALE: LinearScale = { offset: 0, slope: 1 };

/**
 * Least-squares `offset + slope · f ≈ y` over the first `rows` values (linear scaling, Keijzer
 * 2003): every candidate gets its best offset and slope for free, so the search only has to find
 * the shape of the formula. A constant `f` gets slope 0 and the target's mean.
 */
export function linearScale(f: Float64Array, y: Float64Array, rows: number): LinearScale {
  let meanF = 0;
  let meanY = 0;
  for (let i = 0; i < rows; i++) {
    meanF += f[i]!;
    meanY += y[i]!;
  }
  meanF /= rows;
  meanY /= rows;
  let covariance = 0;
  let varianceF = 0;
  for (let i = 0; i < rows; i++) {
    const df = f[i]! - meanF;
    covariance += df * (y[i]! - meanY);
    varianceF += df * df;
  }
  const slope = varianceF > 0 && Number.isFinite(varianceF) ? covariance / varianceF : 0;
  return { offset: meanY - slope * meanF, slope };
}

/** The program `offset + slope · g` (one output), with offset and slope as its last two constants. */
export function withLinearScale(g: Graph, scale: LinearScale): Graph {
  const output = g.outputs[0]!;
  const first = g.inputs + g.vertices.length;
  const added: Vertex[] = [
    { const: scale.slope },
    { op: 'mul', args: [first, output] },
    { const: scale.offset },
    { op: 'add', args: [first + 1, first + 2] },
  ];
  return { inputs: g.inputs, vertices: [...g.vertices, ...added], outputs: [first + 3] };
}
