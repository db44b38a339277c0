/** An rl-loss task config small enough to evaluate in well under a second, for tests. */
export const TINY_TASK = { steps: 120, seeds: 2, evalEpisodes: 1, sac: { hidden: [8], batchSize: 16, warmupSteps: 40 }, test: [{ mass: 1.3 }] } as const;
