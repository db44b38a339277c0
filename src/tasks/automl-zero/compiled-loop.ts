import type { EmitterOptions, MemoryShape, OpRandom, RegisterProgram } from '../../spaces/register/index.ts';
import { COMPILED_PARAMETERS, Emitter, collectConstants, componentSignature, emitComponent } from '../../spaces/register/index.ts';
import { programLiveness, resolveProgram, type ProgramLiveness, type ResolvedProgram } from './program-liveness.ts';
import type { EvalType } from './task-data.ts';
import type { LoopBuffers, LoopData, TrainingLoop } from './training-loop.ts';

/** A compiled training loop, before its constants and memory are bound. */
export type RawLoop = (
  s: Float64Array,
  v: Float64Array,
  m: Float64Array,
  t: Float64Array,
  c: Float64Array,
  rng: OpRandom,
  trainX: Float64Array,
  trainY: Float64Array,
  numTrain: number,
  validX: Float64Array,
  validY: Float64Array,
  numValid: number,
  trainErrors: Float64Array,
  validErrors: Float64Array,
  counts: Float64Array,
  maxAbsError: number,
) => number;

/** Equal for two programs exactly when their live code compiles to the same loop. */
export function programSignature(resolved: ResolvedProgram, live: ProgramLiveness, features: number): string {
  return `${componentSignature(resolved.setup, features, live.setup)}|${componentSignature(resolved.predict, features, live.predict)}|${componentSignature(resolved.learn, features, live.learn)}`;
}

/** A program compiled for one memory shape and eval type. */
export interface CompiledProgram {
  /** Runs AutoML-Zero's training loop (see `TrainingLoop`). */
  readonly loop: TrainingLoop;
  /** True when the program's live code draws random numbers. */
  readonly random: boolean;
  readonly liveness: ProgramLiveness;
}

/** Options of `ProgramCompiler`. */
export interface ProgramCompilerOptions extends EmitterOptions {
  /** Errors above this stop training early (AutoML-Zero's max_abs_error). Default 100. */
  readonly maxAbsError?: number;
  /** Compiled loops kept, least recently used dropped first. Default 5,000. */
  readonly cacheSize?: number;
}

/**
 * Compiles AutoML-Zero programs to one JS function each that runs the whole training loop:
 * the live instructions of setup, predict and learn inlined as straight-line code inside the
 * example loops, with register elements in locals when F is small. Programs that differ
 * only in constants or dead code share one compiled function (constants are passed in), so
 * most children of a population reuse already-optimised machine code.
 */
export class ProgramCompiler {
  /** Loops compiled from source so far. */
  compiled = 0;
  /** Programs served by an already compiled loop. */
  reused = 0;
  private readonly cache = new Map<string, RawLoop>();
  private readonly maxAbsError: number;
  private readonly cacheSize: number;

  constructor(
    readonly shape: MemoryShape,
    readonly evalType: EvalType,
    private readonly options: ProgramCompilerOptions = {},
  ) {
    this.maxAbsError = options.maxAbsError ?? 100;
    this.cacheSize = options.cacheSize ?? 5000;
  }

  /** Compiles (or reuses) the loop for `program`. */
  compile(program: RegisterProgram): CompiledProgram {
    const resolved = resolveProgram(program);
    const live = programLiveness(resolved, this.shape);
    const raw = this.loopFor(programSignature(resolved, live, this.shape.features), () => ({ resolved, live }));
    const constants: number[] = [];
    collectConstants(resolved.setup, constants, live.setup);
    collectConstants(resolved.predict, constants, live.predict);
    collectConstants(resolved.learn, constants, live.learn);
    return { loop: this.bind(raw, Float64Array.from(constants)), random: live.random, liveness: live };
  }

