import { UsageError } from '../../core/errors.ts';
import { outputBuffer } from './recycling.ts';
import { gradientOf, passGradient, result } from './autograd.ts';
import { shapeText, type Tensor } from './tensor.ts';

/**
 * scale·x + y in one pass, for a one-element `scale` (a learned weight such as GIN's 1 + ε)
 * and x, y of one shape. Against mul then add it saves a tensor and, backward, hands y its
 * gradient as it is.
 */
export function scaledAdd(scale: Tensor, x: Tensor, y: Tensor): Tensor {
  if (scale.size !== 1 || x.size !== y.size || x.shape.some((d, i) => d !== y.shape[i]) || x.rank !== y.rank) {
    throw new UsageError(`scaledAdd: needs a one-element scale and x, y of one shape, got ${shapeText(scale.shape)}, ${shapeText(x.shape)} and ${shapeText(y.shape)}`);
  }
  if (scale.dtype !== x.dtype || y.dtype !== x.dtype) throw new UsageError('scaledAdd: operands must share one element type; convert with cast()');
  const a = scale.data[0]!;
  const xs = x.data, ys = y.data;
  const out = outputBuffer(x.dtype, x.size);
  for (let i = 0; i < out.length; i++) out[i] = a * xs[i]! + ys[i]!;
  const z: Tensor = result(out, x.shape, [scale, x, y], (g) => {
    const gScale = gradientOf(scale);
    if (gScale !== null) {
      let total = 0;
      for (let i = 0; i < g.length; i++) total += g[i]! * xs[i]!;
      gScale[0]! += total;
    }
    const gx = gradientOf(x);
    if (gx !== null) for (let i = 0; i < g.length; i++) gx[i]! += a * g[i]!;
    passGradient(z, y, g);
  });
  return z;
}
