/**
 * A small WebAssembly binary assembler: just enough of the format (functions, one imported
 * memory, i32/f32/v128 instructions) to generate the matmul kernels in TypeScript, so the
 * project ships its SIMD code without a compiler toolchain. Opcodes follow the WebAssembly
 * core specification 2.0 (SIMD) and the relaxed-SIMD proposal.
 */

/** The WebAssembly value types the kernels use, by their one-byte codes. */
export const ValueType = { I32: 0x7f, F32: 0x7d, V128: 0x7b } as const;

/** One of the value-type codes in `ValueType`. */
export type ValueType = (typeof ValueType)[keyof typeof ValueType];

/** Byte offsets and alignment (log2 bytes) of one memory access. */
export interface MemoryArgument { readonly offset?: number; readonly alignLog2?: number }

function unsignedLeb(value: number, out: number[]): void {
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
}

function signedLeb(value: number, out: number[]): void {
  while (true) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** The body of one function: locals and instructions, appended in order. */
export class FunctionBody {
  readonly bytes: number[] = [];
  private readonly extraLocals: ValueType[] = [];

  constructor(readonly params: readonly ValueType[], readonly results: readonly ValueType[]) {}

  /** Declares a new local of the given type and returns its index. */
  local(type: ValueType): number {
    this.extraLocals.push(type);
    return this.params.length + this.extraLocals.length - 1;
  }

  /** The encoded locals declaration (runs of equal types). */
  encodeLocals(): number[] {
    const runs: [number, ValueType][] = [];
    for (const type of this.extraLocals) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === type) last[0]++;
      else runs.push([1, type]);
    }
    const out: number[] = [];
    unsignedLeb(runs.length, out);
    for (const [count, type] of runs) {
      unsignedLeb(count, out);
      out.push(type);
    }
    return out;
  }

  private op(...codes: number[]): this {
    this.bytes.push(...codes);
    return this;
  }

  private simd(code: number): this {
    this.bytes.push(0xfd);
    unsignedLeb(code, this.bytes);
    return this;
  }

  private memory(alignLog2: number, offset: number): this {
    this.bytes.push(alignLog2);
    unsignedLeb(offset, this.bytes);
    return this;
  }

  block(): this { return this.op(0x02, 0x40); }
  loop(): this { return this.op(0x03, 0x40); }
  if(): this { return this.op(0x04, 0x40); }
  else(): this { return this.op(0x05); }
  end(): this { return this.op(0x0b); }
  br(depth: number): this { this.op(0x0c); unsignedLeb(depth, this.bytes); return this; }
  brIf(depth: number): this { this.op(0x0d); unsignedLeb(depth, this.bytes); return this; }
  call(index: number): this { this.op(0x10); unsignedLeb(index, this.bytes); return this; }
  get(index: number): this { this.op(0x20); unsignedLeb(index, this.bytes); return this; }
  set(index: number): this { this.op(0x21); unsignedLeb(index, this.bytes); return this; }
  tee(index: number): this { this.op(0x22); unsignedLeb(index, this.bytes); return this; }

  i32(value: number): this { this.op(0x41); signedLeb(value | 0, this.bytes); return this; }
  f32(value: number): this {
    this.op(0x43);
    this.bytes.push(...new Uint8Array(Float32Array.of(value).buffer));
    return this;
  }
  i32Eqz(): this { return this.op(0x45); }
  i32Eq(): this { return this.op(0x46); }
  i32LtS(): this { return this.op(0x48); }
  i32GtS(): this { return this.op(0x4a); }
  i32LeS(): this { return this.op(0x4c); }
  i32Add(): this { return this.op(0x6a); }
  i32Sub(): this { return this.op(0x6b); }
  i32Mul(): this { return this.op(0x6c); }
  i32And(): this { return this.op(0x71); }
  i32Shl(): this { return this.op(0x74); }
  i32ShrU(): this { return this.op(0x76); }
  i32Load(m: MemoryArgument = {}): this { return this.op(0x28).memory(m.alignLog2 ?? 2, m.offset ?? 0); }
  f32Add(): this { return this.op(0x92); }
  f32Load(m: MemoryArgument = {}): this { return this.op(0x2a).memory(m.alignLog2 ?? 2, m.offset ?? 0); }
  f32Store(m: MemoryArgument = {}): this { return this.op(0x38).memory(m.alignLog2 ?? 2, m.offset ?? 0); }

  v128Load(m: MemoryArgument = {}): this { return this.simd(0x00).memory(m.alignLog2 ?? 4, m.offset ?? 0); }
  v128Load32Splat(m: MemoryArgument = {}): this { return this.simd(0x09).memory(m.alignLog2 ?? 2, m.offset ?? 0); }
  v128Store(m: MemoryArgument = {}): this { return this.simd(0x0b).memory(m.alignLog2 ?? 4, m.offset ?? 0); }
  v128Store32Lane(lane: number, m: MemoryArgument = {}): this { return this.simd(0x5a).memory(m.alignLog2 ?? 2, m.offset ?? 0).op(lane); }
  v128Store64Lane(lane: number, m: MemoryArgument = {}): this { return this.simd(0x5b).memory(m.alignLog2 ?? 3, m.offset ?? 0).op(lane); }
  v128Zero(): this { this.simd(0x0c); this.bytes.push(...new Array<number>(16).fill(0)); return this; }
  /** i8x16.shuffle given as four 32-bit lane indices (0–3 first operand, 4–7 second). */
  shuffle32(lanes: readonly [number, number, number, number]): this {
    this.simd(0x0d);
    for (const lane of lanes) this.bytes.push(4 * lane, 4 * lane + 1, 4 * lane + 2, 4 * lane + 3);
    return this;
  }
  f32x4Splat(): this { return this.simd(0x13); }
  /** A v128 constant of four equal float32 lanes. */
  f32x4Const(value: number): this {
    this.simd(0x0c);
    const lane = [...new Uint8Array(Float32Array.of(value).buffer)];
    this.bytes.push(...lane, ...lane, ...lane, ...lane);
    return this;
  }
  f32x4ExtractLane(lane: number): this { return this.simd(0x1f).op(lane); }
  f32x4Gt(): this { return this.simd(0x44); }
  f32x4Ge(): this { return this.simd(0x46); }
  v128And(): this { return this.simd(0x4e); }
  /** Lanes of the first operand where the mask (third) has ones, of the second elsewhere. */
  v128Bitselect(): this { return this.simd(0x52); }
  f32x4Abs(): this { return this.simd(0xe0); }
  f32x4Add(): this { return this.simd(0xe4); }
  f32x4Sub(): this { return this.simd(0xe5); }
  f32x4Mul(): this { return this.simd(0xe6); }
  f32x4Div(): this { return this.simd(0xe7); }
  f32x4Min(): this { return this.simd(0xe8); }
  f32x4Max(): this { return this.simd(0xe9); }
  /** Relaxed SIMD: a·b + c, fused where the hardware has FMA (operands pushed a, b, c). */
  f32x4RelaxedMadd(): this { return this.simd(0x105); }
}

