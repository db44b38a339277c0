import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError } from '../../../src/core/errors.ts';
import { algorithms, spaces, tasks } from '../../../src/core/registries.ts';
import type { Algorithm, Json, Space } from '../../../src/core/types.ts';
import { memoryStore, resumeStoredStudy, startStoredStudy, type StudySpec } from '../../../src/store/index.ts';
import { dnaRegularizedEvolution, floatValue, intValue, manyOf, mutateUniform, oneOf, pipe, recombineKPoint, selectTournament, template, type DNA } from '../../../src/spaces/symbolic/index.ts';
import { OPERATOR_NAMES, operatorFromConfig } from '../../../src/spaces/symbolic/evolution/operator-config.ts';
import { dnaTemplateFromConfig, dnaTemplateRecipe } from '../../../src/spaces/symbolic/register.ts';
import '../../../src/algorithms/register.ts';
import { keyHashTask, spaceTrace } from '../../registries/fixtures/recipe-traces.ts';
import { Rng } from '../../../src/core/rng.ts';

const hyperSpace = { lr: floatValue(1e-3, 1, { scale: 'log' }), depth: intValue(1, 6), ops: manyOf(3, ['a', 'b', 'c', 'd', 'e']), act: oneOf(['relu', { swish: { beta: floatValue(0.5, 2) } }]) };
const recipe = dnaTemplateRecipe(hyperSpace);

if (!tasks.has('test-dna-key-hash')) tasks.register('test-dna-key-hash', (config) => keyHashTask(dnaTemplateFromConfig(config)) as never, 'test: a hash of the DNA key');

const message = (build: () => unknown) => {
  try {
    build();
  } catch (error) {
    assert.ok(error instanceof UsageError, String(error));
    return error.message;
  }
  return 'no error';
};

