import {
  ConfigError,
  hiddenArray,
  KernelError,
  pulsedStepArrays,
  PulseType,
  ShapeError,
  type BoundDevice,
  type ConstantStepDevice,
  type RandomSource,
  type TileHandle,
  type TileState,
  type UpdateParameters,
} from '@analogkit/core';
import type { KernelFunction } from 'gpu.js';
import type { GpuJsBackend } from '../gpujs-backend.js';
import { FLOAT_INDEX_LIMIT, runFlat } from '../run-flat-kernel.js';
import { COUNTER_RNG_FUNCTIONS, counterKey } from '../random/counter-hash.js';
import { constantStepPulseKernel, exactUpdateKernel, fireLinesKernel } from './update-kernels.js';
import { deterministicImplicitLines, meanCountLines, stochasticLines } from './update-lines.js';
import type { GpuJsUpdatePlan } from './update-plan.js';

/** The most loop iterations a kernel is compiled for (GL backends unroll to a fixed bound): samples per call and slots per sample. */
const LOOP_CAP = 65536;

const STREAM = { fireX: 0, fireD: 1, totalNoise: 2, sampleNoiseA: 3, sampleNoiseB: 4 } as const;

export interface UpdateCall {
  tile: TileHandle;
  x: Float32Array;
  d: Float32Array;
  batch: number;
  update: UpdateParameters;
  lr: number;
  device: BoundDevice;
  rng: RandomSource;
}

/** Reference input checks: shapes and a finite learning rate, before anything changes. */
export function checkUpdateInputs(state: TileState, { x, d, batch, lr }: UpdateCall): void {
  if (!Number.isInteger(batch) || batch < 0) throw new ShapeError(`PulsedUpdate batch must be an integer >= 0, got ${batch}.`);
  if (x.length !== batch * state.cols) throw new ShapeError(`PulsedUpdate x has ${x.length} values, expected batch ${batch} x ${state.cols} columns.`);
  if (d.length !== batch * state.rows) throw new ShapeError(`PulsedUpdate d has ${d.length} values, expected batch ${batch} x ${state.rows} rows.`);
  if (!Number.isFinite(lr)) throw new ConfigError(`PulsedUpdate learning rate must be finite, got ${lr}.`, 'lr');
}

/**
 * The pulsed update of a tile on gpu.js kernels (see gpuJsUpdatePlan for what runs here): exact
 * updates in one kernel over the batch; pulsed ConstantStep updates with the update management
 * and line values per sample on the host, then the stochastic trains (fireLinesKernel) and the
 * devices' pulses over the batch (constantStepPulseKernel) in kernels. The new weights replace
 * the tile's at the end.
 */
export async function runGpuJsUpdate(backend: GpuJsBackend, plan: GpuJsUpdatePlan, call: UpdateCall): Promise<void> {
  const state = backend.tileState(call.tile);
  checkUpdateInputs(state, call);
  if (call.lr === 0 || call.batch === 0) return;
  let weights: Float32Array;
  if (plan === 'exact' || plan === 'exact-bounded') weights = await exactUpdate(backend, state, call, plan === 'exact-bounded');
  else weights = await pulsedUpdate(backend, state, call, plan);
  state.weights.set(weights);
}

async function exactUpdate(backend: GpuJsBackend, state: TileState, call: UpdateCall, bounded: boolean): Promise<Float32Array> {
  const { rows, cols } = state;
  const scaledD = call.d.map((v) => Math.fround(-call.lr * v));
  const kernel = tileKernel(backend, state, 'update:exact', exactUpdateKernel);
  // Unbounded updates never read the bounds; the weights stand in (an argument of the same size).
  const max = bounded ? hiddenArray(state, 'max_bound') : state.weights;
  const min = bounded ? hiddenArray(state, 'min_bound') : state.weights;
  const chunk = Math.min(LOOP_CAP, Math.floor(FLOAT_INDEX_LIMIT / Math.max(rows, cols)));
  let weights = state.weights;
  for (let s0 = 0; s0 < call.batch; s0 += chunk) {
    const n = Math.min(chunk, call.batch - s0);
    const x = call.x.subarray(s0 * cols, (s0 + n) * cols);
    const d = scaledD.subarray(s0 * rows, (s0 + n) * rows);
    weights = await runFlat(kernel, rows * cols, [weights, x, d, n, bounded ? 1 : 0, max, min]);
  }
  return weights;
}