/** Emits `for (counter = start; counter < limit; counter += step) body()` (signed compare). */
export function forLoop(f: FunctionBody, counter: number, start: () => void, limit: () => void, step: number, body: () => void): void {
  start();
  f.set(counter);
  f.block().loop();
  f.get(counter);
  limit();
  f.i32LtS().i32Eqz().brIf(1);
  body();
  f.get(counter).i32(step).i32Add().set(counter);
  f.br(0);
  f.end().end();
}

/** One exported function of a module under construction. */
interface ModuleFunction { readonly name: string; readonly body: FunctionBody }

function section(id: number, content: number[], out: number[]): void {
  out.push(id);
  unsignedLeb(content.length, out);
  out.push(...content);
}

function name(text: string, out: number[]): void {
  const bytes = new TextEncoder().encode(text);
  unsignedLeb(bytes.length, out);
  out.push(...bytes);
}

/** A module that imports one memory as `env.memory` and exports every function it defines. */
export class ModuleBuilder {
  private readonly functions: ModuleFunction[] = [];

  /** Adds a function; its index (for `call`) is the order of addition. */
  addFunction(name: string, body: FunctionBody): number {
    this.functions.push({ name, body });
    return this.functions.length - 1;
  }

  /** The module's binary encoding. */
  encode(): Uint8Array {
    const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const types: number[] = [];
    unsignedLeb(this.functions.length, types);
    for (const { body } of this.functions) {
      types.push(0x60);
      unsignedLeb(body.params.length, types);
      types.push(...body.params);
      unsignedLeb(body.results.length, types);
      types.push(...body.results);
    }
    section(1, types, out);
    const imports: number[] = [1];
    name('env', imports);
    name('memory', imports);
    imports.push(0x02, 0x00, 0x01); // memory, limits with minimum only: 1 page
    section(2, imports, out);
    const functionTypes: number[] = [];
    unsignedLeb(this.functions.length, functionTypes);
    this.functions.forEach((_, index) => unsignedLeb(index, functionTypes));
    section(3, functionTypes, out);
    const exports: number[] = [];
    unsignedLeb(this.functions.length, exports);
    this.functions.forEach((f, index) => {
      name(f.name, exports);
      exports.push(0x00);
      unsignedLeb(index, exports);
    });
    section(7, exports, out);
    const code: number[] = [];
    unsignedLeb(this.functions.length, code);
    for (const { body } of this.functions) {
      const entry = [...body.encodeLocals(), ...body.bytes, 0x0b];
      unsignedLeb(entry.length, code);
      code.push(...entry);
    }
    section(10, code, out);
    return Uint8Array.from(out);
  }
}
