import { UsageError } from '../../core/errors.ts';
import { allocate, Tensor, type FloatArray, type Origin } from './tensor.ts';

/*
 * Reverse-mode gradients by recording, as in PyTorch: every op whose inputs need gradients
 * records its inputs and a backward function on its result. `gradients` walks that record
 * from a scalar back to the tensors asked for. Gradient buffers live on the tensors only
 * during the walk, so a pass allocates one buffer per tensor on the path and nothing else.
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
 * needs none (so backward functions skip work for constants).
 */
export function gradientOf(t: Tensor): FloatArray | null {
  if (!t.requiresGrad) return null;
  return (t.gradBuffer ??= allocate(t.dtype, t.size));
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
  try {
    if (loss.requiresGrad) gradientOf(loss)!.fill(1);
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i]!;
      if (t.origin !== null && t.gradBuffer !== null) t.origin.backward(t.gradBuffer);
    }
    return wrt.map((w) => new Tensor(w.gradBuffer ?? allocate(w.dtype, w.size), w.shape));
  } finally {
    for (const t of order) t.gradBuffer = null;
    for (const w of wrt) w.gradBuffer = null;
  }
}

/** The loss's value and its gradients, in one pass. */
export function valueAndGradients(loss: Tensor, wrt: readonly Tensor[]): { value: number; grads: Tensor[] } {
  return { value: loss.item(), grads: gradients(loss, wrt) };
}
