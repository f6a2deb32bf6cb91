import { describe, expect, it } from 'vitest';
import { ConfigError, ShapeError } from '../errors.js';
import { WeightModifierType as T } from '../parameters/enums.js';
import { WeightModifierParameter } from '../parameters/weight-modifier-parameter.js';
import { XoshiroRandom } from '../random/xoshiro-random.js';
import { modifyWeightsReference } from './modify-weights.js';
import { meanStd } from '../testing/statistics.js';

type Init = ConstructorParameters<typeof WeightModifierParameter>[0];

/** Runs the kernel on one row (or `rows` rows) of weights; -0 is reported as 0. */
function modify(values: number[], init: Init, opts: { rows?: number; hasAnalogBias?: boolean; seed?: number } = {}): number[] {
  const rows = opts.rows ?? 1;
  const weights = Float32Array.from(values);
  const out = modifyWeightsReference.run(
    undefined,
    { weights, rows, cols: values.length / rows },
    { modifier: new WeightModifierParameter(init), rng: new XoshiroRandom(opts.seed ?? 2024), hasAnalogBias: opts.hasAnalogBias ?? false },
  );
  return Array.from(out, (v) => v + 0);
}

/** `n` copies of `v` after a leading `first` (which sets max|W|). */
const many = (first: number, v: number, n = 20000) => [first, ...new Array<number>(n).fill(v)];


/** Moments of `out[i] - ref` over the repeated entries (index 1 on). */
function changeMoments(out: number[], ref: number): { mean: number; std: number } {
  return meanStd(out.slice(1).map((v) => v - ref));
}

function expectStd(actual: number, expected: number, rel = 0.1): void {
  expect(actual).toBeGreaterThan((1 - rel) * expected);
  expect(actual).toBeLessThan((1 + rel) * expected);
}

const fractionZero = (v: number[]) => v.filter((x) => x === 0).length / v.length;
const binomialTol = (p: number, n: number) => 5 * Math.sqrt((p * (1 - p)) / n);

describe('ModifyWeights: copies and drop-connect', () => {
  it('returns a new array and never changes its input', () => {
    const weights = Float32Array.from([0.5, -0.5]);
    const out = modifyWeightsReference.run(
      undefined,
      { weights, rows: 1, cols: 2 },
      { modifier: new WeightModifierParameter({ type: T.ADD_NORMAL, std_dev: 0.5 }), rng: new XoshiroRandom(1), hasAnalogBias: false },
    );
    expect(out).not.toBe(weights);
    expect(Array.from(weights)).toEqual([0.5, -0.5]);
    expect(Array.from(out)).not.toEqual([0.5, -0.5]);
  });

  it('NONE returns an unmodified copy (aihwkit skips the modifier, pdrop included)', () => {
    expect(modify([0.5, -0.25, 1], { type: T.NONE, std_dev: 1, pdrop: 0.9 })).toEqual([0.5, -0.25, 1]);
  });

  it('COPY only applies pdrop', () => {
    const w = many(1, 0.5);
    expect(modify(w, { type: T.COPY })).toEqual(w);
    const out = modify(w, { type: T.COPY, pdrop: 0.3 });
    expect(out.every((v, i) => v === 0 || v === w[i])).toBe(true);
    expect(Math.abs(fractionZero(out) - 0.3)).toBeLessThan(binomialTol(0.3, out.length));
  });

  it('DROP_CONNECT zeroes weights with probability pdrop', () => {
    const out = modify(many(1, 0.5), { type: T.DROP_CONNECT, pdrop: 0.5 });
    expect(Math.abs(fractionZero(out) - 0.5)).toBeLessThan(binomialTol(0.5, out.length));
  });

  it('pdrop combines with any type', () => {
    const out = modify(many(1, 0.5), { type: T.ADD_NORMAL, std_dev: 0.01, pdrop: 0.2 });
    expect(Math.abs(fractionZero(out) - 0.2)).toBeLessThan(binomialTol(0.2, out.length));
    expect(out.filter((v) => v !== 0 && v !== Math.fround(0.5)).length).toBeGreaterThan(0.7 * out.length);
  });

  it('rejects per_batch_sample (one modified copy per step) except for COPY', () => {
    expect(() => modify([1], { type: T.ADD_NORMAL, std_dev: 0.1, per_batch_sample: true })).toThrow(ConfigError);
    expect(modify([1], { type: T.COPY, per_batch_sample: true })).toEqual([1]);
  });

  it('checks the weights size', () => {
    expect(() =>
      modifyWeightsReference.run(
        undefined,
        { weights: new Float32Array(3), rows: 2, cols: 2 },
        { modifier: new WeightModifierParameter({ type: T.COPY }), rng: new XoshiroRandom(1), hasAnalogBias: false },
      ),
    ).toThrow(ShapeError);
  });
});

