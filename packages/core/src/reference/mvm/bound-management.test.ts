import { describe, expect, it } from 'vitest';
import { BoundManagementType, NoiseManagementType } from '../../parameters/enums.js';
import type { IOParameters } from '../../parameters/io-parameters.js';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import { BoundManagementRounds } from './bound-management.js';
import { resolveMvmSettings } from './mvm-settings.js';
import { expectClose, io, mvm, repeat, tileState } from './mvm-test-support.js';
import { quantize, resolutionStep } from './quantize.js';
import type { MvmStats } from './run-mvm.js';

/** Deterministic rounding draws nothing; any generator will do. */
const NO_RNG = new XoshiroRandom(0);

const BM = BoundManagementType;
const IN_STEP = resolutionStep(1 / 126, 1);
const OUT_STEP = resolutionStep(1 / 510, 12);

/** A 1 x 64 tile of weight w and the all-ones input: W x = 64 w. */
function run(w: number[] | number, init: Partial<IOParameters>, x: number[] = new Array(64).fill(1)) {
  const rows = Array.isArray(w) ? w.length : 1;
  const weights = (Array.isArray(w) ? w : [w]).flatMap((v) => new Array(64).fill(v));
  const stats: MvmStats = {};
  const y = mvm(tileState(rows, 64, weights), 'forward', x, io({ out_noise: 0, ...init }), 1, stats);
  return { y: Array.from(y), passes: Array.from(stats.passes!) };
}

/** What the default pipeline gives for W x = 64 w with all-ones input at reduction `red` (no clipping). */
function atReduction(w: number, red: number, alpha = 1): number {
  const scale = Math.fround(Math.fround(1 / alpha) / red);
  const v = quantize(Math.fround(scale), IN_STEP, false, NO_RNG);
  const y = quantize(Math.fround(64 * w * v), OUT_STEP, false, NO_RNG);
  return Math.fround(y * Math.fround(1 / scale));
}

describe('ITERATIVE bound management', () => {
  it('halves the input until no output clips: 64 needs red = 8 (4 passes) and comes out unclipped', () => {
    const { y, passes } = run(1, {});
    expect(passes).toEqual([4]);
    expect(y).toEqual([atReduction(1, 8)]);
    expect(Math.abs(y[0]! - 64)).toBeLessThan(1.5);
  });

  it('makes at most 5 passes with the defaults (red > max_bm_res / inp_step = 15.75 stops it)', () => {
    const { y, passes } = run(100, {});
    expect(passes).toEqual([5]);
    expect(y).toEqual([12 * 16]);
  });

  it('recomputes only the samples that clipped', () => {
    const small = [1, ...new Array(63).fill(0.1)]; // W x = 7.3: no clipping
    const x = [...small, ...new Array(64).fill(1), ...new Array(64).fill(-3)];
    const { y, passes } = run(1, {}, x);
    expect(passes).toEqual([1, 4, 4]);
    // The first sample keeps its first-pass output: the same as running it alone.
    expect(y[0]).toBe(run(1, {}, small).y[0]);
    expectClose([y[0]!], [7.3], 0.05); // 0.1 is quantised to 6/63
    expect(y[1]).toBe(atReduction(1, 8));
    expectClose([y[2]!], [-3 * y[1]!], 1e-6);
  });

  it('max_bm_factor stops it: red > max_bm_factor', () => {
    expect(run(100, { max_bm_factor: 2 }).passes).toEqual([3]);
    // Without input quantisation only max_bm_factor limits it: red = 1 .. 1024.
    expect(run(1e6, { inp_res: 0 }).passes).toEqual([11]);
  });

  it('max_bm_res stops it: red > max_bm_res / inp_step', () => {
    expect(run(100, { max_bm_res: 0.5 }).passes).toEqual([6]);
    expect(run(100, { max_bm_res: 0.1 }).passes).toEqual([4]);
  });

  it('NONE makes one pass and clips', () => {
    expect(run(1, { bound_management: BM.NONE })).toEqual({ y: [12], passes: [1] });
  });

  it('tests negative outputs with bm_test_negative_bound (default) and only positive ones without', () => {
    expect(run(-1, {}).passes).toEqual([4]);
    expectClose(run(-1, {}).y, [-64], 0.03);
    expect(run(-1, { bm_test_negative_bound: false })).toEqual({ y: [-12], passes: [1] });
  });

  it('tests every output: a positive clip is not undone by a later negative one (SPEC §11.3)', () => {
    const { y, passes } = run([1, -1], { bm_test_negative_bound: false });
    expect(passes).toEqual([4]);
    expectClose(y, [64, -64], 0.03);
  });
});

