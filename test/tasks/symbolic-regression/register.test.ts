import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { tasks } from '../../../src/core/registries.ts';
import { Rng } from '../../../src/core/rng.ts';
import { spaces } from '../../../src/core/registries.ts';
import '../../../src/tasks/symbolic-regression/register.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-sr-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('symbolic-regression registration', () => {
  it('rebuilds the task and the graph space from their configs', async () => {
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'x,y\n' + Array.from({ length: 40 }, (_, i) => `${i / 10},${(i / 10) ** 2}`).join('\n') + '\n');
    const task = tasks.get('symbolic-regression')({ data: { path, target: 'y' }, ops: ['add', 'mul'], seed: 1 });
    const space = spaces.get('graph')({ inputs: 1, ops: ['add', 'mul'], maxVertices: 8 });
    const g = space.random(new Rng(3));
    const again = space.fromJSON(JSON.parse(JSON.stringify(space.toJSON(g))));
    const m = await task.evaluate(again, { trialId: 0, seed: 0 });
    assert.equal(m.values.length, 2);
    assert.ok(m.values.every(Number.isFinite));
    assert.deepEqual(task.objectives.map((o) => o.name), ['validError', 'complexity']);
  });

  it('rebuilds the task from data stored in its config, with no file', async () => {
    const xs = Array.from({ length: 40 }, (_, i) => i / 10);
    const task = tasks.get('symbolic-regression')({ data: { columns: { x: xs, y: xs.map((x) => 3 * x) }, target: 'y' }, ops: ['add', 'mul'], seed: 1 });
    const space = spaces.get('graph')({ inputs: 1, ops: ['add', 'mul'], maxVertices: 8 });
    const m = await task.evaluate(space.random(new Rng(5)), { trialId: 0, seed: 0 });
    assert.ok(m.values.every(Number.isFinite));
    assert.throws(() => tasks.get('symbolic-regression')({ data: { columns: { x: [1, 2], y: [1] }, target: 'y' } }), /arrays of finite numbers of one length/);
  });

  it('names the missing data source in its message', () => {
    assert.throws(() => tasks.get('symbolic-regression')({ ops: ['add'] }), /needs data: \{ path, target \}/);
  });
});
