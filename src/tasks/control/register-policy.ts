import type { Rng } from '../../core/rng.ts';
import type { FirstWritable, Memory, MemoryShape, OpRandom, RegisterProgram } from '../../spaces/register/index.ts';
import { COMPILED_PARAMETERS, Emitter, collectConstants, componentLiveness, componentSignature, createMemory, emitComponent, emptyRegisterSet, formatProgram, interpret, registerId, resolveComponent, unionInto, wipeMemory } from '../../spaces/register/index.ts';
import type { ResolvedComponent } from '../../spaces/register/index.ts';
import type { Policy } from './episode.ts';

/*
 * A register-machine policy, as in ARZ: a function run once when an episode starts and one
 * run every step, over one memory that persists from step to step (and is wiped only between
 * episodes), so a program can keep estimates, counters and modes. The paper's functions are
 * StartEpisode() and GetAction(); ours are `start` and `step`. The register layout is ours.
 */

/** The names of a policy program's two component functions, in execution order. */
export const POLICY_COMPONENTS = ['start', 'step'] as const;

/**
 * The memory of a cart-pole policy (ours): 10 scalars, 4 vectors and 2 matrices of F = 4.
 * Every step, s0..s3 and v0 receive the observation (x, ẋ, θ, θ̇); the action is read from
 * s4 afterwards, and stays there, so the next step sees the last action.
 */
export const POLICY_MEMORY: MemoryShape = Object.freeze({ scalars: 10, vectors: 4, matrices: 2, features: 4 });
/** The observation registers s0..s3 and v0 are written by the environment only. */
export const POLICY_FIRST_WRITABLE: FirstWritable = Object.freeze({ scalar: 4, vector: 1, matrix: 0 });
/** The scalar register the action is read from. */
export const ACTION_REGISTER = 4;

/** Ops of `start` (ours): constants and a little arithmetic to set up a policy's parameters. */
export const START_OPS: readonly string[] = ['SCALAR_CONST_SET_OP', 'VECTOR_CONST_SET_OP', 'SCALAR_SUM_OP', 'SCALAR_PRODUCT_OP'];

/**
 * Ops of `step` (ours): scalar arithmetic, comparisons as the step function, min and max (so
 * that a product with a step selects between two values: a mode switch), constants, and the
 * vector and matrix products that linear controllers and their update rules are made of.
 */
export const STEP_OPS: readonly string[] = [
  'SCALAR_SUM_OP',
  'SCALAR_DIFF_OP',
  'SCALAR_PRODUCT_OP',
  'SCALAR_DIVISION_OP',
  'SCALAR_ABS_OP',
  'SCALAR_HEAVYSIDE_OP',
  'SCALAR_MIN_OP',
  'SCALAR_MAX_OP',
  'SCALAR_CONST_SET_OP',
  'VECTOR_CONST_SET_OP',
  'VECTOR_INNER_PRODUCT_OP',
  'SCALAR_VECTOR_PRODUCT_OP',
  'VECTOR_SUM_OP',
  'VECTOR_DIFF_OP',
  'VECTOR_PRODUCT_OP',
  'VECTOR_OUTER_PRODUCT_OP',
  'MATRIX_VECTOR_PRODUCT_OP',
  'MATRIX_SUM_OP',
];

type RawComponent = (s: Float64Array, v: Float64Array, m: Float64Array, t: Float64Array, c: Float64Array, rng: OpRandom) => void;

/** Compiled component code by memory shape and signature: programs that differ only in constants share it. */
const compiled = new Map<string, RawComponent>();
const MAX_COMPILED = 20_000;

function compile(component: ResolvedComponent, live: readonly boolean[], shape: MemoryShape): { run: RawComponent; constants: Float64Array } {
  const key = `${shape.scalars},${shape.vectors},${shape.matrices},${shape.features}|${componentSignature(component, shape.features, live)}`;
  const constants: number[] = [];
  let run = compiled.get(key);
  if (run === undefined) {
    const e = new Emitter(shape);
    const body = emitComponent(e, component, constants, live);
    run = new Function(...COMPILED_PARAMETERS, `'use strict';\n${e.prologue()}${body}${e.epilogue()}`) as RawComponent;
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(key, run);
  } else {
    collectConstants(component, constants, live);
  }
  return { run, constants: Float64Array.from(constants) };
}

