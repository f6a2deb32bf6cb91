import { AnalogMVType, BoundManagementType, createTile, InferenceRPUConfig, IOParameters, Tensor, NoiseManagementType, ShapeError, WeightNoiseType, XoshiroRandom, type MvmDirection, type TileState } from '@analogkit/core';
import { maxRelativeDeviation, meanVariance } from '@analogkit/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OnnxBackend } from '../onnx-backend.js';
import { testBackends, tileState, uniformArray, withTile, type TestBackends } from '../testing/onnx-test-support.js';

const ROWS = 13;
const COLS = 17;
const BATCH = 9;

let env: TestBackends;
/** The same backend with every MVM stage in the graph (as on GPU targets). */
let graphEnv: TestBackends;
beforeAll(async () => {
  env = await testBackends();
  graphEnv = await testBackends(3, { hostStages: false });
});

/** The two ways the onnx backend runs an MVM: DAC and ADC on the host kernels, or in the graph. */
const STAGES = ['host stages', 'graph stages'] as const;
type Stages = (typeof STAGES)[number];
const onnxOf = (stages: Stages) => (stages === 'host stages' ? env : graphEnv).onnx;

type Init = ConstructorParameters<typeof IOParameters>[0];
const noiseFree = (init: Init = {}) => new IOParameters({ out_noise: 0, ...init });

/** Runs the MVM `calls` times on a backend from a copy of `state` with a fixed seed; the outputs and the state after. */
async function run(backend: 'onnx' | Stages | 'reference', state: TileState, direction: MvmDirection, input: Float32Array, io: IOParameters, calls = 1) {
  const b = backend === 'reference' ? env.reference : onnxOf(backend === 'onnx' ? 'host stages' : backend);
  const rng = new XoshiroRandom(77);
  const batch = input.length / (direction === 'forward' ? state.cols : state.rows);
  const copy = { ...state, weights: state.weights.slice(), aux: {} };
  return withTile(b, copy, async (tile) => {
    const outputs: Float32Array[] = [];
    for (let c = 0; c < calls; c++) {
      outputs.push(
        direction === 'forward'
          ? await env.runtime.runKernel(b, 'ForwardMvm', { tile, x: input, batch }, { io, rng })
          : await env.runtime.runKernel(b, 'BackwardMvm', { tile, d: input, batch }, { io, rng }),
      );
    }
    return outputs;
  });
}

/** A batch with one all-zero sample (the noise-management shortcut leaves it 0). */
function inputWithZeroSample(size: number, seed: number): Float32Array {
  const x = uniformArray(BATCH * size, seed);
  x.fill(0, 3 * size, 4 * size);
  return x;
}

