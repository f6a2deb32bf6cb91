import {
  ConstantStepDeviceModel,
  type ConstantStepDevice,
  FloatingPointDeviceModel,
  hiddenArray,
  IdealDeviceModel,
  probabilityStep,
  pulseGranularity,
  pulsedStepArrays,
  PulseType,
  updateModeFor,
  type BoundDevice,
  type KernelAttrs,
  type KernelInputs,
  type TileState,
} from '@analogkit/core';
import type { Tensor } from 'onnxruntime-node';
import { buildUpdateGraph, updateGraphKey, UPDATE_IO, type UpdateGraphSpec } from '../graph/update-graph.js';
import type { OnnxBackend } from '../onnx-backend.js';
import { FastRandom } from '../random/fast-random.js';
import { feedNormalNoise } from '../random/noise-feeds.js';
import { accumulateDeterministicCounts, deterministicLines } from './deterministic-counts.js';
import { DeterministicReplay, ExactReplay, TrainReplay, type ConstantStepArrays, type DeviceReplay } from './device-replay.js';
import { makePulseTrains } from './pulse-trains.js';
import { batchTrainScales, type UpdateBatch } from './update-batch.js';

/**
 * How the native kernel runs an update, or `reference` when it hands the call to core's
 * reference kernel: devices with a direct update or their own pulse-count learning rate, device
 * kinds other than core's constant-step for pulsed updates, and any bounded exact update on a
 * device whose bounds it does not know.
 */
type NativePath = 'exact' | 'exact-bounded' | 'pulsed' | 'reference';

export function nativeUpdatePath(pulseType: PulseType, device: BoundDevice): NativePath {
  const model = device.model;
  if (model.directUpdate || model.pulseCountLearningRate) return 'reference';
  const constantStep = model.constructor === ConstantStepDeviceModel;
  switch (updateModeFor(pulseType, model)) {
    case 'exact':
      return 'exact';
    case 'exact-bounded':
      if (constantStep) return 'exact-bounded';
      // Core's floating-point models have no bounds: applyBounds does nothing.
      return model.constructor === IdealDeviceModel || model.constructor === FloatingPointDeviceModel ? 'exact' : 'reference';
    case 'pulsed':
      return constantStep ? 'pulsed' : 'reference';
  }
}

/**
 * The pulsed update on the onnx backend. Samples still act one after another, but the batch is
 * computed at once: the devices' up and down movements over the batch come from GEMMs (pulse
 * trains as signed 0/1 matrices, or the exact rank-`batch` update), the graph applies them with
 * the summed step noise and clips once, and the few devices that move both ways near a bound are
 * replayed sample by sample on the host (see update-graph.ts). The new weights are written into
 * the tile's spare buffer, which then becomes its weights.
 */