describe('ModifyWeights: discretisation', () => {
  const W = [1, 0.125, -0.125, 0.625, 0.37, -0.9];

  it('DISCRETIZE rounds to steps of amax*res, ties away from zero', () => {
    expect(modify(W, { type: T.DISCRETIZE, res: 0.25 })).toEqual([1, 0.25, -0.25, 0.75, 0.25, -1]);
  });

  it('DISCRETIZE with res <= 0 leaves the weights', () => {
    expect(modify(W, { type: T.DISCRETIZE, res: 0 })).toEqual(W.map(Math.fround));
  });

  it('rel_to_actual_wmax false uses assumed_wmax as amax', () => {
    expect(modify(W, { type: T.DISCRETIZE, res: 0.25, rel_to_actual_wmax: false, assumed_wmax: 2 })).toEqual([1, 0, 0, 0.5, 0.5, -1]);
  });

  it('sto_round rounds stochastically: unbiased on average', () => {
    const out = modify(many(1, 0.1), { type: T.DISCRETIZE, res: 0.25, sto_round: true }).slice(1);
    expect(out.every((v) => v === 0 || v === 0.25)).toBe(true);
    const p = out.filter((v) => v === 0.25).length / out.length;
    expect(Math.abs(p - 0.4)).toBeLessThan(binomialTol(0.4, out.length));
  });

  it('DISCRETIZE_PER_CHANNEL takes amax per output row', () => {
    const out = modify([1, 0.3, 0.1, 0.03], { type: T.DISCRETIZE_PER_CHANNEL, res: 0.25 }, { rows: 2 });
    expect(out[0]).toBe(1);
    expect(out[1]).toBeCloseTo(0.25, 6);
    expect(out[2]).toBeCloseTo(0.1, 6);
    expect(out[3]).toBeCloseTo(0.025, 6);
    expect(modify([1, 0.3, 0.1, 0.03], { type: T.DISCRETIZE, res: 0.25 }, { rows: 2 }).slice(2)).toEqual([0, 0]);
  });

  it('DOREFA rounds tanh(w) * dorefa_clip / tanh(amax) to steps of res', () => {
    const out = modify([0.5, -0.2, 1, 0.05], { type: T.DOREFA, res: 0.1 });
    [0.4, -0.2, 0.6, 0].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
    const clip3 = modify([0.5, -0.2, 1, 0.05], { type: T.DOREFA, res: 0.1, dorefa_clip: 0.3 });
    [0.2, -0.1, 0.3, 0].forEach((v, i) => expect(clip3[i]).toBeCloseTo(v, 6));
    expect(modify([0.5, 1], { type: T.DOREFA, res: 0 })).toEqual([0.5, 1]);
  });
});