const FORWARD: [string, IOParameters, number][] = [
  ['defaults without output noise', noiseFree(), 0.5],
  ['ITERATIVE bound management over several rounds', noiseFree({ out_bound: 1 }), 3],
  ['ITERATIVE with max_bm_factor 2', noiseFree({ out_bound: 1, max_bm_factor: 2 }), 3],
  ['ITERATIVE_WORST_CASE', noiseFree({ out_bound: 1, bound_management: BoundManagementType.ITERATIVE_WORST_CASE }), 3],
  ['bound test without the negative bound', noiseFree({ out_bound: 1, bm_test_negative_bound: false }), 3],
  ['no quantisation, no bounds, NM and BM off', noiseFree({ inp_res: -1, out_res: -1, inp_bound: 0, out_bound: 0, noise_management: NoiseManagementType.NONE, bound_management: BoundManagementType.NONE }), 0.5],
  ['NM MAX', noiseFree({ noise_management: NoiseManagementType.MAX }), 0.5],
  ['NM CONSTANT 0.5', noiseFree({ noise_management: NoiseManagementType.CONSTANT, nm_thres: 0.5 }), 0.5],
  ['NM ABS_MAX_NP_SUM', noiseFree({ noise_management: NoiseManagementType.ABS_MAX_NP_SUM }), 0.5],
  ['NM ABS_MAX capped by nm_thres', noiseFree({ nm_thres: 0.3 }), 0.5],
  ['resolutions as steps', noiseFree({ inp_res: 63, out_res: 255 }), 0.5],
  ['IR drop', noiseFree({ ir_drop: 1, ir_drop_g_ratio: 2 }), 0.5],
  ['output non-linearity with spread and slope calibration', noiseFree({ out_nonlinearity: 0.5, out_nonlinearity_std: 0.2, slope_calibration: 0.5 }), 0.5],
  ['r_series', noiseFree({ r_series: 0.1 }), 0.5],
  ['voltage offsets with r_series', noiseFree({ v_offset_std: 0.1, r_series: 0.05 }), 0.5],
  ['voltage offsets relative to v_offset_w_min', noiseFree({ v_offset_std: 0.1, v_offset_w_min: -0.5 }), 0.5],
  ['voltage offsets relative to v_offset_w_min with r_series', noiseFree({ v_offset_std: 0.1, v_offset_w_min: -0.5, r_series: 0.05 }), 0.5],
  ['POS_NEG_SEPARATE with asymmetries and read asymmetry', noiseFree({ mv_type: AnalogMVType.POS_NEG_SEPARATE, inp_asymmetry: 0.1, out_asymmetry: 0.05, w_read_asymmetry_dtod: 0.1 }), 0.5],
  ['POS_NEG_SEPARATE_DIGITAL_SUM with clipping', noiseFree({ mv_type: AnalogMVType.POS_NEG_SEPARATE_DIGITAL_SUM, out_res: 31, out_bound: 1 }), 3],
  ['POS_NEG_SEPARATE with IR drop', noiseFree({ mv_type: AnalogMVType.POS_NEG_SEPARATE, ir_drop: 0.5 }), 0.5],
  ['out_scale 2', noiseFree({ out_scale: 2 }), 0.5],
  ['is_perfect with out_scale 3', new IOParameters({ is_perfect: true, out_scale: 3 }), 0.5],
  ['mv_type IDEAL', new IOParameters({ mv_type: AnalogMVType.IDEAL }), 0.5],
];

const BACKWARD: [string, IOParameters][] = [
  ['defaults without output noise (no bound management)', noiseFree({ out_bound: 2 })],
  ['NM NONE without quantisation', noiseFree({ noise_management: NoiseManagementType.NONE, inp_res: 0, out_res: 0 })],
  ['IR drop and r_series', noiseFree({ ir_drop: 1, r_series: 0.1 })],
  ['POS_NEG_SEPARATE with read asymmetry', noiseFree({ mv_type: AnalogMVType.POS_NEG_SEPARATE, w_read_asymmetry_dtod: 0.2 })],
  ['is_perfect', new IOParameters({ is_perfect: true })],
];

describe.each(STAGES)('onnx MVM (%s) matches the reference kernels where noise is off', (stages) => {
  for (const [label, io, wScale] of FORWARD) {
    it(`forward: ${label}`, async () => {
      const state = tileState(ROWS, COLS, uniformArray(ROWS * COLS, 5, -wScale, wScale));
      const x = inputWithZeroSample(COLS, 6);
      const ref = await run('reference', state, 'forward', x, io);
      const onnx = await run(stages, state, 'forward', x, io);
      expect(maxRelativeDeviation(onnx.result[0]!, ref.result[0]!)).toBeLessThanOrEqual(1e-5);
      expect(Array.from(onnx.result[0]!.subarray(3 * ROWS, 4 * ROWS)).every((v) => v === 0)).toBe(true);
    });
  }
  for (const [label, io] of BACKWARD) {
    it(`backward: ${label}`, async () => {
      const state = tileState(ROWS, COLS, uniformArray(ROWS * COLS, 7, -1.5, 1.5));
      const d = inputWithZeroSample(ROWS, 8);
      const ref = await run('reference', state, 'backward', d, io);
      const onnx = await run(stages, state, 'backward', d, io);
      expect(maxRelativeDeviation(onnx.result[0]!, ref.result[0]!)).toBeLessThanOrEqual(1e-5);
    });
  }

  it('AVERAGE_ABS_MAX keeps its running value in the tile across calls, as the reference', async () => {
    const io = noiseFree({ noise_management: NoiseManagementType.AVERAGE_ABS_MAX, bound_management: BoundManagementType.NONE });
    const state = tileState(ROWS, COLS, uniformArray(ROWS * COLS, 9, -0.5, 0.5));
    const x = uniformArray(BATCH * COLS, 10);
    const ref = await run('reference', state, 'forward', x, io, 3);
    const onnx = await run(stages, state, 'forward', x, io, 3);
    for (let c = 0; c < 3; c++) expect(maxRelativeDeviation(onnx.result[c]!, ref.result[c]!)).toBeLessThanOrEqual(1e-5);
    expect(onnx.state.aux['nm.avg_abs_max']![0]).toBeCloseTo(ref.state.aux['nm.avg_abs_max']![0]!, 6);
  });
});

