import { dominates } from './pareto.ts';

/** A point of a running front: the trial (or any id) and its loss vector. */
export interface FrontPoint {
  readonly id: number;
  readonly loss: readonly number[];
}

/**
 * The Pareto front of a stream of loss vectors (every component minimised), kept as the
 * points arrive. Memory holds the front only, never the stream, and each point costs one
 * pass over the current front. The result equals `paretoFront` over the whole stream with
 * repeated loss vectors counted once, under their smallest id, whatever the arrival order.
 */
export interface RunningFront {
  /** Offers a point; true when it is on the front of what has been offered so far. */
  add(id: number, loss: readonly number[]): boolean;
  /** How many distinct loss vectors are on the front now. */
  readonly size: number;
  /** The front now, by id. */
  points(): FrontPoint[];
}

/**
 * Starts an empty running front.
 *
 * @example
 * const front = runningFront();
 * for (const t of trials) front.add(t.id, t.loss);
 * front.points(); // [{ id, loss }, …], non-dominated, by id
 */
export function runningFront(): RunningFront {
  return new Front();
}

class Front implements RunningFront {
  private front: { id: number; readonly loss: readonly number[] }[] = [];

  get size(): number {
    return this.front.length;
  }

  add(id: number, loss: readonly number[]): boolean {
    let beaten = 0;
    for (const kept of this.front) {
      if (sameLoss(kept.loss, loss)) {
        kept.id = Math.min(kept.id, id);
        return true;
      }
      // The front is an antichain: a point that one member dominates dominates none of them.
      if (dominates(kept.loss, loss)) return false;
      if (dominates(loss, kept.loss)) beaten++;
    }
    if (beaten > 0) this.front = this.front.filter((kept) => !dominates(loss, kept.loss));
    this.front.push({ id, loss: loss.slice() });
    return true;
  }

  points(): FrontPoint[] {
    return this.front.map((p) => ({ id: p.id, loss: p.loss.slice() })).sort((a, b) => a.id - b.id);
  }
}

function sameLoss(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}