describe('ModifyWeights: Gaussian noise types', () => {
  it('ADD_NORMAL adds std_dev * amax noise', () => {
    const { mean, std } = changeMoments(modify(many(2, 0.5), { type: T.ADD_NORMAL, std_dev: 0.1 }), 0.5);
    expectStd(std, 0.2);
    expect(Math.abs(mean)).toBeLessThan((5 * 0.2) / Math.sqrt(20000));
    expectStd(changeMoments(modify(many(2, 0.5), { type: T.ADD_NORMAL, std_dev: 0.1, rel_to_actual_wmax: false }), 0.5).std, 0.1);
  });

  it('MULT_NORMAL adds w * std_dev * amax noise (aihwkit C++ form)', () => {
    expectStd(changeMoments(modify(many(2, 0.5), { type: T.MULT_NORMAL, std_dev: 0.1 }), 0.5).std, 0.5 * 0.1 * 2);
    expect(modify([2, 0, 0], { type: T.MULT_NORMAL, std_dev: 0.1 }).slice(1)).toEqual([0, 0]);
  });

  it('DISCRETIZE_ADD_NORMAL discretises, then adds std_dev * amax noise', () => {
    const { mean, std } = changeMoments(modify(many(1, 0.3), { type: T.DISCRETIZE_ADD_NORMAL, res: 0.25, std_dev: 0.01 }), 0.25);
    expect(Math.abs(mean)).toBeLessThan((5 * 0.01) / Math.sqrt(20000));
    expectStd(std, 0.01);
  });

  it('POLY adds amax * std_dev * (c0 + c1 |w|/amax + c2 (|w|/amax)^2) noise', () => {
    const sig = 0.0105392 + 0.0768 * 0.5 - 0.046925 * 0.25;
    expectStd(changeMoments(modify(many(2, 1), { type: T.POLY, std_dev: 0.1 }), 1).std, 2 * 0.1 * sig);
    expectStd(changeMoments(modify(many(2, 1), { type: T.POLY, std_dev: 0.1, coeffs: [0.5] }), 1).std, 2 * 0.1 * 0.5);
  });

  it('PROG_NOISE is POLY with std_dev / g_max, keeping each weight’s sign', () => {
    const sig = 0.0105392 + 0.0768 * 0.5 - 0.046925 * 0.25;
    expectStd(changeMoments(modify(many(2, 1), { type: T.PROG_NOISE, std_dev: 5 }), 1).std, 2 * (5 / 25) * sig);
    expectStd(changeMoments(modify(many(2, 1), { type: T.PROG_NOISE, std_dev: 5, g_max: 50 }), 1).std, 2 * (5 / 50) * sig);
    const neg = modify(many(-2, -0.01), { type: T.PROG_NOISE, std_dev: 100 });
    expect(neg.every((v) => v <= 0)).toBe(true);
    expect(meanStd(neg.slice(1)).std).toBeGreaterThan(0.02);
  });
});

describe('ModifyWeights: PCM_NOISE', () => {
  const P = (g: number) => 0.26348 + 1.965 * g - 1.1731 * g * g;
  const L = (t: number) => Math.sqrt(Math.log((t + 250e-9) / (2 * 250e-9)));

  it('without noise and at t_inference 0 maps weights to conductances and back unchanged', () => {
    const out = modify([1, -0.5, 0.25, 0], { type: T.PCM_NOISE, std_dev: 0 });
    [1, -0.5, 0.25, 0].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 6));
    expect(out[3]).toBe(0);
    const clipped = modify([1, -0.25], { type: T.PCM_NOISE, std_dev: 0, rel_to_actual_wmax: false, assumed_wmax: 0.5 });
    expect(clipped[0]).toBeCloseTo(0.5, 6);
    expect(clipped[1]).toBeCloseTo(-0.25, 6);
  });

  it('programming noise: std_dev (P0 + P1 g_r + P2 g_r^2) µS, mapped back with amax/g_max', () => {
    const base = { type: T.PCM_NOISE, pcm_t0: 250e-9 }; // t = t_read: no 1/f noise
    expectStd(changeMoments(modify(many(1, 0.5), { ...base, std_dev: 1 }), 0.5).std, P(0.5) / 25);
    expectStd(changeMoments(modify(many(1, 0.5), { ...base, std_dev: 2 }), 0.5).std, (2 * P(0.5)) / 25);
    expectStd(changeMoments(modify(many(1, 0.5), { ...base, std_dev: 1, g_max: 50 }), 0.5).std, P(0.5) / 50);
  });

  it('drift-exponent variation at pcm_t_inference: nu = |sigma_nu xi|, no mean drift', () => {
    const out = modify(many(1, 0.05), { type: T.PCM_NOISE, std_dev: 0, pcm_t_inference: 1000 }).slice(1);
    expect(out.every((v) => v > 0 && v <= Math.fround(0.05))).toBe(true);
    const nus = out.map((v) => -Math.log(v / Math.fround(0.05)) / Math.log(1020 / 20));
    const sigNu = -0.0125 * Math.log(0.05) - 0.0059;
    const { mean, std } = meanStd(nus);
    expect(Math.abs(mean - sigNu * Math.sqrt(2 / Math.PI))).toBeLessThan((5 * std) / Math.sqrt(nus.length));
    expectStd(std, sigNu * Math.sqrt(1 - 2 / Math.PI));
    const early = modify(many(1, 0.05), { type: T.PCM_NOISE, std_dev: 0, pcm_t_inference: 0 });
    expect(early[1]).toBeCloseTo(0.05, 6);
  });

  it('1/f read noise: std_dev |g| Q_s sqrt(ln((t + t_read)/(2 t_read))) on top of programming noise', () => {
    const t = 3600;
    const oneOverF = 0.0088 * 25 * L(t);
    const expected = Math.sqrt(P(1) ** 2 + oneOverF ** 2) / 25;
    const { mean, std } = meanStd(modify(new Array<number>(20000).fill(1), { type: T.PCM_NOISE, std_dev: 1, pcm_t0: t }));
    expectStd(std, expected, 0.05);
    expect(Math.abs(mean - 1)).toBeLessThan((5 * expected) / Math.sqrt(20000));
  });

  it('keeps each weight’s sign', () => {
    const w = [1, ...new Array<number>(5000).fill(0.02), ...new Array<number>(5000).fill(-0.02)];
    const out = modify(w, { type: T.PCM_NOISE, std_dev: 20 });
    expect(out.slice(1, 5001).every((v) => v >= 0)).toBe(true);
    expect(out.slice(5001).every((v) => v <= 0)).toBe(true);
    expect(meanStd(out.slice(1, 5001)).std).toBeGreaterThan(0.01);
  });

  it('does not program conductances below pcm_zero_thres * std_dev * P0', () => {
    const out = modify([1, 0.005, -0.005, 0.5], { type: T.PCM_NOISE, std_dev: 1, pcm_zero_thres: 1 });
    expect(out.slice(1, 3)).toEqual([0, 0]);
    expect(out[3]).not.toBe(0);
    expect(modify([1, 0.005], { type: T.PCM_NOISE, std_dev: 1 })[1]).not.toBe(0);
  });

  it('pcm_prob_at_reset, pcm_prob_at_gmax and pcm_prob_at_random force devices to reset, g_max or random levels', () => {
    expect(modify([1, -0.5, 0.25], { type: T.PCM_NOISE, std_dev: 1, pcm_prob_at_reset: 1 })).toEqual([0, 0, 0]);

    const gmax = modify(many(1, 0.25), { type: T.PCM_NOISE, std_dev: 0, pcm_prob_at_gmax: 1 }).slice(1);
    expect(gmax.every((v) => Math.abs(v - 0.75) < 1e-6 || Math.abs(v - 1) < 1e-6)).toBe(true);
    const atMax = gmax.filter((v) => Math.abs(v - 1) < 1e-6).length / gmax.length;
    expect(Math.abs(atMax - 0.5)).toBeLessThan(binomialTol(0.5, gmax.length));

    const random = modify([1, ...new Array<number>(10000).fill(0.25), ...new Array<number>(10000).fill(-0.25)], {
      type: T.PCM_NOISE,
      std_dev: 0,
      pcm_prob_at_random: 1,
    });
    const pos = random.slice(1, 10001);
    expect(pos.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(random.slice(10001).every((v) => v <= 0 && v >= -1)).toBe(true);
    const { mean, std } = meanStd(pos);
    expect(Math.abs(mean - 0.5)).toBeLessThan((5 * 0.2887) / Math.sqrt(pos.length));
    expectStd(std, Math.sqrt(1 / 12));
  });
});

