import { UsageError } from '../../core/errors.ts';
import type { Rng } from '../../core/rng.ts';
import { Tensor } from '../../learn/tensor/tensor.ts';

/** One sampled minibatch: rows of transitions as float32 tensors. */
export interface TransitionBatch {
  /** s: [B, observationSize]. */
  readonly state: Tensor;
  /** a: [B, actionSize], in [−1, 1]. */
  readonly action: Tensor;
  /** r: [B, 1]. */
  readonly reward: Tensor;
  /** s′: [B, observationSize]. */
  readonly nextState: Tensor;
  /** 1 where the episode truly ended at s′ (no bootstrapping), else 0: [B, 1]. */
  readonly done: Tensor;
}

/**
 * A ring buffer of transitions (s, a, r, s′, done) in flat float32 arrays; when full, the
 * oldest are overwritten. Minibatches are drawn uniformly with replacement from `rng`.
 */
export class ReplayBuffer {
  private readonly states: Float32Array;
  private readonly actions: Float32Array;
  private readonly rewards: Float32Array;
  private readonly nextStates: Float32Array;
  private readonly dones: Float32Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number, readonly observationSize: number, readonly actionSize: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new UsageError(`replay buffer: capacity must be a whole number >= 1, got ${capacity}`);
    this.states = new Float32Array(capacity * observationSize);
    this.actions = new Float32Array(capacity * actionSize);
    this.rewards = new Float32Array(capacity);
    this.nextStates = new Float32Array(capacity * observationSize);
    this.dones = new Float32Array(capacity);
  }

  /** Transitions held. */
  get size(): number {
    return this.count;
  }

  add(state: ArrayLike<number>, action: ArrayLike<number>, reward: number, nextState: ArrayLike<number>, done: boolean): void {
    const i = this.next;
    this.states.set(state, i * this.observationSize);
    this.actions.set(action, i * this.actionSize);
    this.rewards[i] = reward;
    this.nextStates.set(nextState, i * this.observationSize);
    this.dones[i] = done ? 1 : 0;
    this.next = (i + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }

  /** `batchSize` transitions drawn uniformly with replacement. */
  sample(batchSize: number, rng: Rng): TransitionBatch {
    if (this.count === 0) throw new UsageError('replay buffer: cannot sample from an empty buffer');
    const o = this.observationSize;
    const n = this.actionSize;
    const state = new Float32Array(batchSize * o);
    const action = new Float32Array(batchSize * n);
    const reward = new Float32Array(batchSize);
    const nextState = new Float32Array(batchSize * o);
    const done = new Float32Array(batchSize);
    for (let b = 0; b < batchSize; b++) {
      const i = rng.int(this.count);
      state.set(this.states.subarray(i * o, (i + 1) * o), b * o);
      action.set(this.actions.subarray(i * n, (i + 1) * n), b * n);
      reward[b] = this.rewards[i]!;
      nextState.set(this.nextStates.subarray(i * o, (i + 1) * o), b * o);
      done[b] = this.dones[i]!;
    }
    return {
      state: new Tensor(state, [batchSize, o]),
      action: new Tensor(action, [batchSize, n]),
      reward: new Tensor(reward, [batchSize, 1]),
      nextState: new Tensor(nextState, [batchSize, o]),
      done: new Tensor(done, [batchSize, 1]),
    };
  }
}