describe('onnx MVM stage placement', () => {
  it('runs the DAC and ADC of supported settings on the host around a bare MAC graph, the rest in the full graph', async () => {
    const state = tileState(11, 19, uniformArray(11 * 19, 20, -0.5, 0.5)); // a shape no other test uses
    const x = uniformArray(BATCH * 19, 21);
    const before = env.onnx.numSessions();
    await run('onnx', state, 'forward', x, noiseFree());
    await run('onnx', state, 'forward', x, new IOParameters({ is_perfect: true }));
    // the MAC graph of the host stages is the one a perfect MVM with out_scale 1 runs
    expect(env.onnx.numSessions()).toBe(before + 1);
    await run('onnx', state, 'forward', x, noiseFree({ ir_drop: 1 }));
    expect(env.onnx.numSessions()).toBe(before + 2);
  });

  it('draws the same output noise from a tile seed whatever the number of host threads', async () => {
    const single = await testBackends(3, { intraOpNumThreads: 1 });
    const three = await testBackends(3, { intraOpNumThreads: 3 });
    await three.onnx.hostKernels().whenReady();
    const state = tileState(ROWS, COLS, uniformArray(ROWS * COLS, 22, -0.5, 0.5));
    const batch = 4000; // about 16384 values per chunk: four chunks to share
    const x = uniformArray(batch * COLS, 23);
    const io = new IOParameters({ out_noise: 0.1 });
    const forward = (backend: OnnxBackend) =>
      withTile(backend, { ...state, aux: {} }, (tile) => env.runtime.runKernel(backend, 'ForwardMvm', { tile, x, batch }, { io, rng: new XoshiroRandom(5) }));
    const many = (await forward(three.onnx)).result;
    expect(Array.from((await forward(single.onnx)).result)).toEqual(Array.from(many));
    single.runtime.backends.disposeAll();
    three.runtime.backends.disposeAll();
  });

  it('draws the per-tile MVM parameters a config needs into the tile state', async () => {
    const io = noiseFree({ out_nonlinearity: 0.5, out_nonlinearity_std: 0.2 });
    const state = tileState(ROWS, COLS, uniformArray(ROWS * COLS, 11, -0.5, 0.5));
    const onnx = await run('onnx', state, 'forward', uniformArray(BATCH * COLS, 12), io);
    const ref = await run('reference', state, 'forward', uniformArray(BATCH * COLS, 12), io);
    expect(Array.from(onnx.state.aux['forward.out_nonlinearity']!)).toEqual(Array.from(ref.state.aux['forward.out_nonlinearity']!));
  });
});