describe('ITERATIVE_WORST_CASE bound management', () => {
  it('round 2 uses ABS_MAX_NP_SUM at red = 1 (alpha 3.2 here): 3 passes where ITERATIVE needs 4', () => {
    const { y, passes } = run(1, { bound_management: BM.ITERATIVE_WORST_CASE });
    expect(passes).toEqual([3]);
    // Pass 2: 64 / 3.2 = 20 still clips; pass 3 halves: red 2 with alpha 3.2.
    expect(y).toEqual([atReduction(1, 2, Math.fround(3.2))]);
    expect(Math.abs(y[0]! - 64)).toBeLessThan(1.5);
  });

  it('keeps halving after the second round (SPEC §11.4)', () => {
    // W x = 192: 192 -> 60 (alpha 3.2) -> 30 -> 15 -> 7.5.
    const { y, passes } = run(3, { bound_management: BM.ITERATIVE_WORST_CASE });
    expect(passes).toEqual([5]);
    expect(y).toEqual([atReduction(3, 8, Math.fround(3.2))]);
  });

  it('with ABS_MAX_NP_SUM noise management it is plain halving', () => {
    const a = run(3, { bound_management: BM.ITERATIVE_WORST_CASE, noise_management: NoiseManagementType.ABS_MAX_NP_SUM });
    const b = run(3, { bound_management: BM.ITERATIVE, noise_management: NoiseManagementType.ABS_MAX_NP_SUM });
    expect(a).toEqual(b);
  });

  it('applies per sample in a batch', () => {
    const x = repeat(new Array(64).fill(1), 3);
    const { passes } = run(1, { bound_management: BM.ITERATIVE_WORST_CASE }, Array.from(x));
    expect(passes).toEqual([3, 3, 3]);
  });
});

describe('bound management in backward', () => {
  it('is off whatever the config says', () => {
    const stats: MvmStats = {};
    const state = tileState(64, 1, new Array(64).fill(1));
    for (const bm of [BM.ITERATIVE, BM.ITERATIVE_WORST_CASE]) {
      const z = mvm(state, 'backward', new Array(64).fill(1), io({ out_noise: 0, bound_management: bm }), 1, stats);
      expect(Array.from(stats.passes!)).toEqual([1]);
      expect(Array.from(z)).toEqual([12]);
    }
  });
});

describe('BoundManagementRounds (the schedule native backends share)', () => {
  /** The reductions and sample lists of the rounds when `failing` samples fail every bound test. */
  function schedule(init: Partial<IOParameters>, alpha: number[], failing: number[]) {
    const s = resolveMvmSettings(io({ out_noise: 0, ...init }), 'forward', 1, 1);
    const x = Float32Array.from(alpha); // one input value per sample: ABS_MAX_NP_SUM reads it
    const rounds = new BoundManagementRounds(s, x, Float64Array.from(alpha), Int32Array.from(alpha.keys()), alpha.length);
    const seen: { red: number; samples: number[]; scales: number[] }[] = [];
    while (rounds.next()) {
      const samples = Array.from(rounds.samples.subarray(0, rounds.n));
      seen.push({ red: rounds.red, samples, scales: samples.map((k) => rounds.inputScale(k)) });
      rounds.retain((k) => failing.includes(samples[k]!));
    }
    return seen;
  }

  it('halves the scale of the failing samples until a round has red > max_bm_factor', () => {
    const seen = schedule({ max_bm_factor: 4, inp_res: 0 }, [0.5, 2], [1]);
    expect(seen.map((r) => r.red)).toEqual([1, 2, 4, 8]);
    expect(seen.map((r) => r.samples)).toEqual([[0, 1], [1], [1], [1]]);
    expect(seen.map((r) => r.scales)).toEqual([[2, 0.5], [0.25], [0.125], [0.0625]]);
  });

  it('runs one round without bound management and has no rounds without samples', () => {
    expect(schedule({ bound_management: BM.NONE }, [2], [0])).toEqual([{ red: 1, samples: [0], scales: [0.5] }]);
    expect(schedule({}, [], [])).toEqual([]);
  });
});