describe('symbolic recipes', () => {
  it('rebuilds a template from its symbolic JSON: the same DNA for the same seed', () => {
    const rebuilt = spaces.get('dna-template')(JSON.parse(JSON.stringify(recipe.config)) as Json);
    assert.deepEqual(spaceTrace(rebuilt, 3, 50), spaceTrace(template(hyperSpace), 3, 50));
  });

  it('builds each operator of the algebra from JSON as its factory does', () => {
    const tmpl = template(hyperSpace);
    const parents = [tmpl.random(new Rng(1)), tmpl.random(new Rng(2)), tmpl.random(new Rng(3))].map((dna, i) => ({ dna, loss: [i] }));
    const run = (op: ReturnType<typeof operatorFromConfig>) => op(parents, { spec: tmpl.spec, rng: new Rng(9) }).map((ind) => ind.dna.toJSON());
    const fromJson = operatorFromConfig({ op: 'pipe', operators: [{ op: 'repeat', times: 2, operator: { op: 'selectTournament', size: 2 } }, { op: 'recombineKPoint', k: 2 }, { op: 'mutateUniform', where: '^ops' }] });
    const direct = pipe(
      (inds, ctx) => [...selectTournament(2)(inds, ctx), ...selectTournament(2)(inds, ctx)],
      recombineKPoint({ k: 2 }),
      mutateUniform({ where: /^ops/ }),
    );
    assert.deepEqual(run(fromJson), run(direct));
    const minimal: { readonly [op: string]: Json } = { pipe: { operators: [{ op: 'selectFirst', n: 1 }] }, repeat: { times: 1, operator: { op: 'selectFirst', n: 1 } }, recombineSegmented: { cuts: [1] } };
    for (const op of OPERATOR_NAMES) {
      const extra = (minimal[op] ?? (op.startsWith('select') ? (op === 'selectTournament' ? { size: 2 } : { n: 2 }) : {})) as { [key: string]: Json };
      assert.ok(run(operatorFromConfig({ op, ...extra })).length >= 1, op);
    }
  });

  it('reports a bad operator config with where it is', () => {
    assert.match(message(() => operatorFromConfig({ op: 'mutateAll' })), /operator config operator: unknown op 'mutateAll'; known: pipe, repeat/);
    assert.match(message(() => operatorFromConfig({ op: 'pipe', operators: [{ op: 'selectTop', n: 2, by: 1 }] })), /operators\[0\]: unknown key 'by' for selectTop; known: n, objective, ties/);
    assert.match(message(() => operatorFromConfig({ op: 'mutateUniform', where: '(' })), /operator\.where: not a valid RegExp/);
    assert.match(message(() => operatorFromConfig({ op: 'selectTournament', size: 0 })), /operator config operator: selectTournament: size must be a whole number >= 1/);
    const space = dnaTemplateFromConfig(recipe.config);
    assert.match(message(() => algorithms.get('dna-nsga2')(space as Space<unknown>, { mutator: { op: 'x' } })), /^algorithm 'dna-nsga2': operator config mutator: unknown op 'x'/);
    assert.match(message(() => algorithms.get('dna-hill-climbing')(space as Space<unknown>, { mutater: {} })), /unknown config key 'mutater'; known: mutator, snapshot/);
    assert.match(message(() => algorithms.get('dna-evolution')(space as Space<unknown>, { init: 3 })), /needs reproduce and update operators/);
    assert.match(message(() => algorithms.get('dna-hill-climbing')(spaces.get('graph')({ inputs: 1, ops: ['add'] }), {})), /searches a DNA template space/);
    assert.match(message(() => dnaTemplateFromConfig({ space: { a: { _type: 'hyper.oneOf', candidates: [] } } })), /^space 'dna-template': at 'space\.a': oneOf: candidates must be a non-empty array/);
    assert.match(message(() => dnaTemplateFromConfig({ template: {} })), /unknown config key 'template'; known: space/);
  });

  it('runs a registered DNA search as its factory with the same operators runs', () => {
    const space = dnaTemplateFromConfig(recipe.config);
    const problem = keyHashTask(space);
    const run = (search: Algorithm<unknown>) => {
      const rng = new Rng(4);
      const out: Json[] = [];
      for (let id = 0; id < 40; id++) {
        const dna = search.propose(rng) as DNA;
        out.push(dna.toJSON());
        const values = (problem.evaluate(dna, { trialId: id, seed: id }) as { values: number[] }).values;
        search.feedback({ id, genotype: dna, key: space.key(dna), hash: undefined, status: 'done', values, loss: values, error: undefined, cached: false, finishedMs: id, info: undefined });
      }
      return out;
    };
    const registered = algorithms.get('dna-regularized-evolution')(space as Space<unknown>, { populationSize: 5, tournamentSize: 2, mutator: { op: 'mutateUniform', decisions: 3 } });
    assert.deepEqual(run(registered), run(dnaRegularizedEvolution(space, { populationSize: 5, tournamentSize: 2, mutator: mutateUniform({ decisions: 3 }) })));
  });

  it('stores a DNA study and resumes it to the same trials as a run never stopped', async () => {
    const spec: StudySpec = {
      name: 'dna',
      task: { id: 'test-dna-key-hash', config: recipe.config },
      space: recipe,
      algorithm: { id: 'dna-nsga2', config: { populationSize: 6, recombinator: { op: 'recombineUniform' }, mutator: { op: 'mutateUniform' } } },
      objectives: [{ name: 'h1', goal: 'min' }, { name: 'h2', goal: 'min' }],
      seed: 8,
      budgetTrials: 60,
      budgetSeconds: undefined,
    };
    const outcome = (store: ReturnType<typeof memoryStore>) => store.trials('dna').map((t) => [t.id, JSON.stringify(t.genotype), t.status, t.values]);
    const whole = memoryStore();
    await startStoredStudy(whole, spec, { snapshotEveryTrials: 7 }).run();
    const stopped = memoryStore();
    const stop = new AbortController();
    const first = startStoredStudy(stopped, spec, { snapshotEveryTrials: 7, signal: stop.signal });
    first.on('trial', (trial) => trial.id === 25 && stop.abort());
    await first.run();
    assert.ok(stopped.trials('dna').length < 60, 'the first run did not stop early');
    await resumeStoredStudy(stopped, 'dna', { snapshotEveryTrials: 7 }).run();
    assert.equal(outcome(stopped).length, 60);
    assert.deepEqual(outcome(stopped), outcome(whole));
  });
});
