/**
 * The one WebAssembly memory the kernels compute in: a scratch region, grown on demand, for
 * operands copied in from ordinary Float32Arrays.
 */

const PAGE_BYTES = 65536;

/** The kernels' linear memory and its scratch region. */
export class KernelMemory {
  /** The WebAssembly memory the kernel modules import. */
  readonly memory = new WebAssembly.Memory({ initial: 16 });
  private view = new Float32Array(this.memory.buffer);

  /** A Float32Array over the whole memory; valid until the memory next grows. */
  heap(): Float32Array {
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }

  /**
   * The byte address of a scratch region of at least `bytes`, 16-byte aligned; its contents
   * are undefined and it is reused by the next call.
   */
  scratch(bytes: number): number {
    const start = 64;
    const needed = start + bytes;
    const have = this.memory.buffer.byteLength;
    if (needed > have) this.memory.grow(Math.ceil((needed - have) / PAGE_BYTES));
    return start;
  }
}

let shared: KernelMemory | undefined;

/** The process-wide kernel memory, created on first use. */
export function kernelMemory(): KernelMemory {
  shared ??= new KernelMemory();
  return shared;
}
