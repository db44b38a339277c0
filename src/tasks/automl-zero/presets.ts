import { UsageError } from '../../core/errors.ts';
import { DEMO_OPS } from '../../spaces/register/index.ts';
import type { ExperimentConfig } from './experiment-config.ts';

/**
 * The task suites of a regression preset, F = 4: search on 10 tasks of `searchTrain`+100
 * examples; select on 100 tasks of 1000+100; report on 100 more from another seed.
 */
function regressionSuites(kind: 'linear' | 'nonlinear', searchTrain: number): Pick<ExperimentConfig, 'searchTasks' | 'selectTasks' | 'finalTasks'> {
  return {
    searchTasks: { kind, features: 4, numTasks: 10, numTrain: searchTrain, numValid: 100 },
    selectTasks: { kind, features: 4, numTasks: 100, numTrain: 1000, numValid: 100 },
    finalTasks: { kind, features: 4, numTasks: 100, numTrain: 1000, numValid: 100, seed: 1_000_000 },
  };
}

/** The demo's population and tournament sizes, which every preset keeps. */
const DEMO_SELECTION = { populationSize: 1000, tournamentSize: 10 } as const;

/** Examples per task of the functional fingerprint, as in the demo. */
const FEC_EXAMPLES = { numTrain: 10, numValid: 10 } as const;

const DEMO_MUTATIONS = ['alter-param', 'randomize-instruction', 'randomize-component'] as const;

/**
 * AutoML-Zero's demo (run_demo.sh): rediscover linear regression by gradient descent from
 * random programs. 4 scalar, 3 vector and 1 matrix registers, F = 4; six ops in every
 * component; initial sizes 10/2/8; population 1000, tournament 10, mutate probability 0.9;
 * 10 linear tasks of 100+100 examples, FEC on 10+10; select on 100 fresh tasks of 1000+100
 * examples; stop above 0.9999. Experiments are bounded by 10^8 training steps (about 300,000
 * individuals with FEC, 100,000 without): single searches either find gradient descent
 * within a few hundred thousand individuals or stall on a weaker learner, so restarting
 * beats waiting.
 */
export const DEMO_PRESET: ExperimentConfig = {
  memory: { scalars: 4, vectors: 3, matrices: 1, features: 4 },
  space: {
    components: {
      setup: { ops: DEMO_OPS, initialSize: 10 },
      predict: { ops: DEMO_OPS, initialSize: 2 },
      learn: { ops: DEMO_OPS, initialSize: 8 },
    },
    mutations: DEMO_MUTATIONS,
    mutateProbability: 0.9,
  },
  ...regressionSuites('linear', 100),
  ...DEMO_SELECTION,
  experimentTrainSteps: 100_000_000,
  sufficientFitness: 0.9999,
  fec: FEC_EXAMPLES,
};

const NEURAL_OPS = [
  'SCALAR_CONST_SET_OP',
  'VECTOR_GAUSSIAN_SET_OP',
  'MATRIX_GAUSSIAN_SET_OP',
  'MATRIX_VECTOR_PRODUCT_OP',
  'VECTOR_MAX_OP',
  'VECTOR_HEAVYSIDE_OP',
  'VECTOR_INNER_PRODUCT_OP',
  'SCALAR_DIFF_OP',
  'SCALAR_PRODUCT_OP',
  'SCALAR_VECTOR_PRODUCT_OP',
  'VECTOR_PRODUCT_OP',
  'VECTOR_SUM_OP',
  'VECTOR_OUTER_PRODUCT_OP',
  'MATRIX_SUM_OP',
];

/**
 * Nonlinear regression: tasks labelled by a random 2-layer ReLU teacher. The ops are those a
 * 2-layer network trained by backpropagation needs (AutoML-Zero's NeuralNet baseline), with
 * room for it: 5 scalar, 9 vector, 2 matrix registers and growing component functions.
 * A much harder search than the demo; run it with a time limit.
 */
export const NONLINEAR_PRESET: ExperimentConfig = {
  memory: { scalars: 5, vectors: 9, matrices: 2, features: 4 },
  space: {
    components: {
      setup: { ops: NEURAL_OPS, initialSize: 4, minSize: 1, maxSize: 8 },
      predict: { ops: NEURAL_OPS, initialSize: 4, minSize: 1, maxSize: 8 },
      learn: { ops: NEURAL_OPS, initialSize: 10, minSize: 1, maxSize: 14 },
    },
    mutations: ['alter-param', 'randomize-instruction', 'randomize-component', 'insert', 'remove', 'trade'],
    mutateProbability: 0.9,
  },
  ...regressionSuites('nonlinear', 200),
  ...DEMO_SELECTION,
  experimentTrainSteps: 20_000_000,
  sufficientFitness: 0.9,
  fec: FEC_EXAMPLES,
};

/**
 * Projected binary classification of MNIST digit pairs (the paper's projected CIFAR-10 tasks,
 * on the MNIST digits of the `mnist` package): F = 16 random projections, accuracy fitness.
 * Search uses 10 instances of 800 train and 200 validation images; candidates are selected on
 * 20 fresh instances and finally tested on the test split of 45 instances (every pair once).
 */
export const CLASSIFICATION_PRESET: ExperimentConfig = {
  memory: { scalars: 4, vectors: 3, matrices: 1, features: 16 },
  space: DEMO_PRESET.space,
  searchTasks: { kind: 'mnist', features: 16, numTasks: 10, numTrain: 800, numValid: 200 },
  selectTasks: { kind: 'mnist', features: 16, numTasks: 20, numTrain: 800, numValid: 200 },
  finalTasks: { kind: 'mnist', features: 16, numTasks: 45, numTrain: 800, numValid: 200, numTest: 200, seed: 1_000_000 },
  finalOnTest: true,
  ...DEMO_SELECTION,
  experimentTrainSteps: 8_000_000,
  sufficientFitness: 0.97,
  fec: FEC_EXAMPLES,
};

/** Every preset by name. */
export const PRESETS: { readonly [name: string]: ExperimentConfig } = {
  demo: DEMO_PRESET,
  nonlinear: NONLINEAR_PRESET,
  classification: CLASSIFICATION_PRESET,
};

/** The preset with this name; an unknown name is a UsageError listing the known ones. */
export function presetNamed(name: string): ExperimentConfig {
  const preset = PRESETS[name];
  if (preset === undefined) throw new UsageError(`unknown automl-zero preset '${name}'; known: ${Object.keys(PRESETS).join(', ')}`);
  return preset;
}
