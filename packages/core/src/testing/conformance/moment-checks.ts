import type { ComputeBackend } from '../../backends/compute-backend.js';
import { emptyTileState, type TileState } from '../../backends/tile-state.js';
import { WeightModifierType, WeightNoiseType } from '../../parameters/enums.js';
import { IOParameters } from '../../parameters/io-parameters.js';
import { ConstantStepDevice } from '../../parameters/pulsed-device-parameters.js';
import { UpdateParameters } from '../../parameters/update-parameters.js';
import { WeightModifierParameter } from '../../parameters/weight-modifier-parameter.js';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import type { Runtime } from '../../runtime/runtime.js';
import { meanStd } from '../statistics.js';
import { IDEAL_PERIPHERY } from '../ideal-periphery.js';

/** A statistic, the value the spec predicts, and how far off it may be. */
export interface MomentCheck {
  label: string;
  actual: number;
  expected: number;
  tolerance: number;
}

export interface MomentCase {
  name: string;
  kernel: 'ForwardMvm' | 'BackwardMvm' | 'PulsedUpdate' | 'DiffuseWeights' | 'ResetColumns' | 'ModifyWeights';
  run(runtime: Runtime, backend: ComputeBackend): Promise<MomentCheck[]>;
}

const SEED = 99;


/** A linear MVM with only Gaussian noise of known size, so moments are predictable. */
const linearIO = (init: ConstructorParameters<typeof IOParameters>[0]) => new IOParameters({ ...IDEAL_PERIPHERY, ...init });

async function withTile<T>(backend: ComputeBackend, state: TileState, body: (tile: ReturnType<ComputeBackend['allocateTile']>) => Promise<T>): Promise<T> {
  const tile = backend.allocateTile(state);
  try {
    return await body(tile);
  } finally {
    backend.disposeTile(tile);
  }
}

function fixedState(rows: number, cols: number, seed: number): TileState {
  const state = emptyTileState(rows, cols);
  const rng = new XoshiroRandom(seed);
  for (let i = 0; i < state.weights.length; i++) state.weights[i] = Math.fround(rng.uniform() - 0.5);
  return state;
}

/** Runs one sample `n` times as a batch and checks per-output mean and std. */
function mvmNoiseCase(name: string, kernel: 'ForwardMvm' | 'BackwardMvm', io: IOParameters, expectedStd: (x: Float32Array) => number): MomentCase {
  return {
    name,
    kernel,
    async run(runtime, backend) {
      const rows = 6;
      const cols = 8;
      const n = 4000;
      const state = fixedState(rows, cols, 5);
      const inSize = kernel === 'ForwardMvm' ? cols : rows;
      const outSize = kernel === 'ForwardMvm' ? rows : cols;
      const x1 = Float32Array.from({ length: inSize }, (_, j) => Math.fround(Math.sin(j + 1) * 0.8));
      const x = new Float32Array(n * inSize);
      for (let b = 0; b < n; b++) x.set(x1, b * inSize);
      const rng = new XoshiroRandom(SEED);
      const y = await withTile(backend, state, (tile) =>
        kernel === 'ForwardMvm'
          ? runtime.runKernel(backend, 'ForwardMvm', { tile, x, batch: n }, { io, rng })
          : runtime.runKernel(backend, 'BackwardMvm', { tile, d: x, batch: n }, { io, rng }),
      );
      const sigma = expectedStd(x1);
      const checks: MomentCheck[] = [];
      for (let k = 0; k < outSize; k++) {
        let exact = 0;
        for (let j = 0; j < inSize; j++) {
          const w = kernel === 'ForwardMvm' ? state.weights[k * cols + j]! : state.weights[j * cols + k]!;
          exact += w * x1[j]!;
        }
        const col = Float32Array.from({ length: n }, (_, b) => y[b * outSize + k]!);
        const { mean, std } = meanStd(col);
        checks.push({ label: `output ${k} mean`, actual: mean, expected: exact, tolerance: (5 * sigma) / Math.sqrt(n) });
        checks.push({ label: `output ${k} std`, actual: std, expected: sigma, tolerance: 0.1 * sigma });
      }
      return checks;
    },
  };
}

