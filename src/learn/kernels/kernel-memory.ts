/**
 * The one WebAssembly memory the kernels compute in: a scratch region, grown on demand, for
 * operands copied in from ordinary Float32Arrays. A fused op lays out all its operands and
 * intermediates at once (`regions`), so what one kernel writes the next reads in place.
 */

const PAGE_BYTES = 65536;
/** Bytes past each region that a vector access at a row's end may touch. */
const SLACK_BYTES = 16;

/** `bytes` rounded up to a 16-byte multiple, plus room for a vector read past the end. */
export function alignedBytes(bytes: number): number {
  return (bytes + SLACK_BYTES + 15) & ~15;
}

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

  /**
   * Byte addresses of consecutive 16-byte-aligned scratch regions of at least the given sizes
   * (the whole scratch area, as `scratch`: reused by the next call). Take `heap()` afterwards.
   */
  regions(bytes: readonly number[]): number[] {
    let total = 0;
    const offsets = bytes.map((b) => {
      const at = total;
      total += alignedBytes(b);
      return at;
    });
    const base = this.scratch(total);
    return offsets.map((o) => base + o);
  }
}

let shared: KernelMemory | undefined;

/** The process-wide kernel memory, created on first use. */
export function kernelMemory(): KernelMemory {
  shared ??= new KernelMemory();
  return shared;
}