describe('onnx MVM noise (host-drawn, one stream per tile seed)', () => {
  const rows = 6;
  const cols = 8;
  const n = 4000;
  const linear = (init: Init) =>
    new IOParameters({ inp_res: 0, out_res: 0, inp_bound: 0, out_bound: 0, noise_management: NoiseManagementType.NONE, bound_management: BoundManagementType.NONE, out_noise: 0, ...init });
  const x1 = Float32Array.from({ length: cols }, (_, j) => Math.fround(Math.sin(j + 1) * 0.8));
  const weights = uniformArray(rows * cols, 13, -0.5, 0.5);

  async function samples(io: IOParameters) {
    const x = new Float32Array(n * cols);
    for (let b = 0; b < n; b++) x.set(x1, b * cols);
    return run('onnx', tileState(rows, cols, weights), 'forward', x, io);
  }

  function exact(i: number): number {
    let s = 0;
    for (let j = 0; j < cols; j++) s += weights[i * cols + j]! * x1[j]!;
    return s;
  }

  function checkMoments(y: Float32Array, i: number, sigma: number): void {
    const { mean, variance } = meanVariance(Float32Array.from({ length: n }, (_, b) => y[b * rows + i]!));
    expect(Math.abs(mean - exact(i))).toBeLessThanOrEqual((5 * sigma) / Math.sqrt(n));
    expect(Math.sqrt(variance)).toBeGreaterThan(0.9 * sigma);
    expect(Math.sqrt(variance)).toBeLessThan(1.1 * sigma);
  }

  it('input noise gives std inp_noise * |w_i|', async () => {
    const { result } = await samples(linear({ inp_noise: 0.1 }));
    for (let i = 0; i < rows; i++) {
      let norm = 0;
      for (let j = 0; j < cols; j++) norm += weights[i * cols + j]! ** 2;
      checkMoments(result[0]!, i, 0.1 * Math.sqrt(norm));
    }
  });

  it('out_noise_std draws one noise strength per output, kept in the tile', async () => {
    const { result, state } = await samples(linear({ out_noise: 0.1, out_noise_std: 0.5 }));
    const sigmas = state.aux['forward.out_noise_values']!;
    expect(sigmas.length).toBe(rows);
    for (let i = 0; i < rows; i++) checkMoments(result[0]!, i, sigmas[i]!);
  });

  it('PCM_READ weight noise gives std w_noise * sqrt(sum |w| x^2)', async () => {
    const { result } = await samples(linear({ w_noise: 0.05, w_noise_type: WeightNoiseType.PCM_READ }));
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += Math.abs(weights[i * cols + j]!) * x1[j]! ** 2;
      checkMoments(result[0]!, i, 0.05 * Math.sqrt(s));
    }
  });

  it('two ADC stages of POS_NEG_SEPARATE_DIGITAL_SUM add two output noises', async () => {
    const { result } = await samples(linear({ out_noise: 0.05, mv_type: AnalogMVType.POS_NEG_SEPARATE_DIGITAL_SUM }));
    for (let i = 0; i < rows; i++) checkMoments(result[0]!, i, 0.05 * Math.SQRT2);
  });

  it('stochastic output rounding is unbiased and stays on the ADC grid', async () => {
    const step = Math.fround(0.01 * 20);
    const { result } = await samples(linear({ out_res: 0.01, out_bound: 10, out_sto_round: true }));
    const y = result[0]!;
    for (let k = 0; k < y.length; k++) expect(Math.abs(y[k]! / step - Math.round(y[k]! / step))).toBeLessThan(1e-4);
    for (let i = 0; i < rows; i++) {
      const { mean } = meanVariance(Float32Array.from({ length: n }, (_, b) => y[b * rows + i]!));
      expect(Math.abs(mean - exact(i))).toBeLessThanOrEqual((5 * step) / Math.sqrt(n));
    }
  });

  it.each(STAGES)('output noise gives std out_noise (%s)', async (stages) => {
    const x = new Float32Array(n * cols);
    for (let b = 0; b < n; b++) x.set(x1, b * cols);
    const { result } = await run(stages, tileState(rows, cols, weights), 'forward', x, linear({ out_noise: 0.1 }));
    for (let i = 0; i < rows; i++) checkMoments(result[0]!, i, 0.1);
  });

  it('the same tile seed repeats the noise; another seed does not', async () => {
    const io = linear({ out_noise: 0.1 });
    const state = tileState(rows, cols, weights);
    const once = async (seed: number) =>
      (await withTile(env.onnx, { ...state, aux: {} }, (tile) => env.runtime.runKernel(env.onnx, 'ForwardMvm', { tile, x: x1, batch: 1 }, { io, rng: new XoshiroRandom(seed) }))).result;
    expect(Array.from(await once(1))).toEqual(Array.from(await once(1)));
    expect(Array.from(await once(1))).not.toEqual(Array.from(await once(2)));
  });
});

