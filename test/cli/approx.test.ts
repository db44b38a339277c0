import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sqliteStore } from '../../src/store/index.ts';
import { cli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'amoeba-approx-'));

describe('amoeba approx', () => {
  it('prints the table beside the baselines, writes the promised JSON and exports C', async () => {
    const json = join(dir, 'out.json');
    const c = join(dir, 'out.c');
    const { code, out, err } = await cli('approx', 'exp2', '--budget', '30', '--max-ops', '5', '--validation-points', '129', '--quiet', '--no-db', '--json', json, '--export', 'c', '--export-file', c);
    assert.equal(code, 0, err);
    assert.match(out, /approx exp2 on \[0, 1\], mode real, seed 0/);
    assert.match(out, /\n4 +[\d.e+-]+ +\d+ ops +halve 1×, minimax \[1\/1\] as c \+ r\/q, square 1×/);
    const result = JSON.parse(readFileSync(json, 'utf8')) as { front: { ops: number; maxRelError: number; js: string }[]; baselines: { name: string; ops: number; maxRelError: number }[] };
    assert.ok(result.front.length > 0 && result.baselines.length > 0);
    assert.match(result.front[0]!.js, /^\(x\) => \{/);
    assert.match(readFileSync(c, 'utf8'), /double exp2_\d+ops\(double x\) \{/);
  });

  it('exports float32 exp2 as the whole 2^x: kernel, argument reduction and scaling', async () => {
    const { code, out, err } = await cli('approx', 'exp2', '--mode', 'float32', '--budget', '10', '--max-ops', '4', '--validation-points', '129', '--quiet', '--no-db', '--export', 'ts');
    assert.equal(code, 0, err);
    assert.match(out, /function exp2_\d+ops_kernel\(x: number\): number \{/);
    assert.match(out, /export function exp2_\d+ops\(x: number\): number \{\n {2}x = Math\.fround\(x\);/);
  });

  it('stores its restarts as one group whose table keeps the best of every restart', async () => {
    const small = ['--budget', '20', '--max-ops', '6', '--validation-points', '129', '--quiet'];
    const errors = async (...args: string[]) => {
      const json = join(dir, `restarts-${args[1]}-${args.length}.json`);
      const { code, out, err } = await cli('approx', 'exp2', ...small, '--json', json, ...args);
      assert.equal(code, 0, err);
      const front = (JSON.parse(readFileSync(json, 'utf8')) as { front: { ops: number; maxRelError: number }[] }).front;
      return { out, best: (ops: number) => Math.min(...front.filter((p) => p.ops <= ops).map((p) => p.maxRelError)) };
    };
    const db = join(dir, 'restarts.db');
    const both = await errors('--seed', '3', '--restarts', '2', '--db', db);
    assert.match(both.out, /^approx exp2 on \[0, 1\], mode real, seeds 3-4 \(2 restarts\)\n/);
    const [first, second] = [await errors('--seed', '3', '--no-db'), await errors('--seed', '4', '--no-db')];
    for (let ops = 1; ops <= 6; ops++) assert.equal(both.best(ops), Math.min(first!.best(ops), second!.best(ops)), `at ${ops} ops`);
    const store = sqliteStore({ path: db });
    try {
      const group = store.group('approx-1')!;
      assert.equal(group.command, 'approx');
      assert.deepEqual(group.members, ['approx-1/seed-3', 'approx-1/seed-4']);
      for (const member of group.members) {
        const counts = store.counts(member);
        assert.equal(counts.done + counts.failed, 20);
        assert.equal(store.study(member)!.stopReason, 'budget');
      }
    } finally {
      store.close();
    }
  });

  it('refuses study flags that do not fit together before it searches', async () => {
    const timeout = await cli('approx', 'exp2', '--no-db', '--timeout', '100');
    assert.equal(timeout.code, 2);
    assert.match(timeout.err, /--timeout needs evaluations off the study thread/);
    const redis = await cli('approx', 'exp2', '--no-db', '--executor', 'redis');
    assert.equal(redis.code, 2);
    assert.match(redis.err, /--executor redis needs --redis <url>/);
  });

  it('exits with code 2 and a plain message for a reversed interval', async () => {
    const { code, err } = await cli('approx', 'exp2', '--interval', '1,0');
    assert.equal(code, 2);
    assert.match(err, /--interval must be two finite numbers low < high/);
  });

  it('refuses --verify outside float32 mode', async () => {
    const { code, err } = await cli('approx', 'exp2', '--budget', '1', '--max-ops', '2', '--validation-points', '17', '--quiet', '--no-db', '--verify');
    assert.equal(code, 2);
    assert.match(err, /--verify needs --mode float32/);
  });
});
