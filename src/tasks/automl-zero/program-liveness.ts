import type { MemoryShape, RegisterProgram, ResolvedComponent } from '../../spaces/register/index.ts';
import { componentLiveness, emptyRegisterSet, registerId, resolveComponent, unionInto } from '../../spaces/register/index.ts';
import type { InstructionFacts } from './instruction-facts.ts';

/** An AutoML-Zero program with its ops looked up. */
export interface ResolvedProgram {
  readonly setup: ResolvedComponent;
  readonly predict: ResolvedComponent;
  readonly learn: ResolvedComponent;
}

/** Which instructions of each component can affect a prediction. */
export interface ProgramLiveness {
  readonly setup: readonly boolean[];
  readonly predict: readonly boolean[];
  readonly learn: readonly boolean[];
  /** True when a live instruction draws random numbers (all random ops are then kept). */
  readonly random: boolean;
}

/** Looks up the ops of a setup/predict/learn program (unknown ops throw a SpaceError). */
export function resolveProgram(program: RegisterProgram): ResolvedProgram {
  return {
    setup: resolveComponent(program['setup'] ?? []),
    predict: resolveComponent(program['predict'] ?? []),
    learn: resolveComponent(program['learn'] ?? []),
  };
}

/**
 * Liveness of a program under AutoML-Zero's loop: setup once; for each training example
 * v0 ← features, s0 ← 0, predict, read s1, s0 ← label, learn; then for each validation
 * example v0 ← features, s0 ← 0, predict, read s1. Iterates the loop to a fixed point, so
 * state carried across examples (weights, learning rates) stays live. An instruction that
 * is not live cannot change any prediction, so dropping it changes no result.
 */
export function programLiveness(program: ResolvedProgram, shape: MemoryShape): ProgramLiveness {
  const pass = liveness(program, shape, false);
  const random = [program.setup, program.predict, program.learn].some((c, i) => c.specs.some((spec, k) => spec.random && [pass.setup, pass.predict, pass.learn][i]![k]));
  return random ? { ...liveness(program, shape, true), random } : { ...pass, random };
}

function liveness(program: ResolvedProgram, shape: MemoryShape, keepRandom: boolean): Omit<ProgramLiveness, 'random'> {
  const s0 = registerId(shape, 'scalar', 0);
  const s1 = registerId(shape, 'scalar', 1);
  const v0 = registerId(shape, 'vector', 0);
  const predictHead = emptyRegisterSet(shape);
  const learnHead = emptyRegisterSet(shape);
  const harnessWrites = (set: Uint8Array): Uint8Array => {
    const out = set.slice();
    out[s0] = 0;
    if (shape.vectors > 0) out[v0] = 0;
    return out;
  };
  for (;;) {
    const predictOut = emptyRegisterSet(shape);
    if (shape.scalars > 1) predictOut[s1] = 1;
    unionInto(predictOut, learnHead);
    unionInto(predictOut, predictHead);
    const predictIn = harnessWrites(componentLiveness(program.predict, shape, predictOut, keepRandom).liveIn);
    const learnIn = harnessWrites(componentLiveness(program.learn, shape, predictHead, keepRandom).liveIn);
    const predictGrew = unionInto(predictHead, predictIn);
    const learnGrew = unionInto(learnHead, learnIn);
    if (!predictGrew && !learnGrew) {
      return {
        setup: componentLiveness(program.setup, shape, predictHead, keepRandom).live,
        predict: componentLiveness(program.predict, shape, predictOut, keepRandom).live,
        learn: componentLiveness(program.learn, shape, predictHead, keepRandom).live,
      };
    }
  }
}

/**
 * `programLiveness` over cached instruction facts, with register sets as bit masks: the
 * same answer, without allocating, for shapes of at most 31 registers.
 */
export function programLivenessFromFacts(
  setup: readonly InstructionFacts[],
  predict: readonly InstructionFacts[],
  learn: readonly InstructionFacts[],
  shape: MemoryShape,
): ProgramLiveness {
  const pass = maskLiveness(setup, predict, learn, shape, false);
  const random = drawsWhileLive(setup, pass.setup) || drawsWhileLive(predict, pass.predict) || drawsWhileLive(learn, pass.learn);
  return random ? { ...maskLiveness(setup, predict, learn, shape, true), random } : { ...pass, random };
}

function maskLiveness(
  setup: readonly InstructionFacts[],
  predict: readonly InstructionFacts[],
  learn: readonly InstructionFacts[],
  shape: MemoryShape,
  keepRandom: boolean,
): Omit<ProgramLiveness, 'random'> {
  const harness = ~((1 << registerId(shape, 'scalar', 0)) | (shape.vectors > 0 ? 1 << registerId(shape, 'vector', 0) : 0));
  const prediction = shape.scalars > 1 ? 1 << registerId(shape, 'scalar', 1) : 0;
  let predictHead = 0;
  let learnHead = 0;
  for (;;) {
    const predictIn = backwardMask(predict, prediction | learnHead | predictHead, keepRandom, undefined) & harness;
    const learnIn = backwardMask(learn, predictHead, keepRandom, undefined) & harness;
    const nextPredictHead = predictHead | predictIn;
    const nextLearnHead = learnHead | learnIn;
    if (nextPredictHead === predictHead && nextLearnHead === learnHead) break;
    predictHead = nextPredictHead;
    learnHead = nextLearnHead;
  }
  return {
    setup: liveFlags(setup, predictHead, keepRandom),
    predict: liveFlags(predict, prediction | learnHead | predictHead, keepRandom),
    learn: liveFlags(learn, predictHead, keepRandom),
  };
}

// Plain functions rather than closures: this runs once per individual of a search.

/** True when a live instruction draws random numbers. */
function drawsWhileLive(facts: readonly InstructionFacts[], live: readonly boolean[]): boolean {
  for (let k = 0; k < facts.length; k++) if (facts[k]!.random && live[k]) return true;
  return false;
}

/** Which instructions are live, given the registers live after the last one. */
function liveFlags(facts: readonly InstructionFacts[], liveOut: number, keepRandom: boolean): boolean[] {
  const flags = new Array<boolean>(facts.length);
  backwardMask(facts, liveOut, keepRandom, flags);
  return flags;
}

/** Backward liveness over masks; fills `live` when given; returns the registers live on entry. */
function backwardMask(facts: readonly InstructionFacts[], liveOut: number, keepRandom: boolean, live: boolean[] | undefined): number {
  let set = liveOut;
  for (let k = facts.length - 1; k >= 0; k--) {
    const f = facts[k]!;
    const isLive = f.write !== 0 && ((set & f.write) !== 0 || (keepRandom && f.random));
    if (live !== undefined) live[k] = isLive;
    if (!isLive) continue;
    if (!f.partial) set &= ~f.write;
    set |= f.reads;
  }
  return set;
}
