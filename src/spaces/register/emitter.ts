import type { MemoryShape } from './memory.ts';

/** An index in emitted code: a literal known at compile time, or a loop variable's name. */
export type Index = number | string;

/** Options of an `Emitter`. */
export interface EmitterOptions {
  /**
   * Largest feature size whose vector and matrix ops are fully unrolled, with every register
   * element held in a JS local instead of a Float64Array slot. Default 4.
   */
  readonly unrollFeatures?: number;
  /** Keep unrolled register elements in JS locals (default) or in the memory arrays. */
  readonly locals?: boolean;
}

/**
 * Writes the JS that compiled register programs are made of, for one memory shape. Ops call
 * its helpers to name register elements and to loop over features; the emitter unrolls
 * loops when F is small and then, unless told otherwise, keeps elements in locals (`v5`)
 * rather than array slots (`v[5]`, `v[4 + i]`), and remembers which locals and constants the body used so that `prologue` declares
 * exactly those and `epilogue` writes the registers back to memory.
 *
 * Emitted code sees: `s`, `v`, `m` (the memory arrays), `t` (scratch), `c` (constants).
 */
export class Emitter {
  readonly features: number;
  readonly shape: MemoryShape;
  /** True when loops are unrolled (every index is a literal). */
  readonly unrolled: boolean;
  /** True when register elements and scratch live in JS locals. */
  readonly locals: boolean;
  private readonly usedElements = new Set<string>();
  private readonly usedTemps = new Set<number>();
  private constantCount = 0;
  private loopDepth = 0;

  constructor(shape: MemoryShape, options: EmitterOptions = {}) {
    this.shape = shape;
    this.features = shape.features;
    this.unrolled = shape.features <= (options.unrollFeatures ?? 4);
    this.locals = this.unrolled && (options.locals ?? true);
  }

  /** Scalar register `a`. */
  s(a: number): string {
    return this.locals ? this.local('s', a) : `s[${a}]`;
  }

  /** Entry `i` of vector register `a`. */
  v(a: number, i: Index): string {
    const f = this.features;
    if (typeof i === 'number') return this.locals ? this.local('v', a * f + i) : `v[${a * f + i}]`;
    return `v[${a * f} + ${i}]`;
  }

  /** Entry (`r`, `c`) of matrix register `a`. */
  m(a: number, r: Index, c: Index): string {
    const f = this.features;
    if (typeof r === 'number' && typeof c === 'number') {
      const flat = a * f * f + r * f + c;
      return this.locals ? this.local('m', flat) : `m[${flat}]`;
    }
    const row = typeof r === 'number' ? String(a * f * f + r * f) : `${a * f * f} + ${r} * ${f}`;
    return `m[${row} + ${c}]`;
  }

  /** Entry `k` of matrix register `a` in row-major order (0 <= k < F*F). */
  mFlat(a: number, k: Index): string {
    const f = this.features;
    if (typeof k === 'number') return this.m(a, Math.floor(k / f), k % f);
    return `m[${a * f * f} + ${k}]`;
  }

  /** Scratch slot `k` (0 <= k < F*F), for ops whose output aliases an input. */
  tmp(k: Index): string {
    if (typeof k === 'number' && this.locals) {
      this.usedTemps.add(k);
      return `t${k}`;
    }
    return `t[${k}]`;
  }

  /** The name of the next run-time constant; constants are numbered in emission order. */
  constant(): string {
    return `c${this.constantCount++}`;
  }

  /** `body(i)` for i in [0, n): unrolled with literal indices, or as a loop. */
  each(n: number, body: (i: Index) => string): string {
    if (this.unrolled) {
      let out = '';
      for (let i = 0; i < n; i++) out += body(i);
      return out;
    }
    const i = `i${this.loopDepth++}`;
    const inner = body(i);
    this.loopDepth--;
    return `for (let ${i} = 0; ${i} < ${n}; ${i}++) { ${inner} }\n`;
  }

  /**
   * Declares `const name` (or `let name`, in loop form) as `term(0) + term(1) + ... +
   * term(n-1)`, added left to right starting from the first term, as the interpreter does.
   */
  sum(name: string, n: number, term: (i: Index) => string): string {
    if (this.unrolled) {
      const terms: string[] = [];
      for (let i = 0; i < n; i++) terms.push(term(i));
      return `const ${name} = ${terms.join(' + ')};\n`;
    }
    const i = `i${this.loopDepth++}`;
    const first = term(0);
    const rest = term(i);
    this.loopDepth--;
    return `let ${name} = ${first};\nfor (let ${i} = 1; ${i} < ${n}; ${i}++) ${name} += ${rest};\n`;
  }

  /** Declarations for the locals and constants the emitted body used; goes first. */
  prologue(): string {
    const lines: string[] = [];
    for (const name of this.usedElements) lines.push(`let ${name} = ${name[0]}[${name.slice(1)}];`);
    for (const k of this.usedTemps) lines.push(`let t${k} = 0;`);
    for (let k = 0; k < this.constantCount; k++) lines.push(`const c${k} = c[${k}];`);
    return lines.join('\n') + '\n';
  }

  /** Writes register locals back to memory; goes before every return. */
  epilogue(): string {
    let out = '';
    for (const name of this.usedElements) out += `${name[0]}[${name.slice(1)}] = ${name}; `;
    return out;
  }

  /** How many constants the body used. */
  get constants(): number {
    return this.constantCount;
  }

  private local(array: 's' | 'v' | 'm', flat: number): string {
    const name = `${array}${flat}`;
    this.usedElements.add(name);
    return name;
  }
}
