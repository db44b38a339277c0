import { UsageError } from '../../core/errors.ts';
import { oneOfValues } from '../../core/options.ts';
import { Rng } from '../../core/rng.ts';
import { parameter, type DType, type Tensor } from '../tensor/tensor.ts';
import { resolveInitializer, type Initializer, type InitializerName } from '../tensor/init.ts';

/*
 * The module convention: a factory takes an options object (checked at once, defaults filled
 * in), draws its initial weights from `options.rng`, and returns a plain object with its
 * parameters, their names and a `forward` over tensors. Parameters are leaf tensors whose data
 * optimizers and loaders update in place, so anything holding a module's tensors (an
 * optimizer's state, a predictor) stays valid across training steps.
 */

/** What every layer exposes: its trainable tensors, in a stable order, and their names. */
export interface Module {
  /** The trainable tensors, in the same order as `namedParameters()`. */
  parameters(): Tensor[];
  /** The trainable tensors by dotted path (`layers.0.weight`), in a stable order. */
  namedParameters(): Record<string, Tensor>;
}

/** Options every module factory takes. */
export interface ModuleOptions {
  /** Source of the initial weights: the same seed gives the same weights. */
  readonly rng: Rng;
  /** Element type of the parameters (default 'float32'; 'float64' for gradient checks). */
  readonly dtype?: DType;
}

/** A module's own tensors and sub-modules by name: what `moduleParts` flattens. */
export type Parts = Record<string, Tensor | Module | readonly Module[]>;

function isModule(part: Tensor | Module | readonly Module[]): part is Module {
  return typeof (part as Module).namedParameters === 'function';
}

/** `parameters()` and `namedParameters()` over a module's parts; sub-modules' names are prefixed with the part's name. */
export function moduleParts(parts: Parts): Module {
  const named: Record<string, Tensor> = {};
  const add = (prefix: string, module: Module): void => {
    for (const [name, t] of Object.entries(module.namedParameters())) named[`${prefix}.${name}`] = t;
  };
  for (const [name, part] of Object.entries(parts)) {
    if (Array.isArray(part)) (part as readonly Module[]).forEach((m, i) => add(`${name}.${i}`, m));
    else if (isModule(part as Tensor | Module)) add(name, part as Module);
    else named[name] = part as Tensor;
  }
  const list = Object.values(named);
  return { parameters: () => [...list], namedParameters: () => ({ ...named }) };
}

/** Checks the options every module takes and returns the element type. */
export function checkModuleOptions(owner: string, options: ModuleOptions): DType {
  if (typeof options !== 'object' || options === null) throw new UsageError(`${owner}: needs an options object`);
  if (!(options.rng instanceof Rng)) throw new UsageError(`${owner}: rng must be an Rng (new Rng(seed)), got ${typeof options.rng}`);
  return oneOfValues(owner, 'dtype', options.dtype ?? 'float32', ['float32', 'float64']);
}

/** A new parameter of `shape` drawn by the initialiser named or given in an option. */
export function initialParameter(owner: string, option: string, init: InitializerName | Initializer, shape: readonly number[], options: ModuleOptions, dtype: DType): Tensor {
  return parameter(resolveInitializer(owner, option, init)(shape, options.rng, dtype));
}
