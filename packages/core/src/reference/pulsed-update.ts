import type { TileState } from '../backends/tile-state.js';
import type { BoundDevice, Pulser } from '../devices/device-model.js';
import { ConfigError, DeviceModelError, KernelError, ShapeError } from '../errors.js';
import { requireTileState } from '../devices/time-effects/tile-arrays.js';
import type { ReferenceKernel } from '../kernels/kernel-signatures.js';
import { PulseType } from '../parameters/enums.js';
import type { UpdateParameters } from '../parameters/update-parameters.js';
import type { RandomSource } from '../random/random-source.js';
import { applyDenseCoincidences } from './update/dense-pulse-applier.js';
import { DenseWorkspace } from './update/dense-workspace.js';
import { makeDeterministicImplicitCoincidences } from './update/deterministic-implicit-coincidences.js';
import { exactRankOneUpdate } from './update/exact-update.js';
import { probabilityStep } from './update/line-probability.js';
import { makeMeanCountCoincidences } from './update/mean-count-coincidences.js';
import { SparseBitLines } from './update/sparse-bit-lines.js';
import { applySparseCoincidences } from './update/sparse-pulse-applier.js';
import { makeStochasticBitLines } from './update/stochastic-bit-line-maker.js';
import { batchSampleTrainScales, type TrainScales } from './update/update-management.js';
import { updateModeFor } from './update/update-mode.js';

/**
 * The reference pulsed update (aihwkit's `PulsedRPUWeightUpdater::updateVectorWithDevice`, CPU).
 * Samples are applied one after another, each with the full learning rate; for each sample the
 * update management gives BL, A and B, the bit-line maker of the pulse type gives the
 * coincidences, and each coincidence is one device pulse (sign(d_i)·sign(x_j) > 0 is a down
 * step, so that `E[ΔW] = -lr·d xᵀ` for an ideal constant step). Pulse type NONE (and
 * floating-point devices) update exactly without the device; NONE_WITH_DEVICE updates exactly
 * and then clips to the device bounds after each sample. Devices with a direct update (mixed
 * precision) compute the whole update themselves; a device may build its pulse trains with its own
 * learning rate (pulseCountLearningRate) while its pulser is told the SGD one.
 */
export const pulsedUpdateReference: ReferenceKernel<'PulsedUpdate'> = {
  kernelName: 'PulsedUpdate',
  mutatesTile: true,
  run(state, inputs, attrs) {
    const tile = requireTileState(state, 'PulsedUpdate');
    const { x, d, batch } = inputs;
    const { update, lr, device, rng } = attrs;
    checkInputs(tile, x, d, batch);
    if (!Number.isFinite(lr)) throw new ConfigError(`PulsedUpdate learning rate must be finite, got ${lr}.`, 'lr');
    if (lr === 0 || batch === 0) return;
    if (device.model.directUpdate) {
      device.model.directUpdate(device.params, tile, x, d, { lr, update, batch }, rng);
      return;
    }

    switch (updateModeFor(update.pulse_type, device.model)) {
      case 'exact':
        for (let s = 0; s < batch; s++) exactSample(tile, x, d, s, lr);
        return;
      case 'exact-bounded':
        for (let s = 0; s < batch; s++) {
          exactSample(tile, x, d, s, lr);
          device.model.applyBounds(device.params, tile, rng);
        }
        return;
      case 'pulsed':
        pulsedUpdate(tile, x, d, batch, update, lr, device, rng);
    }
  },
};

function checkInputs(state: TileState, x: Float32Array, d: Float32Array, batch: number): void {
  if (!Number.isInteger(batch) || batch < 0) throw new ShapeError(`PulsedUpdate batch must be an integer >= 0, got ${batch}.`);
  if (x.length !== batch * state.cols) {
    throw new ShapeError(`PulsedUpdate x has ${x.length} values, expected batch ${batch} x ${state.cols} columns.`);
  }
  if (d.length !== batch * state.rows) {
    throw new ShapeError(`PulsedUpdate d has ${d.length} values, expected batch ${batch} x ${state.rows} rows.`);
  }
}

