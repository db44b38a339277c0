import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Command } from 'commander';
import { nasCommand } from '../../src/cli/nas.ts';
import { UsageError } from '../../src/core/errors.ts';
import { sharedDataPath, skipWithout } from '../tasks/nas/shared-data.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-cli-nas-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `amoeba <args>` with only the nas command, returning what it printed. */
async function run(...args: string[]): Promise<string> {
  let out = '';
  const program = new Command('amoeba').exitOverride().configureOutput({ writeOut: (text) => void (out += text), writeErr: () => {} });
  nasCommand(program);
  for (const sub of program.commands) sub.exitOverride();
  await program.parseAsync(args, { from: 'user' });
  return out;
}

test('prints the module hash of a cell given as JSON or as a 0/1 string', async () => {
  assert.equal(await run('nas', 'hash', '--matrix', '[[0,1],[0,0]]', '--ops', 'input,output'), '043721b9c7fe8c5fad811d47d83132ec\n');
  assert.equal(await run('nas', 'hash', '--matrix', '0100', '--ops', 'input,output'), '043721b9c7fe8c5fad811d47d83132ec\n');
});

test('rejects a malformed matrix or a cell outside the space with a usage error', async () => {
  await assert.rejects(run('nas', 'hash', '--matrix', '[[0,1],', '--ops', 'input,output'), (e: unknown) => e instanceof UsageError && /--matrix is not valid JSON/.test(e.message));
  await assert.rejects(run('nas', 'hash', '--matrix', 'abc', '--ops', 'input,output'), /--matrix must be JSON like/);
  await assert.rejects(run('nas', 'hash', '--matrix', '0000', '--ops', 'input,output'), /input is not connected to the output/);
});

test('queries the real record by cell and by hash', { skip: skipWithout('nasbench101/one-row.tfrecord') }, async () => {
  const dataset = sharedDataPath('nasbench101/one-row.tfrecord');
  const cell = ['--matrix', '0100110001000000010010000010000001000000010000000', '--ops', 'input,conv3x3-bn-relu,maxpool3x3,conv3x3-bn-relu,conv3x3-bn-relu,conv1x1-bn-relu,output'];
  const result = JSON.parse(await run('nas', 'query', '--dataset', dataset, '--no-cache', '--epochs', '4', ...cell)) as { trainableParameters: number; testAccuracy: number };
  assert.equal(result.trainableParameters, 8555530);
  assert.equal(result.testAccuracy, 0.3504607379436493);
  const all = JSON.parse(await run('nas', 'query', '--dataset', dataset, '--no-cache', '--all', '--hash', '00005c142e6f48ac74fdcf73e3439874')) as { computed: Record<string, unknown[]> };
  assert.deepEqual(Object.keys(all.computed), ['4']);
});

test('queries a NAS-Bench-201 cell on a chosen image dataset', { skip: skipWithout('nasbench201/mini-nb201-12epoch.csv') }, async () => {
  const cell = '|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|';
  const out = await run('nas', 'query-201', '--dataset', sharedDataPath('nasbench201/mini-nb201-12epoch.csv'), '--cell', cell, '--metric', 'cifar100');
  assert.deepEqual(JSON.parse(out), { validationAccuracyPercent: 31.84, testAccuracyPercent: 31.26 });
});

test('compares the three algorithms on NAS-Bench-201 and writes JSON and an SVG plot', { skip: skipWithout('nasbench201/mini-nb201-12epoch.csv') }, async () => {
  const json = join(dir, 'compare.json');
  const plot = join(dir, 'compare.svg');
  const csv = sharedDataPath('nasbench201/mini-nb201-12epoch.csv');
  const out = await run('nas', 'compare', '--bench', 'nb201', '--dataset', csv, '--metric', 'cifar100', '--seeds', '4', '--budget', '30', '--no-db', '--json', json, '--plot', plot);
  assert.match(out, /^nas-bench-201\/cifar100: test regret \(accuracy points\) after 30 queries, mean \[95% CI\] over 4 seeds/);
  const results = (JSON.parse(readFileSync(json, 'utf8')) as { results: Record<string, { finalMeanRegret: number; ci95: number[]; curve: number[] }> }).results;
  assert.deepEqual(Object.keys(results), ['re', 'rs', 'reinforce']);
  for (const r of Object.values(results)) assert.equal(r.curve.length, 30);
  assert.match(readFileSync(plot, 'utf8'), /^<svg /);
  const several = JSON.parse((await run('nas', 'compare', '--bench', 'nb201', '--dataset', csv, '--metric', 'all', '--algos', 'rs', '--seeds', '2', '--budget', '5', '--db', join(dir, 'several.db'), '--json', json), readFileSync(json, 'utf8'))) as Record<string, unknown>;
  assert.deepEqual(Object.keys(several), ['cifar10', 'cifar100', 'imagenet16-120']);
});

test('rejects an unknown bench, algorithm or plot format before running anything', async () => {
  await assert.rejects(run('nas', 'compare', '--bench', 'nb301'), /--bench must be nb201 or nb101/);
  await assert.rejects(run('nas', 'compare', '--bench', 'nb201', '--algos', 're,bo'), /unknown algorithm 'bo'; use some of re, rs, reinforce/);
  await assert.rejects(run('nas', 'compare', '--bench', 'nb201', '--plot', 'x.jpg'), /--plot must name a .png or .svg file, got 'x.jpg'/);
  await assert.rejects(run('nas', 'compare', '--bench', 'nb101', '--seeds', '1'), /nb101 needs --dataset/);
  await assert.rejects(run('nas', 'compare', '--bench', 'nb201', '--seeds', '1', '--workers', '2', '--timeout', '100'), /--timeout is for evaluations sent to Redis workers/);
  await assert.rejects(run('nas', 'compare', '--bench', 'nb201', '--seeds', '40000'), /120000 searches \(seeds × algorithms × metrics\) are more than the 100000/);
});
