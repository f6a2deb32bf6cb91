import {
  AnalogMVType,
  BoundManagementType,
  cloneTileState,
  ensureMvmParameters,
  IOParameters,
  NoiseManagementType,
  ShapeError,
  WeightNoiseType,
  XoshiroRandom,
  type ComputeBackend,
  type MvmDirection,
  type ParameterInit,
  type TileState,
} from '@analogkit/core';
import { maxRelativeDeviation, meanStd } from '@analogkit/core/testing';
import { describe, expect, it } from 'vitest';
import { sideBySide } from '../test-support.js';

const env = sideBySide();

const ROWS = 37;
const COLS = 70;
const BATCH = 9;

function randomState(seed: number, scale = 0.3): TileState {
  const rng = new XoshiroRandom(seed);
  const weights = new Float32Array(ROWS * COLS);
  for (let i = 0; i < weights.length; i++) weights[i] = Math.fround((rng.uniform() - 0.5) * 2 * scale);
  return { rows: ROWS, cols: COLS, weights, hidden: {}, aux: {} };
}

function randomInput(seed: number, length: number): Float32Array {
  const rng = new XoshiroRandom(seed);
  return Float32Array.from({ length }, () => Math.fround(rng.uniform() * 2 - 1));
}

async function mvm(backend: ComputeBackend, state: TileState, direction: MvmDirection, x: Float32Array, io: IOParameters, seed = 5) {
  const tile = backend.allocateTile(state);
  try {
    const rng = new XoshiroRandom(seed);
    const batch = x.length / (direction === 'forward' ? state.cols : state.rows);
    const y =
      direction === 'forward'
        ? await env.runtime.runKernel(backend, 'ForwardMvm', { tile, x, batch }, { io, rng })
        : await env.runtime.runKernel(backend, 'BackwardMvm', { tile, d: x, batch }, { io, rng });
    return { y, state: await backend.readTile(tile) };
  } finally {
    backend.disposeTile(tile);
  }
}

const NOISE_FREE: ParameterInit<IOParameters> = { out_noise: 0 };

const CASES: [string, ParameterInit<IOParameters>][] = [
  ['is_perfect with out_scale 3', { is_perfect: true, out_scale: 3 }],
  ['defaults without noise (quantised, ABS_MAX, ITERATIVE)', NOISE_FREE],
  ['bound management with clipping (out_bound 1.5)', { ...NOISE_FREE, out_bound: 1.5 }],
  ['ITERATIVE_WORST_CASE', { ...NOISE_FREE, out_bound: 1.5, bound_management: BoundManagementType.ITERATIVE_WORST_CASE }],
  ['no quantisation, no bounds, NM NONE', { ...NOISE_FREE, inp_res: -1, out_res: -1, inp_bound: 0, out_bound: 0, noise_management: NoiseManagementType.NONE, bound_management: BoundManagementType.NONE }],
  ['ABS_MAX_NP_SUM with nm_thres', { ...NOISE_FREE, noise_management: NoiseManagementType.ABS_MAX_NP_SUM, nm_thres: 0.8 }],
  ['AVERAGE_ABS_MAX', { ...NOISE_FREE, noise_management: NoiseManagementType.AVERAGE_ABS_MAX }],
  ['IR drop', { ...NOISE_FREE, ir_drop: 1, ir_drop_g_ratio: 300 }],
  ['voltage offsets and r_series', { ...NOISE_FREE, v_offset_std: 0.05, r_series: 0.02 }],
  ['output non-linearity with slope calibration', { ...NOISE_FREE, out_nonlinearity: 0.3, out_nonlinearity_std: 0.1, slope_calibration: 0.5 }],
  ['POS_NEG_SEPARATE with read asymmetry and in/out asymmetry', { ...NOISE_FREE, mv_type: AnalogMVType.POS_NEG_SEPARATE, w_read_asymmetry_dtod: 0.2, inp_asymmetry: 0.1, out_asymmetry: 0.05 }],
  ['POS_NEG_SEPARATE_DIGITAL_SUM with clipping', { ...NOISE_FREE, mv_type: AnalogMVType.POS_NEG_SEPARATE_DIGITAL_SUM, out_bound: 1 }],
];

describe('gpu.js MVM against the reference kernels (noise-free, 37 x 70 tile, batch 9)', () => {
  for (const direction of ['forward', 'backward'] as const) {
    for (const [name, init] of CASES) {
      it(`${direction}: ${name}`, async () => {
        const io = new IOParameters(init);
        const state = randomState(1);
        ensureMvmParameters(state.aux, io, direction, ROWS, COLS, new XoshiroRandom(2));
        const x = randomInput(3, BATCH * (direction === 'forward' ? COLS : ROWS));
        const expected = await mvm(env.reference, cloneTileState(state), direction, x, io);
        const actual = await mvm(env.gpujs, cloneTileState(state), direction, x, io);
        expect(maxRelativeDeviation(actual.y, expected.y)).toBeLessThanOrEqual(env.gpujs.precision.tolerance);
        expect(Object.keys(actual.state.aux).sort()).toEqual(Object.keys(expected.state.aux).sort());
        for (const key of Object.keys(expected.state.aux)) expect(maxRelativeDeviation(actual.state.aux[key]!, expected.state.aux[key]!)).toBeLessThanOrEqual(1e-6);
      });
    }
  }
});

