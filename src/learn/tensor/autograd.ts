import { UsageError } from '../../core/errors.ts';
import type { GradientTarget } from '../kernels/matmul.ts';
import { returnBuffers, takeBuffer } from './gradient-buffers.ts';
import { allocate, Tensor, type FloatArray, type Origin } from './tensor.ts';

/*
 * Reverse-mode gradients by recording, as in PyTorch: every op whose inputs need gradients
 * records its inputs and a backward function on its result. `gradients` walks that record
 * from a scalar back to the tensors asked for. Gradient buffers live on the tensors only
 * during the walk, at most one per tensor on the path (an op whose gradient passes unchanged
 * hands its own buffer on), and are recycled for the next walk (gradient-buffers.ts).
 */

let recording = true;

/** Runs `fn` without recording: results need no gradients (inference, target networks). */
export function noGrad<T>(fn: () => T): T {
  const before = recording;
  recording = false;
  try {
    return fn();
  } finally {
    recording = before;
  }
}

/** True while ops record what gradients need. */
export function isRecording(): boolean {
  return recording;
}

/**
 * The result of an op: `data` with `shape`, and `backward` recorded when any input needs a
 * gradient. `backward` receives this result's gradient and adds to its inputs' (`gradientOf`).
 */
export function result(data: FloatArray, shape: readonly number[], inputs: readonly Tensor[], backward: (grad: FloatArray) => void): Tensor {
  if (recording) {
    for (const input of inputs) {
      if (input.requiresGrad) return new Tensor(data, shape, true, { inputs, backward } satisfies Origin);
    }
  }
  return new Tensor(data, shape);
}

/**
 * The buffer that gradients of `t` accumulate into during a backward pass, or null when `t`
 * needs none: a constant, or a tensor that none of the tensors asked for depends on (so
 * backward functions skip that work, e.g. a critic's weight gradients in an actor's update).
 */
export function gradientOf(t: Tensor): FloatArray | null {
  if (!t.gradWanted) return null;
  return (t.gradBuffer ??= takeBuffer(t.dtype, t.size));
}

/**
 * The gradient buffer of `t` for a backward function that overwrites it where `t` has received
 * no gradient yet and adds to it otherwise (a product's output, which then needs no copy-in);
 * null when `t` needs none. A new buffer is not zeroed. Take each input's target just before
 * its writes, in case two inputs are one tensor.
 */
export function gradientTarget(t: Tensor): GradientTarget | null {
  if (!t.gradWanted) return null;
  if (t.gradBuffer !== null) return { into: t.gradBuffer, accumulate: true };
  t.gradBuffer = takeBuffer(t.dtype, t.size, false);
  return { into: t.gradBuffer, accumulate: false };
}

// The tensors the running `gradients` call returns gradients of: their buffers are never handed on.
let requested: ReadonlySet<Tensor> = new Set();

/**
 * Adds `g`, the complete gradient of `from`, into the gradient of its input `to` (same size
 * and type). When `to` has received none yet it takes `g` itself instead of a copy: `from`'s
 * gradient is read by no one after its backward function ran, unless it is asked for.
 */
export function passGradient(from: Tensor, to: Tensor, g: FloatArray): void {
  if (!to.gradWanted) return;
  if (to.gradBuffer === null && !requested.has(from)) {
    to.gradBuffer = g;
    return;
  }
  const gx = gradientOf(to)!;
  for (let i = 0; i < g.length; i++) gx[i]! += g[i]!;
}

/** The same values with no gradient flowing back through them (target networks, fixed baselines). */
export function stopGradient(t: Tensor): Tensor {
  return t.requiresGrad ? new Tensor(t.data, t.shape) : t;
}

/** Every tensor that `root` depends on through recorded ops, inputs before the tensors made from them. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>([root]);
  const stack: { tensor: Tensor; next: number }[] = [{ tensor: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const inputs = top.tensor.origin?.inputs ?? [];
    if (top.next < inputs.length) {
      const input = inputs[top.next++]!;
      if (input.requiresGrad && !seen.has(input)) {
        seen.add(input);
        stack.push({ tensor: input, next: 0 });
      }
    } else {
      order.push(top.tensor);
      stack.pop();
    }
  }
  return order;
}

/**
 * The gradients of the scalar `loss` with respect to each of `wrt` (zeros for a tensor the
 * loss does not depend on), each with its tensor's shape and type.
 */
export function gradients(loss: Tensor, wrt: readonly Tensor[]): Tensor[] {
  if (loss.size !== 1) throw new UsageError(`gradients: the loss must be a scalar, got shape [${loss.shape.join(', ')}]`);
  const order = topologicalOrder(loss);
  requested = new Set(wrt);
  try {
    // Inputs come before what is made from them, so one forward sweep marks every tensor
    // that depends on one asked for: only those need a gradient.
    for (const w of wrt) w.gradWanted = w.requiresGrad;
    for (const t of order) {
      if (t.gradWanted || t.origin === null) continue;
      for (const input of t.origin.inputs) {
        if (input.gradWanted) {
          t.gradWanted = true;
          break;
        }
      }
    }
    if (loss.gradWanted) gradientOf(loss)!.fill(1);
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i]!;
      if (t.origin !== null && t.gradBuffer !== null) t.origin.backward(t.gradBuffer);
    }
    const grads = wrt.map((w) => new Tensor(w.gradBuffer ?? allocate(w.dtype, w.size), w.shape));
    const returned = new Set(grads.map((g) => g.data));
    const spent = new Set<FloatArray>();
    for (const t of order) if (t.gradBuffer !== null && !returned.has(t.gradBuffer)) spent.add(t.gradBuffer);
    returnBuffers(spent);
    return grads;
  } finally {
    requested = new Set();
    for (const t of order) {
      t.gradBuffer = null;
      t.gradWanted = false;
    }
    for (const w of wrt) {
      w.gradBuffer = null;
      w.gradWanted = false;
    }
  }
}

/** The loss's value and its gradients, in one pass. */
export function valueAndGradients(loss: Tensor, wrt: readonly Tensor[]): { value: number; grads: Tensor[] } {
  return { value: loss.item(), grads: gradients(loss, wrt) };
}