  /**
   * The compiled loop for a signature, built from `source()` only when not cached. Its
   * constants are those of the live instructions of setup, predict and learn, in order.
   */
  loopFor(signature: string, source: () => { readonly resolved: ResolvedProgram; readonly live: ProgramLiveness }): RawLoop {
    let raw = this.cache.get(signature);
    if (raw === undefined) {
      const { resolved, live } = source();
      raw = this.build(resolved, live);
      this.compiled++;
      if (this.cache.size >= this.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
    } else {
      this.reused++;
      this.cache.delete(signature);
    }
    this.cache.set(signature, raw);
    return raw;
  }

  /** A compiled loop with its constants, as a `TrainingLoop`. */
  bind(raw: RawLoop, constants: Float64Array): TrainingLoop {
    const maxAbsError = this.maxAbsError;
    return (memory, data: LoopData, numTrain, numValid, rng, b: LoopBuffers) =>
      raw(memory.s, memory.v, memory.m, memory.scratch, constants, rng, data.trainX, data.trainY, numTrain, data.validX, data.validY, numValid, b.trainErrors, b.validErrors, b.counts, maxAbsError);
  }

  /** The JS source of the loop for `program` (for inspection and tests). */
  source(program: RegisterProgram): string {
    const resolved = resolveProgram(program);
    return this.emit(resolved, programLiveness(resolved, this.shape));
  }

  private build(resolved: ResolvedProgram, live: ProgramLiveness): RawLoop {
    const source = this.emit(resolved, live);
    return new Function(...COMPILED_PARAMETERS, 'trainX', 'trainY', 'numTrain', 'validX', 'validY', 'numValid', 'trainErrors', 'validErrors', 'counts', 'maxAbsError', source) as RawLoop;
  }

  private emit(resolved: ResolvedProgram, live: ProgramLiveness): string {
    const e = new Emitter(this.shape, this.options);
    const f = this.shape.features;
    const unused: number[] = [];
    const setup = emitComponent(e, resolved.setup, unused, live.setup);
    const predict = emitComponent(e, resolved.predict, unused, live.predict);
    const learn = emitComponent(e, resolved.learn, unused, live.learn);
    const s0 = e.s(0);
    const s1 = e.s(1);
    const load = (x: string): string => e.each(f, (i) => `${e.v(0, i)} = ${x}[row + ${i}];\n`);
    const predictWritesFeatures = resolved.predict.specs.some((spec, k) => live.predict[k] && spec.out === 'vector' && resolved.predict.instructions[k]!.out === 0);
    // Example e of `x` into v0, then predict (with s0 = 0, so the label never leaks in).
    const predictRow = (x: string): string => `const row = e * ${f};\n  ${load(x)}\n  ${s0} = 0;\n  ${predict}`;
    const accuracy = this.evalType === 'accuracy';
    const body = `
${setup}
let steps = 0;
for (let e = 0; e < numTrain; e++) {
  ${predictRow('trainX')}
  ${accuracy ? `${s1} = 1 / (1 + Math.exp(-${s1}));` : ''}
  const label = trainY[e];
  const error = Math.abs(label - ${s1});
  steps++;
  if (!(error <= maxAbsError)) { counts[0] = steps; counts[1] = e; counts[2] = 0; ${e.epilogue()} return 0; }
  trainErrors[e] = error;
  ${predictWritesFeatures ? load('trainX') : ''}
  ${s0} = label;
  ${learn}
}
counts[0] = steps; counts[1] = numTrain;
let loss = 0;
for (let e = 0; e < numValid; e++) {
  ${predictRow('validX')}
  ${
    accuracy
      ? `const absError = (validY[e] > 0.5) === (1 / (1 + Math.exp(-${s1})) > 0.5) ? 0 : 1;\n  loss += absError;`
      : `const error = validY[e] - ${s1};\n  loss += error * error;\n  const absError = Math.abs(error);`
  }
  if (!(absError <= maxAbsError)) { counts[2] = e; ${e.epilogue()} return 0; }
  validErrors[e] = absError;
}
counts[2] = numValid;
${e.epilogue()}
${accuracy ? 'return 1 - loss / numValid;' : 'const rms = Math.sqrt(loss / numValid);\nreturn rms === Infinity || rms !== rms ? 0 : 1 - 0.6366197723675814 * Math.atan(rms);'}
`;
    return `'use strict';\n${e.prologue()}${body}`;
  }
}