describe('gpu.js MVM noise (moments over 3000 repeats of one sample, 5 sigma on means, 10% on stds)', () => {
  const n = 3000;
  const rowsOf = (y: Float32Array, rows: number, i: number) => Float64Array.from({ length: n }, (_, k) => y[k * rows + i]!);
  const linear = (init: ParameterInit<IOParameters>) =>
    new IOParameters({ out_noise: 0, inp_res: 0, out_res: 0, inp_bound: 0, out_bound: 0, noise_management: NoiseManagementType.NONE, bound_management: BoundManagementType.NONE, ...init });
  const state: TileState = { rows: 3, cols: 4, weights: Float32Array.from([0.5, -0.2, 0.1, 0, 1, 1, 1, 1, -0.3, 0, 0, 0.8]), hidden: {}, aux: {} };
  const x1 = [0.5, -1, 0.25, 2];
  const x = Float32Array.from({ length: n * 4 }, (_, m) => x1[m % 4]!);
  const exact = [0, 1, 2].map((i) => x1.reduce((a, v, j) => a + state.weights[i * 4 + j]! * v, 0));

  it('inp_noise: output std is inp_noise ||w_i||_2', async () => {
    const { y } = await mvm(env.gpujs, cloneTileState(state), 'forward', x, linear({ inp_noise: 0.05 }));
    for (let i = 0; i < 3; i++) {
      const norm = Math.hypot(...Array.from(state.weights.subarray(i * 4, i * 4 + 4)));
      const { mean, std } = meanStd(rowsOf(y, 3, i));
      expect(Math.abs(mean - exact[i]!)).toBeLessThan((5 * 0.05 * norm) / Math.sqrt(n));
      expect(Math.abs(std - 0.05 * norm)).toBeLessThan(0.1 * 0.05 * norm);
    }
  });

  it('PCM_READ weight noise: output std is w_noise sqrt(sum_j |w_ij| x_j^2)', async () => {
    const { y } = await mvm(env.gpujs, cloneTileState(state), 'forward', x, linear({ w_noise: 0.02, w_noise_type: WeightNoiseType.PCM_READ }));
    for (let i = 0; i < 3; i++) {
      const sigma = 0.02 * Math.sqrt(x1.reduce((a, v, j) => a + Math.abs(state.weights[i * 4 + j]!) * v * v, 0));
      const { mean, std } = meanStd(rowsOf(y, 3, i));
      expect(Math.abs(mean - exact[i]!)).toBeLessThan((5 * sigma) / Math.sqrt(n));
      expect(Math.abs(std - sigma)).toBeLessThan(0.1 * sigma);
    }
  });

  it('out_noise_std: each output has its own drawn noise strength', async () => {
    const io = linear({ out_noise: 0.1, out_noise_std: 0.5 });
    const s = cloneTileState(state);
    const { y, state: after } = await mvm(env.gpujs, s, 'forward', x, io);
    const sigmas = after.aux['forward.out_noise_values']!;
    expect(sigmas.length).toBe(3);
    for (let i = 0; i < 3; i++) expect(Math.abs(meanStd(rowsOf(y, 3, i)).std - sigmas[i]!)).toBeLessThan(0.1 * sigmas[i]!);
  });
});

describe('gpu.js MVM input checks', () => {
  it('rejects a wrong input length or batch with a ShapeError and leaves the tile alone', async () => {
    const io = new IOParameters({ noise_management: NoiseManagementType.AVERAGE_ABS_MAX });
    const tile = env.gpujs.allocateTile(randomState(4));
    const rng = new XoshiroRandom(1);
    await expect(env.runtime.runKernel(env.gpujs, 'ForwardMvm', { tile, x: new Float32Array(COLS + 1), batch: 1 }, { io, rng })).rejects.toThrow(ShapeError);
    await expect(env.runtime.runKernel(env.gpujs, 'BackwardMvm', { tile, d: new Float32Array(ROWS), batch: 1.5 }, { io, rng })).rejects.toThrow(/integer >= 0/);
    expect((await env.gpujs.readTile(tile)).aux).toEqual({});
    expect(await env.runtime.runKernel(env.gpujs, 'ForwardMvm', { tile, x: new Float32Array(0), batch: 0 }, { io, rng })).toEqual(new Float32Array(0));
    env.gpujs.disposeTile(tile);
  });
});
