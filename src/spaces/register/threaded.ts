import { Emitter, type EmitterOptions } from './emitter.ts';
import { emitComponent, instructionSignature } from './compile.ts';
import type { ResolvedComponent } from './interpreter.ts';
import type { Memory, MemoryShape } from './memory.ts';
import type { Instruction } from './instruction.ts';
import type { OpRandom, OpSpec } from './op-spec.ts';

/** One instruction bound to a memory and its constants, ready to run. */
export type Step = (rng: OpRandom) => void;

// Constants arrive as arguments (c0, c1, c2), so binding a step allocates nothing but the closure.
type StepMaker = (s: Float64Array, v: Float64Array, m: Float64Array, t: Float64Array, c0: number, c1: number, c2: number) => Step;

/** Options of `StepCompiler`. */
export interface StepCompilerOptions extends EmitterOptions {
  /** Distinct instruction patterns kept compiled, least recently used dropped first. Default 20,000. */
  readonly cacheSize?: number;
}

/**
 * Turns instructions into `Step` closures made from the same emitters as the compiler,
 * one small compiled maker per instruction pattern (op, addresses, indices), cached. A new
 * program then costs a few closure allocations instead of a JS compile, and every closure of
 * a pattern shares one optimised body, so new programs run fast at once. Running a component
 * is a loop of calls: one dispatch per instruction, the price of never compiling per program.
 */
export class StepCompiler {
  private readonly makers = new Map<string, StepMaker>();
  private readonly options: StepCompilerOptions;
  private readonly cacheSize: number;

  constructor(readonly shape: MemoryShape, options: StepCompilerOptions = {}) {
    this.options = { ...options, locals: false };
    this.cacheSize = options.cacheSize ?? 20_000;
  }

  /** Patterns compiled so far. */
  get patterns(): number {
    return this.makers.size;
  }

  /** The steps of a component's instructions (only the live ones, when `live` is given; never no-ops). */
  steps(component: ResolvedComponent, memory: Memory, live?: readonly boolean[]): Step[] {
    const steps: Step[] = [];
    const { instructions, specs } = component;
    for (let k = 0; k < instructions.length; k++) {
      if ((live !== undefined && !live[k]) || specs[k]!.out === undefined) continue;
      steps.push(this.step(specs[k]!, instructions[k]!, memory));
    }
    return steps;
  }

  /** One instruction as a step on `memory`. */
  step(spec: OpSpec, ins: Instruction, memory: Memory): Step {
    const signature = instructionSignature(spec, ins, this.shape.features);
    let maker = this.makers.get(signature);
    if (maker === undefined) {
      maker = this.compile({ instructions: [ins], specs: [spec] });
      if (this.makers.size >= this.cacheSize) this.makers.delete(this.makers.keys().next().value as string);
      this.makers.set(signature, maker);
    }
    let c0 = 0;
    let c1 = 0;
    let c2 = 0;
    let n = 0;
    for (let d = 0; d < spec.data.length; d++) {
      if (spec.data[d] !== 'value') continue;
      const value = ins.data[d]!;
      if (n === 0) c0 = value;
      else if (n === 1) c1 = value;
      else c2 = value;
      n++;
    }
    return maker(memory.s, memory.v, memory.m, memory.scratch, c0, c1, c2);
  }

  private compile(single: ResolvedComponent): StepMaker {
    const e = new Emitter(this.shape, this.options);
    // With locals off, the body names only memory arrays, scratch and constants c0..c2.
    const body = emitComponent(e, single, []);
    return new Function('s', 'v', 'm', 't', 'c0', 'c1', 'c2', `'use strict';\nreturn function step(rng) {\n${body}};`) as StepMaker;
  }
}

/** Runs steps in order. */
export function runSteps(steps: readonly Step[], rng: OpRandom): void {
  for (let k = 0; k < steps.length; k++) steps[k]!(rng);
}
