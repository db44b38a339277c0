/**
 * Counts evaluations in flight and wakes the study when one finishes: O(1) per trial, where
 * racing every pending promise would cost O(capacity) per trial.
 */
export class InFlight {
  size = 0;
  private wake: (() => void) | undefined = undefined;
  private failure: { error: unknown } | undefined = undefined;

  constructor(private readonly capacity: number) {}

  /** Counts a pending evaluation; returns a promise to await when every slot is taken. */
  track(pending: Promise<void> | undefined): Promise<void> | undefined {
    if (pending !== undefined) {
      this.size++;
      pending.then(
        () => this.release(),
        (error: unknown) => {
          this.failure ??= { error };
          this.release();
        },
      );
    }
    return this.size >= this.capacity || this.failure !== undefined ? this.waitBelow(this.capacity) : undefined;
  }

  /** Resolves once nothing is in flight. */
  async drain(): Promise<void> {
    while (this.size > 0) await this.waitBelow(1);
    this.check();
  }

  /** Waits for a finish while `limit` or more are in flight. */
  private async waitBelow(limit: number): Promise<void> {
    if (this.size >= limit) await new Promise<void>((resolve) => (this.wake = resolve));
    this.check();
  }

  private release(): void {
    this.size--;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** A listener or the algorithm threw while finishing a trial: the study stops with that error. */
  private check(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }
}
