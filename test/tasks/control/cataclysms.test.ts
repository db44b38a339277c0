import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Rng } from '../../../src/core/rng.ts';
import { FAMILIES, HELD_OUT_FAMILIES, TRAINING_FAMILY, familyNamed, sampleCataclysms } from '../../../src/tasks/control/cataclysms.ts';
import { episodeSpecs, runEpisode, scorePolicy, PolicyFailure, type Policy } from '../../../src/tasks/control/episode.ts';

const linear = (k: readonly number[]): Policy => ({ start() {}, act: (o) => k[0]! * o[0]! + k[1]! * o[1]! + k[2]! * o[2]! + k[3]! * o[3]! });
const BALANCER = [0.1, 0.5, 10, 2];
const options = { action: 'discrete' as const, maxSteps: 500 };

describe('cataclysm families', () => {
  it('the same seed gives the same events, and another seed other events', () => {
    const a = episodeSpecs(TRAINING_FAMILY, 7, 30);
    assert.deepEqual(episodeSpecs(TRAINING_FAMILY, 7, 30), a);
    assert.notDeepEqual(episodeSpecs(TRAINING_FAMILY, 8, 30), a);
    assert.deepEqual(episodeSpecs(TRAINING_FAMILY, 7, 10), a.slice(0, 10), 'more episodes leave the first ones alone');
  });

  it('training meets every rule once in any run of consecutive episodes as long as its rule list', () => {
    const n = TRAINING_FAMILY.rules.length;
    const specs = episodeSpecs(TRAINING_FAMILY, 3, 2 * n);
    for (let start = 0; start <= n; start++) {
      const kinds = specs.slice(start, start + n).map((s) => s.cataclysms[0]!.kind).sort();
      assert.deepEqual(kinds, TRAINING_FAMILY.rules.map((r) => r.kind).sort());
    }
  });

  it('every event lies in its family window and range, sensor events on a real channel', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(100), fc.constantFrom(...FAMILIES.values()), (seed, index, family) => {
        const events = sampleCataclysms(family, index, new Rng(seed));
        assert.equal(events.length, family.events);
        for (const e of events) {
          assert.ok(e.at >= family.window[0] && e.at <= family.window[1]);
          assert.ok(family.rules.some((r) => r.kind === e.kind && Math.abs(e.value) >= Math.min(Math.abs(r.low), Math.abs(r.high)) - 1e-12 && Math.abs(e.value) <= Math.max(Math.abs(r.low), Math.abs(r.high)) + 1e-12));
          assert.ok(Number.isInteger(e.channel) && e.channel >= 0 && e.channel < 4);
        }
        for (let i = 1; i < events.length; i++) assert.ok(events[i - 1]!.at <= events[i]!.at, 'events come in time order');
      }),
      { numRuns: 300 },
    );
  });

  it('held-out magnitudes lie outside the ranges training draws from', () => {
    for (const family of HELD_OUT_FAMILIES.filter((f) => f.name !== 'combined')) {
      for (const rule of family.rules.filter((r) => r.kind !== 'sensor-dead')) {
        for (const train of TRAINING_FAMILY.rules.filter((r) => r.kind === rule.kind)) {
          assert.ok(rule.high < train.low || rule.low > train.high, `${family.name}: ${rule.kind} ${rule.low}..${rule.high} meets training's ${train.low}..${train.high}`);
        }
      }
    }
    assert.ok(familyNamed('combined').events === 2 && familyNamed('combined').window[1] > TRAINING_FAMILY.window[1]);
    assert.throws(() => familyNamed('earthquake'), /unknown cataclysm family 'earthquake'; known: stationary, train, slope/);
  });
});

describe('episodes', () => {
  it('a linear balancer survives every stationary episode, a constant push none', () => {
    const specs = episodeSpecs(familyNamed('stationary'), 1, 20);
    assert.equal(scorePolicy(linear(BALANCER), specs, options).survival, 1);
    const push = scorePolicy({ start() {}, act: () => 1 }, specs, options);
    assert.equal(push.survival, 0);
    assert.ok(push.meanReturn < 20);
  });

  it('a flipped actuator brings the same balancer down soon after the flip', () => {
    const at = 150;
    const result = runEpisode(linear(BALANCER), { seed: 5, cataclysms: [{ kind: 'actuator', at, value: -1, channel: 0 }] }, options);
    assert.equal(result.survived, false);
    assert.ok(result.return > at && result.return < at + 60, `fell at ${result.return}`);
  });

  it('a dead sensor reads 0 from its step on, and a bias shifts the reading', () => {
    const seen: number[][] = [];
    const recorder: Policy = { start() {}, act: (o) => (seen.push([...o]), BALANCER.reduce((s, k, i) => s + k * o[i]!, 0)) };
    runEpisode(recorder, { seed: 2, cataclysms: [{ kind: 'sensor-dead', at: 10, value: 0, channel: 2 }, { kind: 'sensor-bias', at: 20, value: 0.5, channel: 0 }] }, { ...options, maxSteps: 30 });
    assert.ok(seen.slice(0, 10).every((o) => o[2] !== 0));
    assert.ok(seen.slice(10).every((o) => o[2] === 0));
    assert.ok(seen.slice(20).every((o) => o[0]! > 0.4), 'x reads about 0.5 more');
  });

  it('a non-finite action is a PolicyFailure naming the step', () => {
    let t = 0;
    const broken: Policy = { start() {}, act: () => (t++ === 3 ? NaN : 0) };
    assert.throws(() => runEpisode(broken, { seed: 1, cataclysms: [] }, options), (e: unknown) => e instanceof PolicyFailure && /NaN at step 3/.test(e.message) && e.step === 3);
    const counting: Policy = { start: () => void (t = 0), act: () => (t++ === 3 ? NaN : 0) };
    assert.deepEqual(scorePolicy(counting, [{ seed: 1, cataclysms: [] }], options, true), { meanReturn: 3, survival: 0, returns: [3] }, 'in testing the episode ends there as a fall');
  });

  it('replays an episode exactly from its seed, sensor noise included', () => {
    const spec = { seed: 9, cataclysms: [{ kind: 'sensor-noise' as const, at: 0, value: 0.05, channel: 3 }] };
    const a = runEpisode(linear(BALANCER), spec, { action: 'continuous', maxSteps: 500 });
    assert.deepEqual(runEpisode(linear(BALANCER), spec, { action: 'continuous', maxSteps: 500 }), a);
  });
});