describe('ModifyWeights: the analog-bias column (copy_last_column)', () => {
  const W = [0.5, -1, 10, 0.25, 0.125, -10];

  it('with an analog bias, keeps the last column unmodified and out of amax', () => {
    expect(modify(W, { type: T.DISCRETIZE, res: 0.25, copy_last_column: true }, { rows: 2, hasAnalogBias: true })).toEqual([0.5, -1, 10, 0.25, 0.25, -10]);
    const dropped = modify(W, { type: T.ADD_NORMAL, std_dev: 0.1, pdrop: 1, copy_last_column: true }, { rows: 2, hasAnalogBias: true });
    expect(dropped).toEqual([0, 0, 10, 0, 0, -10]);
  });

  it('without copy_last_column, or without an analog bias, the last column is an ordinary column', () => {
    expect(modify(W, { type: T.DISCRETIZE, res: 0.25 }, { rows: 2, hasAnalogBias: true })).toEqual([0, 0, 10, 0, 0, -10]);
    expect(modify(W, { type: T.DISCRETIZE, res: 0.25, copy_last_column: true }, { rows: 2 })).toEqual([0, 0, 10, 0, 0, -10]);
  });

  it('applies to PCM_NOISE too', () => {
    const out = modify(W, { type: T.PCM_NOISE, std_dev: 1, copy_last_column: true }, { rows: 2, hasAnalogBias: true });
    expect([out[2], out[5]]).toEqual([10, -10]);
    expect(Math.max(...out.filter((_, i) => i % 3 !== 2).map(Math.abs))).toBeLessThan(2);
  });
});
