import type { EmitterOptions, Instruction, Memory, MemoryShape, OpRandom, OpSpec, RegisterProgram, Step } from '../../spaces/register/index.ts';
import { StepCompiler, createMemory } from '../../spaces/register/index.ts';
import { ProgramCompiler, programSignature } from './compiled-loop.ts';
import { interpretedLoop } from './interpreted-loop.ts';
import { InstructionFactsCache, type InstructionFacts } from './instruction-facts.ts';
import { programLiveness, programLivenessFromFacts, resolveProgram, type ProgramLiveness } from './program-liveness.ts';
import type { EvalType } from './task-data.ts';
import { runThreadedLoop, type ThreadedProgram } from './threaded-loop.ts';
import type { LoopBuffers, LoopData, TrainingLoop } from './training-loop.ts';

/** Options of `ProgramEngine`. */
export interface ProgramEngineOptions extends EmitterOptions {
  /** Errors above this stop training early (AutoML-Zero's max_abs_error). Default 100. */
  readonly maxAbsError?: number;
  /**
   * Compile a program's whole loop to straight-line JS once programs with its live code have
   * been prepared this many times (1: always; Infinity: never). Default 64.
   */
  readonly compileAfter?: number;
  /** Run every program with the reference interpreter instead (slow; for checks and baselines). */
  readonly interpret?: boolean;
}

/** A program ready to run on its engine's memory. */
export interface PreparedProgram {
  /** Runs AutoML-Zero's training loop on the engine's memory (see `TrainingLoop`). */
  run(data: LoopData, numTrain: number, numValid: number, rng: OpRandom, buffers: LoopBuffers): number;
  /** True when the program's live code draws random numbers. */
  readonly random: boolean;
  /** True when it runs as a compiled straight-line loop rather than as steps. */
  readonly compiled: boolean;
  readonly liveness: ProgramLiveness;
}

/** Counters of an engine. */
export interface EngineStats {
  readonly prepared: number;
  /** Prepared programs that ran as compiled loops. */
  readonly compiledRuns: number;
  /** Distinct loops compiled from source. */
  readonly loopsCompiled: number;
  /** Distinct instruction patterns compiled to steps. */
  readonly stepPatterns: number;
}

// Forget signature counts past this many distinct signatures, to bound memory.
const MAX_COUNTED_SIGNATURES = 200_000;
const NONE: readonly Instruction[] = [];

/**
 * Runs AutoML-Zero programs fast, in two tiers. A program whose live code is new runs as
 * steps (closures made from the op emitters, no compile per program); once the same live
 * code has come up `compileAfter` times it gets its own compiled loop, with its
 * instructions inlined and its registers in locals: about three times faster per run, but
 * a JS compile and optimisation first. What it learns about each instruction (op, register
 * masks, signature, step) is kept on the instruction object, and children share most
 * instructions with their parent, so preparing a child is cheap. Both tiers compute
 * exactly what the interpreter does.
 */
export class ProgramEngine {
  readonly memory: Memory;
  readonly maxAbsError: number;
  private readonly compiler: ProgramCompiler;
  private readonly stepCompiler: StepCompiler;
  private readonly facts: InstructionFactsCache | undefined;
  private readonly seen = new Map<string, number>();
  private readonly compileAfter: number;
  private readonly interpret: boolean;
  private prepared = 0;
  private compiledRuns = 0;

  constructor(
    readonly shape: MemoryShape,
    readonly evalType: EvalType,
    options: ProgramEngineOptions = {},
  ) {
    this.memory = createMemory(shape);
    this.maxAbsError = options.maxAbsError ?? 100;
    this.compileAfter = options.compileAfter ?? 64;
    this.interpret = options.interpret ?? false;
    this.compiler = new ProgramCompiler(shape, evalType, options);
    this.stepCompiler = new StepCompiler(shape, options);
    this.facts = InstructionFactsCache.fits(shape) ? new InstructionFactsCache(shape) : undefined;
  }

  /** Readies `program` in the tier its live code has earned. */
  prepare(program: RegisterProgram): PreparedProgram {
    this.prepared++;
    const setup = program['setup'] ?? NONE;
    const predict = program['predict'] ?? NONE;
    const learn = program['learn'] ?? NONE;
    const cache = this.facts;
    if (this.interpret) {
      const live = programLiveness(resolveProgram(program), this.shape);
      return this.compiledRun(interpretedLoop(program, this.shape, this.evalType, this.maxAbsError), live);
    }
    if (cache === undefined) return this.prepareResolved(program);
    const fs = factsOf(cache, setup);
    const fp = factsOf(cache, predict);
    const fl = factsOf(cache, learn);
    const live = programLivenessFromFacts(fs, fp, fl, this.shape);
    if (this.compileAfter !== Infinity) {
      const signature = `${liveSignature(fs, live.setup)}|${liveSignature(fp, live.predict)}|${liveSignature(fl, live.learn)}`;
      if (this.earnsCompiling(signature)) return this.compiled(program, live, signature, [fs, fp, fl]);
    }
    let reloadFeatures = false;
    for (let k = 0; k < fp.length; k++) if (live.predict[k] && fp[k]!.spec.out === 'vector' && predict[k]!.out === 0) reloadFeatures = true;
    const threaded: ThreadedProgram = { setup: this.stepsOf(setup, fs, live.setup), predict: this.stepsOf(predict, fp, live.predict), learn: this.stepsOf(learn, fl, live.learn), reloadFeatures };
    return this.threadedRun(threaded, live);
  }

