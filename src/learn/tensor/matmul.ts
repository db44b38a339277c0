import { UsageError } from '../../core/errors.ts';
import { matmulBatch } from '../kernels/matmul.ts';
import { outputBuffer } from './recycling.ts';
import { gradientTarget, result } from './autograd.ts';
import { shapeText, sizeOf, type Tensor } from './tensor.ts';

/** Options of `matmul`. */
export interface MatmulOptions {
  /** Use the transpose of a's last two axes (default false). */
  readonly transposeA?: boolean;
  /** Use the transpose of b's last two axes (default false). */
  readonly transposeB?: boolean;
}

/**
 * The matrix product over the last two axes, batched over the leading ones: [..., m, k] ×
 * [..., k, n] → [..., m, n]. Either operand may be a single matrix shared by the whole batch.
 */
export function matmul(a: Tensor, b: Tensor, options: MatmulOptions = {}): Tensor {
  const transposeA = options.transposeA ?? false;
  const transposeB = options.transposeB ?? false;
  if (a.rank < 2 || b.rank < 2) throw new UsageError(`matmul: operands need at least 2 axes, got ${shapeText(a.shape)} and ${shapeText(b.shape)}`);
  if (a.dtype !== b.dtype) throw new UsageError(`matmul: operands are ${a.dtype} and ${b.dtype}; convert one with cast()`);
  const [ar, ac] = [a.shape[a.rank - 2]!, a.shape[a.rank - 1]!];
  const [br, bc] = [b.shape[b.rank - 2]!, b.shape[b.rank - 1]!];
  const [m, k] = transposeA ? [ac, ar] : [ar, ac];
  const [kb, n] = transposeB ? [bc, br] : [br, bc];
  if (k !== kb) throw new UsageError(`matmul: inner sizes differ: ${shapeText(a.shape)}${transposeA ? 'ᵀ' : ''} × ${shapeText(b.shape)}${transposeB ? 'ᵀ' : ''}`);
  const batchA = a.shape.slice(0, -2);
  const batchB = b.shape.slice(0, -2);
  const countA = sizeOf(batchA);
  const countB = sizeOf(batchB);
  if (countA !== 1 && countB !== 1 && batchA.join(',') !== batchB.join(',')) {
    throw new UsageError(`matmul: batch axes ${shapeText(batchA)} and ${shapeText(batchB)} differ`);
  }
  const batch = Math.max(countA, countB);
  const shape = [...(countA >= countB ? batchA : batchB), m, n];
  const strideA = countA === 1 ? 0 : m * k;
  const strideB = countB === 1 ? 0 : k * n;
  // The products write every element.
  const y = outputBuffer(a.dtype, batch * m * n, false);
  matmulBatch(a.data, b.data, y, batch, strideA, strideB, m * n, m, k, n, transposeA, transposeB, false);
  return result(y, shape, [a, b], (g) => {
    // A gradient no one has written yet is overwritten rather than added to (no copy-in);
    // a shared operand (stride 0) sums over the batch. Each target is taken just before its
    // writes, in case a and b are one tensor.
    const ga = gradientTarget(a);
    // dA = dY·Bᵀ (stored transposed when A was used transposed).
    if (ga !== null) {
      if (transposeA) matmulBatch(b.data, g, ga.into, batch, strideB, m * n, strideA, k, n, m, transposeB, true, ga.accumulate);
      else matmulBatch(g, b.data, ga.into, batch, m * n, strideB, strideA, m, n, k, false, !transposeB, ga.accumulate);
    }
    const gb = gradientTarget(b);
    // dB = Aᵀ·dY (stored transposed when B was used transposed).
    if (gb !== null) {
      if (transposeB) matmulBatch(g, a.data, gb.into, batch, m * n, strideA, strideB, n, m, k, true, transposeA, gb.accumulate);
      else matmulBatch(a.data, g, gb.into, batch, strideA, m * n, strideB, k, m, n, !transposeA, false, gb.accumulate);
    }
  });
}
