import { SpaceError, UsageError } from '../core/errors.ts';
import type { Json, Space } from '../core/types.ts';

/** A genotype with the losses its trial reported. */
export interface Member<G> {
  readonly genotype: G;
  readonly loss: readonly number[];
}

/**
 * Loss values as JSON. Failed trials carry +Infinity, which JSON cannot hold, so
 * non-finite values are written as the strings 'Infinity', '-Infinity' and 'NaN'.
 */
export function lossToJson(loss: readonly number[]): Json[] {
  return loss.map((v) => (Number.isFinite(v) ? v : String(v)));
}

/** A member as `{ genotype, loss }` plain data. */
export function memberToJson<G>(space: Space<G>, member: Member<G>): Json {
  return { genotype: space.toJSON(member.genotype), loss: lossToJson(member.loss) };
}

/** A snapshot as `SnapshotReader` reads it back: the algorithm's name, the format version, then its fields. */
export function snapshotJson(algorithm: string, fields: { readonly [key: string]: Json }): Json {
  return { algorithm, version: 1, ...fields };
}

const NON_FINITE: ReadonlyMap<unknown, number> = new Map([['Infinity', Infinity], ['-Infinity', -Infinity], ['NaN', NaN]]);

/**
 * Reads an algorithm snapshot field by field, checking each and naming the exact place of
 * any problem (`nsga2: snapshot.parents[3].loss must be ...`) in a UsageError.
 */
export class SnapshotReader {
  private readonly fields: { readonly [key: string]: unknown };

  /** Checks that `json` is a snapshot of version 1 written by the algorithm named `algorithm`. */
  constructor(
    private readonly owner: string,
    json: unknown,
    algorithm: string,
  ) {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) this.fail('snapshot', 'must be an object');
    this.fields = json as { readonly [key: string]: unknown };
    if (this.fields.algorithm !== algorithm) {
      this.fail('snapshot.algorithm', `must be '${algorithm}', got ${JSON.stringify(this.fields.algorithm) ?? 'nothing'}`);
    }
    if (this.fields.version !== 1) this.fail('snapshot.version', `must be 1, got ${JSON.stringify(this.fields.version) ?? 'nothing'}`);
  }

  /** A whole number >= 0. */
  count(name: string): number {
    const value = this.fields[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.fail(`snapshot.${name}`, 'must be a whole number >= 0');
    return value;
  }

  /** An array of genotypes, each rebuilt with `space.fromJSON`. */
  genotypes<G>(name: string, space: Space<G>): G[] {
    return this.array(name).map((item, i) => this.genotype(space, item, `snapshot.${name}[${i}]`));
  }

  /**
   * An array of `{ genotype, loss }` members; with `bound`, at most `bound.atMost` of them, as
   * the algorithm's option named `bound.limit` allows (a resume with a smaller one is an error).
   */
  members<G>(name: string, space: Space<G>, bound?: { readonly atMost: number; readonly limit: string }): Member<G>[] {
    const items = this.array(name);
    if (bound !== undefined && items.length > bound.atMost) {
      throw new UsageError(
        `${this.owner}: snapshot.${name} holds ${items.length} members but ${bound.limit} is ${bound.atMost}; resume with the ${bound.limit} it was saved with`,
      );
    }
    return items.map((item, i) => this.member(space, item, `snapshot.${name}[${i}]`));
  }

  /** A `{ genotype, loss }` member, or undefined where the snapshot holds null. */
  optionalMember<G>(name: string, space: Space<G>): Member<G> | undefined {
    const value = this.fields[name];
    return value === null ? undefined : this.member(space, value, `snapshot.${name}`);
  }

  private array(name: string): unknown[] {
    const value = this.fields[name];
    if (!Array.isArray(value)) this.fail(`snapshot.${name}`, 'must be an array');
    return value;
  }

  private member<G>(space: Space<G>, item: unknown, where: string): Member<G> {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) this.fail(where, 'must be an object { genotype, loss }');
    const { genotype, loss } = item as { genotype?: unknown; loss?: unknown };
    return { genotype: this.genotype(space, genotype, `${where}.genotype`), loss: this.loss(loss, `${where}.loss`) };
  }

  private genotype<G>(space: Space<G>, json: unknown, where: string): G {
    try {
      return space.fromJSON(json);
    } catch (error) {
      if (error instanceof SpaceError) throw new SpaceError(`${this.owner}: ${where}: ${error.message}`);
      throw error;
    }
  }

  private loss(json: unknown, where: string): number[] {
    const bad = () => this.fail(where, "must be an array of numbers (or 'Infinity', '-Infinity', 'NaN')");
    if (!Array.isArray(json)) bad();
    return (json as unknown[]).map((v) => {
      if (typeof v === 'number') return v;
      return NON_FINITE.get(v) ?? bad();
    });
  }

  private fail(where: string, problem: string): never {
    throw new UsageError(`${this.owner}: ${where} ${problem}`);
  }
}
