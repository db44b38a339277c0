import { UsageError } from './errors.ts';

/**
 * Named factories, so that tasks, spaces and algorithms can be rebuilt from (name, config)
 * in a worker, on resume, or from a JSON config.
 */
export class Registry<F, E = never> {
  private readonly entries = new Map<string, { factory: F; description: string; example: E | undefined }>();

  /** @param kind what the registry holds, used in error messages (`'task'`). */
  constructor(readonly kind: string) {}

  /**
   * Adds a factory; registering the same name twice is a programming error. `example` is a
   * small input that builds it (for spaces and algorithms, what the recipe contract test runs).
   */
  register(name: string, factory: F, description = '', example?: E): void {
    if (this.entries.has(name)) throw new Error(`${this.kind} '${name}' is already registered`);
    this.entries.set(name, { factory, description, example });
  }

  /** The factory for `name`; an unknown name is a UsageError listing the known ones. */
  get(name: string): F {
    const entry = this.entries.get(name);
    if (entry === undefined) {
      const known = [...this.entries.keys()].sort().join(', ') || '(none registered)';
      throw new UsageError(`unknown ${this.kind} '${name}'; known: ${known}`);
    }
    return entry.factory;
  }

  /** The example registered with `name`, or undefined when it has none (or is unknown). */
  example(name: string): E | undefined {
    return this.entries.get(name)?.example;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Registered names with their one-line descriptions, sorted by name. */
  list(): { name: string; description: string }[] {
    return [...this.entries].map(([name, e]) => ({ name, description: e.description })).sort((a, b) => a.name.localeCompare(b.name));
  }
}