/** A policy program compiled for one memory: `Policy` plus a view of its registers. */
export interface RegisterPolicy extends Policy {
  readonly memory: Memory;
}

/**
 * Compiles a `{ start, step }` program into a policy (the JS emitted from the op table, as
 * `compileComponent`, cached by code shape). Addresses are checked as the code is emitted: a
 * program that does not fit `shape` throws a SpaceError here. With `interpret`, it runs on
 * the reference interpreter instead (for checks and benchmarks), unchecked.
 */
export function registerPolicy(program: RegisterProgram, shape: MemoryShape = POLICY_MEMORY, options: { readonly interpret?: boolean } = {}): RegisterPolicy {
  const resolved = { start: resolveComponent(program['start'] ?? []), step: resolveComponent(program['step'] ?? []) };
  const memory = createMemory(shape);
  if (options.interpret === true) return interpretedPolicy(resolved, memory);
  const live = policyLiveness(resolved, shape);
  const start = compile(resolved.start, live.start, shape);
  const step = compile(resolved.step, live.step, shape);
  const { s, v, m, scratch } = memory;
  let rng: OpRandom = new NoRandom();
  return {
    memory,
    start(episodeRng: Rng) {
      rng = episodeRng;
      wipeMemory(memory);
      start.run(s, v, m, scratch, start.constants, rng);
    },
    act(observation: Float64Array) {
      for (let i = 0; i < 4; i++) {
        s[i] = observation[i]!;
        v[i] = observation[i]!;
      }
      step.run(s, v, m, scratch, step.constants, rng);
      return s[ACTION_REGISTER]!;
    },
  };
}

/** The reference semantics: every instruction through the interpreter, dead ones too. */
function interpretedPolicy(program: { readonly start: ResolvedComponent; readonly step: ResolvedComponent }, memory: Memory): RegisterPolicy {
  let rng: OpRandom = new NoRandom();
  return {
    memory,
    start(episodeRng: Rng) {
      rng = episodeRng;
      wipeMemory(memory);
      interpret(program.start, memory, rng);
    },
    act(observation: Float64Array) {
      for (let i = 0; i < 4; i++) {
        memory.s[i] = observation[i]!;
        memory.v[i] = observation[i]!;
      }
      interpret(program.step, memory, rng);
      return memory.s[ACTION_REGISTER]!;
    },
  };
}

class NoRandom implements OpRandom {
  float(): number {
    throw new Error('a policy drew a random number before its episode started');
  }
  normal(): number {
    return this.float();
  }
}

/** Which instructions of `start` and `step` can reach an action. */
export interface PolicyLiveness {
  readonly start: readonly boolean[];
  readonly step: readonly boolean[];
}

/**
 * Liveness across steps: since memory persists, a register read by `step` before it is
 * written is live at the end of `step` too, so the live set at the end of a step is the
 * least fixed point of L = {action} ∪ liveIn(step, L); `start` ends with liveIn(step, L).
 * Random ops stay live, as they move the random stream.
 */
export function policyLiveness(program: { readonly start: ResolvedComponent; readonly step: ResolvedComponent }, shape: MemoryShape = POLICY_MEMORY): PolicyLiveness {
  const liveOut = emptyRegisterSet(shape);
  liveOut[registerId(shape, 'scalar', ACTION_REGISTER)] = 1;
  let step = componentLiveness(program.step, shape, liveOut, true);
  while (unionInto(liveOut, step.liveIn)) step = componentLiveness(program.step, shape, liveOut, true);
  return { start: componentLiveness(program.start, shape, step.liveIn, true).live, step: step.live };
}

/**
 * A policy program as readable code, with a line naming the registers the environment uses;
 * with `onlyLive`, instructions that can never reach an action are left out.
 */
export function formatPolicy(program: RegisterProgram, options: { readonly features?: number; readonly onlyLive?: boolean } = {}): string {
  const features = options.features ?? POLICY_MEMORY.features;
  const header = `# s0..s3 and v0 = observation (x, x', theta, theta'); action = s${ACTION_REGISTER}; memory persists across steps`;
  if (options.onlyLive !== true) return `${header}\n${formatProgram(program, { features })}`;
  const shape = { ...POLICY_MEMORY, features };
  const keep = policyLiveness({ start: resolveComponent(program['start'] ?? []), step: resolveComponent(program['step'] ?? []) }, shape);
  return `${header}; dead code removed\n${formatProgram(program, { features, keep: { ...keep } })}`;
}
