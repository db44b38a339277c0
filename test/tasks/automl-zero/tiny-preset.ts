import type { ExperimentConfig } from '../../../src/tasks/automl-zero/index.ts';
import { DEMO_PRESET } from '../../../src/tasks/automl-zero/index.ts';

/** The demo, shrunk to run in a blink: P = 30 on 2 small tasks, experiments of `experimentTrainSteps`. */
export function tinyPreset(experimentTrainSteps: number): ExperimentConfig {
  return {
    ...DEMO_PRESET,
    searchTasks: { ...DEMO_PRESET.searchTasks, numTasks: 2, numTrain: 20, numValid: 20 },
    selectTasks: { ...DEMO_PRESET.selectTasks, numTasks: 3, numTrain: 50, numValid: 20 },
    finalTasks: { ...DEMO_PRESET.finalTasks, numTasks: 3, numTrain: 50, numValid: 20 },
    populationSize: 30,
    tournamentSize: 5,
    experimentTrainSteps,
  };
}