  /** How many programs were prepared, and how many ran compiled. */
  stats(): EngineStats {
    return { prepared: this.prepared, compiledRuns: this.compiledRuns, loopsCompiled: this.compiler.compiled, stepPatterns: this.stepCompiler.patterns };
  }

  /** The general path, for shapes too large for register masks: no per-instruction caching. */
  private prepareResolved(program: RegisterProgram): PreparedProgram {
    const resolved = resolveProgram(program);
    const live = programLiveness(resolved, this.shape);
    if (this.compileAfter !== Infinity) {
      const signature = programSignature(resolved, live, this.shape.features);
      if (this.earnsCompiling(signature)) {
        const facts = (['setup', 'predict', 'learn'] as const).map((name) => resolved[name].specs.map((spec) => ({ spec })));
        return this.compiled(program, live, signature, facts);
      }
    }
    const predict = resolved.predict;
    const reloadFeatures = predict.specs.some((spec, k) => live.predict[k] && spec.out === 'vector' && predict.instructions[k]!.out === 0);
    const threaded: ThreadedProgram = {
      setup: this.stepCompiler.steps(resolved.setup, this.memory, live.setup),
      predict: this.stepCompiler.steps(predict, this.memory, live.predict),
      learn: this.stepCompiler.steps(resolved.learn, this.memory, live.learn),
      reloadFeatures,
    };
    return this.threadedRun(threaded, live);
  }

  private compiledRun(loop: TrainingLoop, live: ProgramLiveness): PreparedProgram {
    return new PreparedRun(true, live, (data, numTrain, numValid, rng, buffers) => loop(this.memory, data, numTrain, numValid, rng, buffers));
  }

  private threadedRun(program: ThreadedProgram, live: ProgramLiveness): PreparedProgram {
    const accuracy = this.evalType === 'accuracy';
    return new PreparedRun(false, live, (data, numTrain, numValid, rng, buffers) => runThreadedLoop(program, this.memory, accuracy, this.maxAbsError, data, numTrain, numValid, rng, buffers));
  }

  private earnsCompiling(signature: string): boolean {
    const count = (this.seen.get(signature) ?? 0) + 1;
    if (this.seen.size >= MAX_COUNTED_SIGNATURES) this.seen.clear();
    this.seen.set(signature, count);
    return count >= this.compileAfter;
  }

  private compiled(program: RegisterProgram, live: ProgramLiveness, signature: string, facts: readonly (readonly { readonly spec: OpSpec }[])[]): PreparedProgram {
    this.compiledRuns++;
    const raw = this.compiler.loopFor(signature, () => ({ resolved: resolveProgram(program), live }));
    const constants: number[] = [];
    (['setup', 'predict', 'learn'] as const).forEach((name, c) => {
      const flags = live[name];
      (program[name] ?? NONE).forEach((ins, k) => {
        if (flags[k]) facts[c]![k]!.spec.data.forEach((role, d) => role === 'value' && constants.push(ins.data[d]!));
      });
    });
    return this.compiledRun(this.compiler.bind(raw, Float64Array.from(constants)), live);
  }

  private stepsOf(instructions: readonly Instruction[], facts: readonly InstructionFacts[], live: readonly boolean[]): Step[] {
    const steps: Step[] = [];
    for (let k = 0; k < instructions.length; k++) {
      if (!live[k]) continue;
      const f = facts[k]!;
      f.step ??= this.stepCompiler.step(f.spec, instructions[k]!, this.memory);
      steps.push(f.step);
    }
    return steps;
  }
}

/** A prepared program: `run` is its compiled training loop, or the interpreter over its steps. */
class PreparedRun implements PreparedProgram {
  readonly random: boolean;

  constructor(
    readonly compiled: boolean,
    readonly liveness: ProgramLiveness,
    readonly run: PreparedProgram['run'],
  ) {
    this.random = liveness.random;
  }
}

function factsOf(cache: InstructionFactsCache, instructions: readonly Instruction[]): InstructionFacts[] {
  const facts = new Array<InstructionFacts>(instructions.length);
  for (let k = 0; k < instructions.length; k++) facts[k] = cache.get(instructions[k]!);
  return facts;
}

function liveSignature(facts: readonly InstructionFacts[], live: readonly boolean[]): string {
  let key = '';
  for (let k = 0; k < facts.length; k++) if (live[k]) key += facts[k]!.signature;
  return key;
}