function exactSample(state: TileState, x: Float32Array, d: Float32Array, s: number, lr: number): void {
  exactRankOneUpdate(state.weights, state.rows, state.cols, x, s * state.cols, d, s * state.rows, lr);
}

function pulsedUpdate(
  state: TileState,
  x: Float32Array,
  d: Float32Array,
  batch: number,
  update: UpdateParameters,
  lr: number,
  device: BoundDevice,
  rng: RandomSource,
): void {
  const { rows, cols } = state;
  const granularity = pulseGranularity(device);
  const pulseLr = device.model.pulseCountLearningRate ? device.model.pulseCountLearningRate(device.params, lr) : lr;
  const absLr = Math.abs(pulseLr);
  const lrSign = pulseLr < 0 ? -1 : 1;
  const step = probabilityStep(update.res);
  const pulser = device.model.createPulser(device.params, state, rng, { lr, update, batch });
  const applySample = makeSampleApplier(update, rows, cols, lrSign, step, rng, pulser);

  for (let s = 0; s < batch; s++) {
    pulser.startSample?.();
    const xOffset = s * cols;
    const dOffset = s * rows;
    const scales = batchSampleTrainScales(update, absLr, granularity, x, d, s, rows, cols);
    if (scales.bl > 0) applySample(x, xOffset, d, dOffset, scales);
    pulser.finishSample?.();
  }
  pulser.finishUpdate?.();
}

/** The device's weight granularity, which pulsed updates need finite and > 0 (DeviceModelError otherwise). */
export function pulseGranularity(device: BoundDevice): number {
  const granularity = device.model.granularity(device.params);
  if (!(granularity > 0) || !Number.isFinite(granularity)) {
    throw new DeviceModelError(
      `Device model "${device.model.kind}" reports a weight granularity of ${granularity}; pulsed updates need a finite granularity > 0 (check dw_min).`,
    );
  }
  return granularity;
}

type SampleApplier = (
  x: Float32Array,
  xOffset: number,
  d: Float32Array,
  dOffset: number,
  scales: TrainScales,
) => void;

/** The bit-line maker and applier of the pulse type, with its buffers allocated once per batch. */
function makeSampleApplier(
  update: UpdateParameters,
  rows: number,
  cols: number,
  lrSign: 1 | -1,
  step: number,
  rng: RandomSource,
  pulser: Pulser,
): SampleApplier {
  const stoRound = update.sto_round;
  switch (update.pulse_type) {
    case PulseType.STOCHASTIC_COMPRESSED:
    case PulseType.STOCHASTIC: {
      const slots = update.desired_bl;
      const xPositive = new SparseBitLines(cols, slots);
      const xNegative = update.pulse_type === PulseType.STOCHASTIC ? new SparseBitLines(cols, slots) : xPositive;
      const dLines = new SparseBitLines(rows, slots);
      return (x, xOffset, d, dOffset, { bl, a, b }) => {
        makeStochasticBitLines(x, xOffset, b, bl, step, stoRound, rng, xPositive, xNegative);
        makeStochasticBitLines(d, dOffset, a, bl, step, stoRound, rng, dLines, dLines);
        applySparseCoincidences(pulser, cols, bl, dLines, xPositive, xNegative, lrSign);
      };
    }
    case PulseType.MEAN_COUNT: {
      const work = new DenseWorkspace(rows, cols);
      return (x, xOffset, d, dOffset, scales) => {
        makeMeanCountCoincidences(work, x, xOffset, d, dOffset, scales, step, stoRound, rng);
        applyDenseCoincidences(pulser, work.coincidences, lrSign);
      };
    }
    case PulseType.DETERMINISTIC_IMPLICIT: {
      const work = new DenseWorkspace(rows, cols);
      const xStep = probabilityStep(update.x_res_implicit);
      const dStep = probabilityStep(update.d_res_implicit);
      return (x, xOffset, d, dOffset, scales) => {
        makeDeterministicImplicitCoincidences(work, x, xOffset, d, dOffset, scales, xStep, dStep, stoRound, rng);
        applyDenseCoincidences(pulser, work.coincidences, lrSign);
      };
    }
    default:
      throw new KernelError(`PulsedUpdate cannot pulse with pulse type ${update.pulse_type}.`);
  }
}
