import type { ColumnEvaluator } from '../../spaces/graph/column-evaluator.ts';
import { constantsOf } from '../../spaces/graph/constants.ts';
import { isConst, type Graph } from '../../spaces/graph/graph.ts';
import type { RegressionData } from './dataset.ts';

/**
 * Decimal digits a formula loses to cancelling terms on `data`: log10 of how much more its
 * output varies, relative to its size, than its least varying intermediate value that depends
 * on the inputs. Variation is the standard deviation over the root mean square. An honest
 * formula scores near 0; numerical tricks score high: in `7748490·cos(x/3409) − 23245500` the
 * cosine's value varies by a few parts in 10^8, which the huge constants then amplify, and in
 * `cos(cos(x·c)/c)` for a tiny c the inner cosine is 1 to about six digits. Such a formula fits
 * the sampled rows but holds its information in the last digits of its constants.
 */
export function digitsLost(g: Graph, evaluator: ColumnEvaluator, data: RegressionData): number {
  const ids = g.inputs + g.vertices.length;
  const dependsOnInputs = new Uint8Array(ids);
  for (let i = 0; i < g.inputs; i++) dependsOnInputs[i] = 1;
  const watched: number[] = [];
  g.vertices.forEach((v, k) => {
    if (isConst(v) || !v.args.some((a) => dependsOnInputs[a] === 1)) return;
    dependsOnInputs[g.inputs + k] = 1;
    watched.push(g.inputs + k);
  });
  const output = g.outputs[0];
  if (output === undefined || watched.length === 0) return 0;
  const columns = evaluator.run({ ...g, outputs: [output, ...watched] }, data.features, constantsOf(g), data.rows);
  const outputVariation = relativeVariation(columns[0]!, data.rows);
  if (!(outputVariation > 0)) return 0;
  // A value that does not vary at all (x − x) carries nothing to amplify: it is left out.
  let least = Infinity;
  for (let k = 1; k < columns.length; k++) {
    const variation = relativeVariation(columns[k]!, data.rows);
    if (Number.isNaN(variation)) return Infinity;
    if (variation > 0) least = Math.min(least, variation);
  }
  return least === Infinity ? 0 : Math.max(0, Math.log10(outputVariation / least));
}

/** Standard deviation over root mean square of the first `rows` values: 0 for a constant, NaN when not finite. */
function relativeVariation(values: Float64Array, rows: number): number {
  // Two passes: the one-pass variance would itself cancel to 0 at a variation near 1e-8.
  let mean = 0;
  for (let i = 0; i < rows; i++) mean += values[i]!;
  mean /= rows;
  let variance = 0;
  let meanSquare = 0;
  for (let i = 0; i < rows; i++) {
    variance += (values[i]! - mean) ** 2;
    meanSquare += values[i]! * values[i]!;
  }
  if (!Number.isFinite(meanSquare)) return NaN;
  return meanSquare === 0 ? 0 : Math.sqrt(variance / meanSquare);
}