describe('onnx MVM sessions and errors', () => {
  it('builds each graph once per tile shape and configuration', async () => {
    const io = new IOParameters({ out_noise: 0.02 });
    const state = tileState(5, 4, uniformArray(20, 14));
    await run('onnx', state, 'forward', uniformArray(3 * 4, 15), io);
    const sessions = env.onnx.numSessions();
    await run('onnx', state, 'forward', uniformArray(7 * 4, 16), io, 3);
    expect(env.onnx.numSessions()).toBe(sessions);
    await run('onnx', tileState(5, 6, uniformArray(30, 17)), 'forward', uniformArray(6, 18), io);
    expect(env.onnx.numSessions()).toBe(sessions + 1);
  });

  const UNCHECKED: [string, IOParameters][] = [
    ['noise-managed IO', new IOParameters()],
    ['IO without noise management', new IOParameters({ noise_management: NoiseManagementType.NONE })],
    ['per-output noise strengths (drawn on first use)', new IOParameters({ out_noise_std: 0.3 })],
    ['read asymmetry (drawn on first use, before the host stages read the input)', new IOParameters({ w_read_asymmetry_dtod: 0.1 })],
    ['perfect IO', new IOParameters({ is_perfect: true })],
  ];
  for (const stages of STAGES) {
    for (const [label, io] of UNCHECKED) {
      it(`${stages}: refuses an unchecked non-finite input by name, with nothing drawn (${label})`, async () => {
        const rng = new XoshiroRandom(5);
        const { state } = await withTile(onnxOf(stages), tileState(5, 4, uniformArray(20, 20)), async (tile) => {
          for (const [direction, size, bad] of [['forward', 4, NaN], ['forward', 4, -Infinity], ['backward', 5, Infinity]] as const) {
            const input = uniformArray(3 * size, 21);
            input[6] = bad;
            const call =
              direction === 'forward'
                ? env.runtime.runKernel(onnxOf(stages), 'ForwardMvm', { tile, x: input, batch: 3 }, { io, rng })
                : env.runtime.runKernel(onnxOf(stages), 'BackwardMvm', { tile, d: input, batch: 3 }, { io, rng });
            await expect(call).rejects.toThrow(new ShapeError(`${direction} input contains a non-finite value (${bad}) at flat index 6.`));
          }
        });
        expect(state.aux).toEqual({});
        expect(rng.nextUint32()).toBe(new XoshiroRandom(5).nextUint32());
      });
    }
  }

  it('tiles leave the scan to the kernel: a non-finite forward input is refused by name and changes nothing', async () => {
    const make = async () => {
      const tile = await createTile(env.runtime, 6, 8, new InferenceRPUConfig(), { backend: 'onnx:cpu', seed: 9 });
      await tile.setWeights(new Tensor(uniformArray(48, 22), [6, 8]));
      return tile;
    };
    const x = new Tensor(uniformArray(16, 23), [2, 8]);
    const bad = new Tensor(x.data.slice(), [2, 8]);
    bad.data[11] = NaN;
    const [tried, fresh] = [await make(), await make()];
    await expect(tried.forward(bad)).rejects.toThrow(new ShapeError('forward input contains a non-finite value (NaN) at flat index 11.'));
    expect(Array.from((await tried.forward(x)).data)).toEqual(Array.from((await fresh.forward(x)).data));
    tried.dispose();
    fresh.dispose();
  });

  it('rejects an input of the wrong size with a ShapeError', async () => {
    const state = tileState(5, 4, uniformArray(20, 19));
    await expect(run('onnx', state, 'forward', new Float32Array(7), new IOParameters())).rejects.toThrow(ShapeError);
  });
});
