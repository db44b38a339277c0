import type { Executor } from './plugs.ts';
import type { EvalContext, Measurement, Task } from './types.ts';

/** Evaluates on the study's own thread, one at a time: the fastest path for cheap tasks. */
export class InlineExecutor<G> implements Executor<G> {
  readonly capacity = 1;
  private task: Task<G> | undefined;

  open(binding: { readonly task: Task<G> }): void {
    this.task = binding.task;
  }

  evaluate(genotype: G, ctx: EvalContext): Measurement | Promise<Measurement> {
    if (this.task === undefined) throw new Error('InlineExecutor.evaluate called before open');
    return this.task.evaluate(genotype, ctx);
  }

  async close(): Promise<void> {}
}

/** An executor that evaluates on the study's own thread, one trial at a time (the default of a study). */
export function inlineExecutor<G>(): Executor<G> {
  return new InlineExecutor<G>();
}
