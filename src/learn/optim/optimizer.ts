import { UsageError } from '../../core/errors.ts';
import { show, wholeNumber } from '../../core/options.ts';
import { gradients } from '../tensor/autograd.ts';
import { allocate, Tensor, type FloatArray } from '../tensor/tensor.ts';
import { clipByGlobalNorm, clipByValue } from './clip.ts';
import { positive, type UpdateRule } from './rule.ts';
import { constantSchedule, type Schedule } from './schedule.ts';

/** Options of `optimizer`: what is done to the gradients before the rule sees them. */
export interface OptimizerOptions {
  /** Clamp each gradient coordinate into [−clipValue, clipValue] (done first). */
  readonly clipValue?: number;
  /** Then scale the gradients down when their global norm exceeds this. */
  readonly clipNorm?: number;
}

/**
 * An optimizer's state as plain JSON: the updates made and every slot of every parameter
 * (float32 values survive JSON exactly). The parameters themselves are stored by their module.
 */
export interface OptimizerState {
  readonly rule: string;
  readonly step: number;
  /** slots[parameter][slot] holds that slot's values, row-major. */
  readonly slots: number[][][];
}

/** An update rule applied to a list of parameters, with their slots, a step count and a schedule. */
export interface Optimizer {
  readonly parameters: readonly Tensor[];
  readonly rule: UpdateRule;
  /** Updates made so far. */
  readonly steps: number;
  /** The global gradient norm before clipping at the last update; NaN unless clipNorm is set. */
  readonly lastGradientNorm: number;
  /** The learning rate the next update will use. */
  learningRate(): number;
  /**
   * Updates every parameter in place from its gradient (`gradients(loss, parameters)`, same
   * order). Clipping rewrites `grads` in place.
   */
  step(grads: readonly Tensor[]): void;
  /** Computes the loss, its gradients and one update; returns the loss's value. */
  minimize(loss: () => Tensor): number;
  /** The step count and slots as plain JSON, to store and resume training. */
  saveState(): OptimizerState;
  /** Restores what `saveState` returned (checked against this optimizer's rule and parameters). */
  loadState(state: unknown): void;
}

/**
 * An optimizer that applies `rule` to `params` with the learning rate given by `schedule`
 * (a number is a constant rate). Slots are allocated here, once, in each parameter's type.
 */
export function optimizer(params: readonly Tensor[], rule: UpdateRule, schedule: Schedule | number, options: OptimizerOptions = {}): Optimizer {
  if (!Array.isArray(params) || params.some((p) => !(p instanceof Tensor))) throw new UsageError('optimizer: params must be an array of tensors (a module\'s parameters())');
  if (new Set(params).size !== params.length) throw new UsageError('optimizer: a parameter is listed twice, so it would be updated twice per step');
  if (options.clipValue !== undefined) positive('optimizer', 'clipValue', options.clipValue);
  if (options.clipNorm !== undefined) positive('optimizer', 'clipNorm', options.clipNorm);
  const lrAt = typeof schedule === 'number' ? constantSchedule(schedule) : schedule;
  return new SlotOptimizer([...params], rule, lrAt, options);
}

class SlotOptimizer implements Optimizer {
  steps = 0;
  lastGradientNorm = NaN;
  private readonly slotData: FloatArray[][];
  // Reused every step so that an update allocates nothing.
  private readonly gradData: FloatArray[];

  constructor(
    readonly parameters: readonly Tensor[],
    readonly rule: UpdateRule,
    private readonly schedule: Schedule,
    private readonly options: OptimizerOptions,
  ) {
    this.slotData = parameters.map((p) => rule.slots.map(() => allocate(p.dtype, p.size)));
    this.gradData = parameters.map((p) => p.data);
  }

  learningRate(): number {
    return this.schedule(this.steps);
  }

  step(grads: readonly Tensor[]): void {
    const params = this.parameters;
    if (grads.length !== params.length) throw new UsageError(`optimizer: ${grads.length} gradients for ${params.length} parameters`);
    for (let i = 0; i < params.length; i++) {
      const g = grads[i]!;
      if (g.size !== params[i]!.size) throw new UsageError(`optimizer: gradient ${i} has ${g.size} elements, its parameter ${params[i]!.size}`);
      this.gradData[i] = g.data;
    }
    const { clipValue, clipNorm } = this.options;
    if (clipValue !== undefined) clipByValue(this.gradData, clipValue);
    if (clipNorm !== undefined) this.lastGradientNorm = clipByGlobalNorm(this.gradData, clipNorm);
    const lr = this.schedule(this.steps);
    this.steps++;
    for (let i = 0; i < params.length; i++) this.rule.update(params[i]!.data, this.gradData[i]!, this.slotData[i]!, this.steps, lr);
  }

  minimize(loss: () => Tensor): number {
    const value = loss();
    this.step(gradients(value, this.parameters));
    return value.item();
  }

  saveState(): OptimizerState {
    return { rule: this.rule.name, step: this.steps, slots: this.slotData.map((slots) => slots.map((s) => Array.from(s))) };
  }

  loadState(state: unknown): void {
    const owner = 'optimizer.loadState';
    const s = state as Partial<OptimizerState> | null;
    if (typeof s !== 'object' || s === null) throw new UsageError(`${owner}: the state must be an object, got ${show(state)}`);
    if (s.rule !== this.rule.name) throw new UsageError(`${owner}: the state is of rule ${show(s.rule)}, this optimizer's is '${this.rule.name}'`);
    const step = wholeNumber(owner, 'step', s.step, 0);
    const slots = s.slots;
    if (!Array.isArray(slots) || slots.length !== this.parameters.length) {
      throw new UsageError(`${owner}: slots must hold one entry per parameter (${this.parameters.length}), got ${Array.isArray(slots) ? slots.length : show(slots)}`);
    }
    // Check everything before writing anything, so a bad state leaves the optimizer as it was.
    slots.forEach((perParameter, p) => {
      if (!Array.isArray(perParameter) || perParameter.length !== this.rule.slots.length) throw new UsageError(`${owner}: parameter ${p} needs ${this.rule.slots.length} slots (${this.rule.slots.join(', ')})`);
      perParameter.forEach((values, k) => {
        const size = this.parameters[p]!.size;
        if (!Array.isArray(values) || values.length !== size || values.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
          throw new UsageError(`${owner}: slot '${this.rule.slots[k]}' of parameter ${p} must be ${size} finite numbers`);
        }
      });
    });
    slots.forEach((perParameter, p) => perParameter.forEach((values, k) => this.slotData[p]![k]!.set(values)));
    this.steps = step;
  }
}