async function pulsedUpdate(backend: GpuJsBackend, state: TileState, call: UpdateCall, plan: 'stochastic' | 'dense'): Promise<Float32Array> {
  const { rows, cols } = state;
  const { update, device, rng } = call;
  const { up, down, max, min } = pulsedStepArrays(state);
  const granularity = device.model.granularity(device.params);
  const std = (device.params as ConstantStepDevice).dw_min_std;
  const source = { x: call.x, d: call.d, batch: call.batch, rows, cols, update, lr: Math.abs(call.lr), granularity, rng };
  const lines =
    plan === 'stochastic'
      ? stochasticLines(source)
      : update.pulse_type === PulseType.MEAN_COUNT
        ? meanCountLines(source)
        : deterministicImplicitLines(source);
  const slots = lines.slots;
  const maxSlots = Math.min(LOOP_CAP, Math.floor(FLOAT_INDEX_LIMIT / Math.max(rows, cols)));
  if (slots > maxSlots) {
    throw new KernelError(`PulsedUpdate on gpujs supports pulse trains of up to ${maxSlots} slots on a ${rows}x${cols} tile, this update needs ${slots}; lower the learning rate or use the reference backend.`);
  }
  const seed = rng.nextUint32();
  const lrSign = call.lr < 0 ? -1 : 1;
  const chunk = Math.min(LOOP_CAP, Math.max(1, Math.floor(FLOAT_INDEX_LIMIT / (slots * Math.max(rows, cols)))));
  const pulses = tileKernel(backend, state, 'update:pulses', constantStepPulseKernel);
  let weights = state.weights;
  for (let s0 = 0, part = 0; s0 < call.batch; s0 += chunk, part++) {
    const n = Math.min(chunk, call.batch - s0);
    const lengths = lines.lengths.subarray(s0, s0 + n);
    const x = lines.x.subarray(s0 * cols, (s0 + n) * cols);
    const d = lines.d.subarray(s0 * rows, (s0 + n) * rows);
    const keys = (stream: number, count: number, needed: boolean) => streamKeys(seed, part * 8 + stream, count, needed);
    const noise = std > 0;
    const [totalA, totalB] = keys(STREAM.totalNoise, 2, noise);
    const lineArgs =
      plan === 'stochastic'
        ? [await fireLines(backend, state, x, cols, lengths, slots, keys(STREAM.fireX, n * slots, true)), await fireLines(backend, state, d, rows, lengths, slots, keys(STREAM.fireD, n * slots, true))]
        : [x, d];
    weights = await runFlat(pulses, rows * cols, [
      weights, up, down, max, min, ...lineArgs, lengths, plan === 'dense' ? 1 : 0, n, slots, lrSign, std,
      totalA!, totalB!, keys(STREAM.sampleNoiseA, n, noise), keys(STREAM.sampleNoiseB, n, noise),
    ]);
  }
  return weights;
}

function tileKernel(backend: GpuJsBackend, state: TileState, variant: string, source: unknown) {
  return backend.kernel(state.rows, state.cols, variant, source as KernelFunction, {
    constants: { rows: state.rows, cols: state.cols },
    functions: COUNTER_RNG_FUNCTIONS,
    loopMaxIterations: LOOP_CAP,
  });
}

function fireLines(
  backend: GpuJsBackend,
  state: TileState,
  probabilities: Float32Array,
  lineCount: number,
  lengths: Float32Array,
  slots: number,
  keys: Float32Array,
): Promise<Float32Array> {
  const kernel = backend.kernel(state.rows, state.cols, `update:fire-${lineCount}`, fireLinesKernel as unknown as KernelFunction, {
    constants: { lines: lineCount },
    functions: COUNTER_RNG_FUNCTIONS,
  });
  return runFlat(kernel, lengths.length * slots * lineCount, [probabilities, lengths, slots, keys]);
}

function streamKeys(seed: number, stream: number, count: number, needed: boolean): Float32Array {
  const keys = new Float32Array(count);
  if (needed) for (let k = 0; k < count; k++) keys[k] = counterKey(seed, stream, k);
  return keys;
}
