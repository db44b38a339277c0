import { UsageError } from '../../core/errors.ts';
import { wholeNumber } from '../../core/options.ts';
import { gather } from '../tensor/segment.ts';
import type { Tensor } from '../tensor/tensor.ts';
import type { Initializer, InitializerName } from '../tensor/init.ts';
import { checkModuleOptions, initialParameter, moduleParts, type Module, type ModuleOptions } from './module.ts';

/** Options of `embedding`. */
export interface EmbeddingOptions extends ModuleOptions {
  /** Number of distinct ids (rows of the table). */
  readonly count: number;
  /** Width of each embedding. */
  readonly size: number;
  /** Initialiser of the table (default 'standardNormal', as PyTorch's). */
  readonly weightInit?: InitializerName | Initializer;
}

/** A table of learned vectors, one per id. */
export interface Embedding extends Module {
  readonly count: number;
  readonly size: number;
  /** [count, size]. */
  readonly weight: Tensor;
  /** ids (each in 0..count−1) → their rows, [ids.length, size]. */
  forward(ids: Int32Array): Tensor;
}

/** A learned vector per id (op kinds, node types): a row gather from a [count, size] table. */
export function embedding(options: EmbeddingOptions): Embedding {
  const dtype = checkModuleOptions('embedding', options);
  const count = wholeNumber('embedding', 'count', options.count, 1);
  const size = wholeNumber('embedding', 'size', options.size, 1);
  const weight = initialParameter('embedding', 'weightInit', options.weightInit ?? 'standardNormal', [count, size], options, dtype);
  const forward = (ids: Int32Array): Tensor => {
    if (!(ids instanceof Int32Array)) throw new UsageError('embedding: ids must be an Int32Array');
    return gather(weight, ids);
  };
  return { ...moduleParts({ weight }), count, size, weight, forward };
}
