/**
 * A point in a template's space: one number per decision slot of its spec (a candidate index,
 * an integer or a float), NaN where the decision is inactive because a choice above it picked
 * another branch. Operators never change a DNA; they make new ones.
 */
export class DNA {
  constructor(
    /** Slot values, indexed like `spec.decisions`; treat as read-only. */
    readonly values: Float64Array,
  ) {}

  /** The active values in slot order (PyGlove's flat form); `template.fromJSON` reads it back. */
  toJSON(): number[] {
    const out: number[] = [];
    const values = this.values;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (v === v) out.push(v);
    }
    return out;
  }

  toString(): string {
    return `DNA(${this.toJSON().join(', ')})`;
  }

  /** True when both hold the same decisions (NaN slots match NaN slots). */
  equals(other: DNA): boolean {
    const a = this.values;
    const b = other.values;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!(a[i] === b[i] || (a[i] !== a[i] && b[i] !== b[i]))) return false;
    return true;
  }
}