export function runOnnxPulsedUpdate(backend: OnnxBackend, inputs: KernelInputs<'PulsedUpdate'>, attrs: KernelAttrs<'PulsedUpdate'>): Promise<void> {
  return backend.exclusive(async () => {
    const { tile, x, d, batch } = inputs;
    const { update, lr, device, rng } = attrs;
    const state = backend.stateOf(tile);
    const valid = Number.isInteger(batch) && batch > 0 && x.length === batch * state.cols && d.length === batch * state.rows;
    const path = nativeUpdatePath(update.pulse_type, device);
    // Bad inputs, lr 0, empty batches and devices it does not model: the reference kernel decides.
    if (path === 'reference' || !valid || !Number.isFinite(lr) || lr === 0) {
      backend.kernels.reference('PulsedUpdate').run(state, { x, d, batch }, attrs);
      return;
    }
    const b: UpdateBatch = { x, d, batch, rows: state.rows, cols: state.cols };
    const random = new FastRandom(rng);
    const dims = [b.rows, b.cols];
    const feeds: Record<string, Tensor> = { [UPDATE_IO.weights]: backend.tensor(state.weights, dims) };
    let spec: UpdateGraphSpec;
    let replay: DeviceReplay | null = null;

    if (path === 'exact' || path === 'exact-bounded') {
      const a = backend.scratch(UPDATE_IO.a, batch * b.rows);
      for (let m = 0; m < a.length; m++) a[m] = Math.fround(-lr * d[m]!);
      feeds[UPDATE_IO.a] = backend.tensor(a, [batch, b.rows]);
      feeds[UPDATE_IO.x] = backend.tensor(x, [batch, b.cols]);
      spec = { kind: path, rows: b.rows, cols: b.cols, stepNoise: 0 };
      if (path === 'exact-bounded') {
        const max = hiddenArray(state, 'max_bound');
        const min = hiddenArray(state, 'min_bound');
        feeds[UPDATE_IO.maxBound] = backend.tensor(max, dims);
        feeds[UPDATE_IO.minBound] = backend.tensor(min, dims);
        replay = new ExactReplay(a, x, batch, b.rows, b.cols, max, min);
      }
    } else {
      const dev = constantStepArrays(state, device);
      const granularity = pulseGranularity(device);
      const lrSign = lr < 0 ? -1 : 1;
      const scales = batchTrainScales(b, update, Math.abs(lr), granularity);
      if (update.pulse_type === PulseType.STOCHASTIC || update.pulse_type === PulseType.STOCHASTIC_COMPRESSED) {
        const settings = { step: probabilityStep(update.res), stoRound: update.sto_round, lrSign } as const;
        const trains = makePulseTrains(b, scales, settings, random, rng, (slots) => ({
          d: backend.scratch(UPDATE_IO.dLines, slots * b.rows),
          x: backend.scratch(UPDATE_IO.xLines, slots * b.cols),
        }));
        if (trains.slots === 0) return;
        feeds[UPDATE_IO.dLines] = backend.tensor(trains.d, [trains.slots, b.rows]);
        feeds[UPDATE_IO.xLines] = backend.tensor(trains.x, [trains.slots, b.cols]);
        spec = { kind: 'trains', rows: b.rows, cols: b.cols, stepNoise: dev.stepNoise };
        replay = new TrainReplay(trains, batch, b.rows, b.cols, dev, random);
      } else {
        const lines = deterministicLines(b, update, scales, lrSign, rng);
        const up = backend.scratch(UPDATE_IO.upCounts, b.rows * b.cols);
        const down = backend.scratch(UPDATE_IO.downCounts, b.rows * b.cols);
        accumulateDeterministicCounts(lines, batch, b.rows, b.cols, up, down);
        feeds[UPDATE_IO.upCounts] = backend.tensor(up, dims);
        feeds[UPDATE_IO.downCounts] = backend.tensor(down, dims);
        spec = { kind: 'counts', rows: b.rows, cols: b.cols, stepNoise: dev.stepNoise };
        replay = new DeterministicReplay(lines, batch, b.rows, b.cols, dev, random);
      }
      feeds[UPDATE_IO.upSteps] = backend.tensor(dev.up, dims);
      feeds[UPDATE_IO.downSteps] = backend.tensor(dev.down, dims);
      feeds[UPDATE_IO.maxBound] = backend.tensor(dev.max, dims);
      feeds[UPDATE_IO.minBound] = backend.tensor(dev.min, dims);
      if (dev.stepNoise > 0) feedNormalNoise(backend, random, feeds, UPDATE_IO.noise, b.rows, b.cols, 1);
    }

    const session = await backend.session(updateGraphKey(spec), () => buildUpdateGraph(spec));
    const updated = backend.spareWeights(tile);
    const fetches: Record<string, Tensor> = { [UPDATE_IO.updated]: backend.tensor(updated, dims) };
    const risky = replay ? backend.mask(UPDATE_IO.risky, b.rows * b.cols) : null;
    if (risky) fetches[UPDATE_IO.risky] = backend.maskTensor(risky, dims);
    await session.run(feeds, fetches);
    if (replay && risky) replayMarked(risky, replay, state.weights, updated);
    backend.swapWeights(tile);
  });
}

/** Replays the devices marked in `mask` from their weights before the update into `updated`. */
function replayMarked(mask: Uint8Array, replay: DeviceReplay, before: Float32Array, updated: Float32Array): void {
  // Scan four flags at a time: almost all are 0.
  const words = new Uint32Array(mask.buffer, mask.byteOffset, mask.length >> 2);
  for (let w = 0; w < words.length; w++) {
    if (words[w] === 0) continue;
    for (let idx = w << 2; idx < (w << 2) + 4; idx++) if (mask[idx]) updated[idx] = replay.replay(idx, before[idx]!);
  }
  for (let idx = words.length << 2; idx < mask.length; idx++) if (mask[idx]) updated[idx] = replay.replay(idx, before[idx]!);
}

function constantStepArrays(state: TileState, device: BoundDevice): ConstantStepArrays {
  const params = device.params as ConstantStepDevice;
  return {
    ...pulsedStepArrays(state),
    stepNoise: params.dw_min_std > 0 ? params.dw_min_std : 0,
  };
}