const pulsedUpdateMean: MomentCase = {
  name: 'PulsedUpdate STOCHASTIC_COMPRESSED: mean change is -lr d x^T, variance binomial',
  kernel: 'PulsedUpdate',
  async run(runtime, backend) {
    const rows = 3;
    const cols = 4;
    const samples = 400;
    const lr = 0.01;
    const device = new ConstantStepDevice({ dw_min_dtod: 0, dw_min_std: 0, up_down_dtod: 0, w_max: 100, w_min: -100, w_max_dtod: 0, w_min_dtod: 0 });
    const bound = runtime.devices.bind(device);
    const state = emptyTileState(rows, cols);
    state.hidden = bound.model.sampleHidden(device, rows, cols, new XoshiroRandom(1));
    const x1 = Float32Array.from([0.9, -0.5, 0.25, -1]);
    const d1 = Float32Array.from([0.4, -0.8, 0.1]);
    const x = new Float32Array(samples * cols);
    const d = new Float32Array(samples * rows);
    for (let b = 0; b < samples; b++) {
      x.set(x1, b * cols);
      d.set(d1, b * rows);
    }
    const update = new UpdateParameters();
    const after = await withTile(backend, state, async (tile) => {
      await runtime.runKernel(backend, 'PulsedUpdate', { tile, x, d, batch: samples }, { update, lr, device: bound, rng: new XoshiroRandom(SEED) });
      return (await backend.readTile(tile)).weights;
    });
    // BL/A/B of SPEC 3 with UBLM and UM on: k = lr*xm*dm/dw_min, BL = min(ceil k, 31), both maxima fire with equal probability.
    const g = device.dw_min;
    const xm = 1;
    const dm = 0.8;
    const k = (lr * xm * dm) / g;
    const bl = Math.min(Math.ceil(k), update.desired_bl);
    const a = Math.sqrt(lr / (g * bl)) * Math.sqrt(xm / dm);
    const b = Math.sqrt(lr / (g * bl)) * Math.sqrt(dm / xm);
    const checks: MomentCheck[] = [];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const p = Math.min(1, b * Math.abs(x1[j]!)) * Math.min(1, a * Math.abs(d1[i]!));
        const sd = g * Math.sqrt(samples * bl * p * (1 - p));
        const expected = -lr * d1[i]! * x1[j]! * samples;
        // float32 accumulation of up to samples*BL steps adds a small relative error on top of 5 sigma.
        checks.push({ label: `w[${i},${j}] mean change`, actual: after[i * cols + j]!, expected, tolerance: 5 * sd + 2e-5 * Math.abs(expected) + 1e-6 });
      }
    }
    return checks;
  },
};

/** Runs a time-effect kernel once on a 40x50 tile of a noise-free-bounds device and checks the resulting weights' mean and std. */
function deviceEffectCase(
  name: string,
  kernel: 'DiffuseWeights' | 'ResetColumns',
  device: ConstantStepDevice,
  initialWeight: number,
  expected: { mean: number; std: number },
): MomentCase {
  return {
    name,
    kernel,
    async run(runtime, backend) {
      const bound = runtime.devices.bind(device);
      const state = emptyTileState(40, 50);
      state.hidden = bound.model.sampleHidden(device, 40, 50, new XoshiroRandom(2));
      state.weights.fill(initialWeight);
      const rng = new XoshiroRandom(SEED);
      const after = await withTile(backend, state, async (tile) => {
        if (kernel === 'DiffuseWeights') await runtime.runKernel(backend, 'DiffuseWeights', { tile }, { device: bound, rng });
        else await runtime.runKernel(backend, 'ResetColumns', { tile }, { start: 0, count: 50, prob: 1, device: bound, rng });
        return (await backend.readTile(tile)).weights;
      });
      const { mean, std } = meanStd(after);
      return [
        { label: 'mean', actual: mean, expected: expected.mean, tolerance: (5 * expected.std) / Math.sqrt(after.length) },
        { label: 'std', actual: std, expected: expected.std, tolerance: 0.1 * expected.std },
      ];
    },
  };
}

const WIDE_FIXED_BOUNDS = { w_max: 10, w_min: -10, w_max_dtod: 0, w_min_dtod: 0 };

const diffusion = deviceEffectCase(
  'DiffuseWeights: std of the change equals the diffusion rate',
  'DiffuseWeights',
  new ConstantStepDevice({ diffusion: 0.01, diffusion_dtod: 0, ...WIDE_FIXED_BOUNDS }),
  0,
  { mean: 0, std: 0.01 },
);

const resetNoise = deviceEffectCase(
  'ResetColumns: reset values are reset_bias + reset_std * xi',
  'ResetColumns',
  new ConstantStepDevice({ reset: 0.2, reset_dtod: 0, reset_std: 0.05, ...WIDE_FIXED_BOUNDS }),
  1,
  { mean: 0.2, std: 0.05 },
);

const addNormal: MomentCase = {
  name: 'ModifyWeights ADD_NORMAL: std of the change is std_dev * max|W|',
  kernel: 'ModifyWeights',
  async run(runtime, backend) {
    const rows = 40;
    const cols = 50;
    const weights = fixedState(rows, cols, 7).weights;
    let amax = 0;
    for (const w of weights) amax = Math.max(amax, Math.abs(w));
    const modifier = new WeightModifierParameter({ type: WeightModifierType.ADD_NORMAL, std_dev: 0.1 });
    const out = await runtime.runKernel(backend, 'ModifyWeights', { weights, rows, cols }, { modifier, rng: new XoshiroRandom(SEED), hasAnalogBias: false });
    const diff = out.map((v, i) => v - weights[i]!);
    const { mean, std } = meanStd(diff);
    const sigma = 0.1 * amax;
    return [
      { label: 'mean change', actual: mean, expected: 0, tolerance: (5 * sigma) / Math.sqrt(diff.length) },
      { label: 'std of change', actual: std, expected: sigma, tolerance: 0.1 * sigma },
    ];
  },
};

const l2 = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0));

export const MOMENT_CASES: MomentCase[] = [
  mvmNoiseCase('ForwardMvm: output noise', 'ForwardMvm', linearIO({ out_noise: 0.1 }), () => 0.1),
  mvmNoiseCase('BackwardMvm: output noise', 'BackwardMvm', linearIO({ out_noise: 0.05 }), () => 0.05),
  mvmNoiseCase('ForwardMvm: additive weight noise w_noise*|x|', 'ForwardMvm', linearIO({ w_noise: 0.05, w_noise_type: WeightNoiseType.ADDITIVE_CONSTANT }), (x) => 0.05 * l2(x)),
  pulsedUpdateMean,
  diffusion,
  resetNoise,
  addNormal,
];
