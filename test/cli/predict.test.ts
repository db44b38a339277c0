import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-predict-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const PLAIN = ['--no-db', '--workers', '1', '--quiet'];

/** Runs the CLI and expects exit code 2 with one message line matching `pattern`. */
async function rejects(pattern: RegExp, ...args: string[]): Promise<void> {
  const { code, err } = await cli(...args);
  assert.equal(code, 2, `exit code for ${args.join(' ')}: ${err}`);
  assert.match(err, pattern);
  assert.doesNotMatch(err, /\n\s+at /, 'no stack trace');
}

// y = 2·(mass kg) + 1, in a semicolon-separated file whose header has a name with a space.
const rows = Array.from({ length: 30 }, (_, i) => `${i * 0.1};${(i * 7) % 5};${2 * i * 0.1 + 1}`);
const train = file('train.csv', `mass kg;noise;y\n${rows.join('\n')}\n`);
const model = join(dir, 'model.json');

describe('amoeba predict', () => {
  before(async () => {
    const { code, err } = await cli('sr', train, '--target', 'y', '--budget', '2000', '--seed', '1', '--json', model, ...PLAIN);
    assert.equal(code, 0, err);
  });

  it('writes a model file from sr --json, with the target, columns and every printed form', () => {
    const json = JSON.parse(readFileSync(model, 'utf8')) as { format: string; target: string; columns: string[]; variables: string[]; front: { expression: string; numpy: string }[]; best: number };
    assert.equal(json.format, 'amoeba-sr-model');
    assert.equal(json.target, 'y');
    assert.deepEqual(json.columns, ['mass kg', 'noise']);
    assert.deepEqual(json.variables, ['mass_kg', 'noise']);
    assert.equal(json.front[json.best]!.expression, '2·mass kg + 1');
    assert.equal(json.front[json.best]!.numpy, '((2 * mass_kg) + 1)');
  });

  it('predicts the target for new rows, to a file or to standard output', async () => {
    const fresh = file('new.csv', 'noise,mass kg\n0,10\n1,-0.5\n');
    const out = join(dir, 'preds.csv');
    const written = await cli('predict', model, fresh, '--out', out);
    assert.equal(written.code, 0, written.err);
    assert.equal(readFileSync(out, 'utf8'), 'y\n21\n0\n');
    assert.match(written.err, /2 predictions of y = 2·mass kg \+ 1 written to/);
    const printed = await cli('predict', model, fresh);
    assert.equal(printed.out, 'y\n21\n0\n');
  });

  it('leaves the prediction of a row with a missing value empty, and says so', async () => {
    const { code, out, err } = await cli('predict', model, file('gap.csv', 'mass kg\n1\nNA\n'));
    assert.equal(code, 0, err);
    assert.equal(out, 'y\n3\n\n');
    assert.match(err, /1 rows have no prediction/);
  });

  it('uses another formula of the front with --formula', async () => {
    const { code, err } = await cli('predict', model, file('f0.csv', 'mass kg,noise\n1,2\n'), '--formula', '0');
    assert.equal(code, 0, err);
    await rejects(/formula 99 is not on the model's front/, 'predict', model, file('f1.csv', 'mass kg,noise\n1,2\n'), '--formula', '99');
  });

  it('rejects data without a column the formula reads, naming it', () =>
    rejects(/lacks the column 'mass kg' that the formula 2·mass kg \+ 1 reads; its columns are: mass, noise/, 'predict', model, file('wrong.csv', 'mass,noise\n1,2\n')));
  it('rejects a missing model file', () => rejects(/cannot read the model file .*nope\.json: no such file/, 'predict', join(dir, 'nope.json'), train));
  it('rejects a file that is not a model', () => rejects(/is not an amoeba model/, 'predict', file('other.json', '{"front": []}'), train));
  it('rejects a model file that is not JSON', () => rejects(/cannot read the model file .*: .*JSON/, 'predict', file('bad.json', '{'), train));
});

describe('amoeba sr data handling', () => {
  it('reads tab-separated data when told, and refuses it split at the wrong delimiter', async () => {
    const tsv = file('data.tsv', `a\tb\n${Array.from({ length: 20 }, (_, i) => `${i}\t${3 * i}`).join('\n')}\n`);
    const told = await cli('sr', tsv, '--target', 'b', '--budget', '300', '--delimiter', 'tab', ...PLAIN);
    assert.equal(told.code, 0, told.err);
    assert.match(told.out, /3·a/);
    await rejects(/line 2: the cell '0\t0' in column 'a\tb' is not a finite number \(the file reads as one column split at ','; give --delimiter/, 'sr', tsv, '--target', 'b', '--delimiter', ',', ...PLAIN);
    await rejects(/--delimiter must be one character or one of tab/, 'sr', tsv, '--target', 'b', '--delimiter', 'ab', ...PLAIN);
  });

  it('drops rows with missing values on request and says how many', async () => {
    const gappy = file('gappy.csv', `x,y\n${Array.from({ length: 20 }, (_, i) => (i % 5 === 0 ? `${i},` : `${i},${i + 1}`)).join('\n')}\n`);
    await rejects(/line 2: the cell in column 'y' is empty; give --drop-missing/, 'sr', gappy, '--target', 'y', ...PLAIN);
    const { code, err } = await cli('sr', gappy, '--target', 'y', '--budget', '300', '--drop-missing', ...PLAIN);
    assert.equal(code, 0, err);
    assert.match(err, /dropped 4 of 20 rows with missing values; 16 left/);
  });

  it('takes the population, parsimony and validation fraction as flags, and checks them', async () => {
    const { code, err } = await cli('sr', train, '--target', 'y', '--budget', '200', '--population', '20', '--parsimony', '0.1', '--validation-fraction', '0.4', ...PLAIN);
    assert.equal(code, 0, err);
    await rejects(/--population must be a whole number >= 2, got '1'/, 'sr', train, '--target', 'y', '--population', '1');
    await rejects(/--validation-fraction must be a number in \[0.01, 0.9\], got '0.95'/, 'sr', train, '--target', 'y', '--validation-fraction', '0.95');
  });

  it('searches with ops of your own from --op, and predicts from their model file', async () => {
    const cubes = file('cubes.csv', `a,y\n${Array.from({ length: 20 }, (_, i) => `${i / 4 - 2},${(i / 4 - 2) ** 3}`).join('\n')}\n`);
    const json = join(dir, 'cubic.json');
    const { code, out, err } = await cli('sr', cubes, '--target', 'y', '--budget', '1500', '--seed', '1', '--ops', 'add', '--op', 'cubic(x)=x*x*x', '--json', json, ...PLAIN);
    assert.equal(code, 0, err);
    assert.match(out, /cubic\(a\)/);
    const stored = JSON.parse(readFileSync(json, 'utf8')) as { front: { ops: string[] }[]; best: number };
    assert.ok(stored.front[stored.best]!.ops.includes('cubic(x)=x*x*x'));
    const predicted = await cli('predict', json, file('cube-in.csv', 'a\n3\n'));
    assert.equal(predicted.out, 'y\n27\n');
    await rejects(/op definition 'cube\(x\)=x\*x\*x': 'cube' is a built-in op/, 'sr', cubes, '--target', 'y', '--op', 'cube(x)=x*x*x');
  });

  it('keeps ops out of others with --forbid-nesting, checking the names before it starts', async () => {
    const waves = file('waves.csv', `x,y\n${Array.from({ length: 30 }, (_, i) => `${i / 5},${Math.sin(Math.sin(i / 5))}`).join('\n')}\n`);
    const { code, out, err } = await cli('sr', waves, '--target', 'y', '--budget', '800', '--seed', '2', '--forbid-nesting', 'sin(sin,cos) cos(sin,cos)', ...PLAIN);
    assert.equal(code, 0, err);
    assert.doesNotMatch(out, /(sin|cos)\([^\n]*(sin|cos)\(/);
    await rejects(/--forbid-nesting: forbiddenNesting names "tan"/, 'sr', waves, '--target', 'y', '--forbid-nesting', 'tan(sin)', ...PLAIN);
    await rejects(/--forbid-nesting must look like 'sin\(sin,cos\) exp\(exp\)', got 'tan'/, 'sr', waves, '--target', 'y', '--forbid-nesting', 'tan', ...PLAIN);
  });
});
