import {
  decayWeightsReference,
  diffuseWeightsReference,
  KernelError,
  pulsedUpdateReference,
  resetColumnsReference,
  UpdateParameters,
  type BoundDevice,
  type Pulser,
  type RandomSource,
  type TileState,
  type UpdateContext,
} from '@analogkit/core';
import { auxArray, readCount, writeCount } from './aux-state.js';
import { accumulateOuterProduct, quantizeByAbsMax } from './digital-rank-update.js';
import { oneHot } from './one-hot-reader.js';
import { MixedPrecisionCompound } from './parameters/mixed-precision-compound.js';
import { compoundArray, compoundError, populationRandom } from './sub-devices.js';
import { driftDevice, type RegistryLookup, type TypedDeviceModel } from './unit-cell-model.js';
import { deviceNeedsDecay, deviceNeedsDiffusion } from './time-effect-needs.js';

/** The digital accumulator chi (rows x cols), aihwkit's hidden name. */
export const CHI = 'hidden_weights_chi';
/** Vector updates since the weights were written (aihwkit's current_update_index_). */
export const MIXED_PRECISION_COUNT = 'mixed_precision.update_count';
/** Next row to transfer (aihwkit's current_row_index_). */
export const MIXED_PRECISION_ROW = 'mixed_precision.row_index';

/**
 * aihwkit's `MixedPrecisionCompound` (C++ `MixedPrecRPUDevice`). The device's own weights are the
 * visible weights and its hidden arrays keep their names; chi is the extra hidden array
 * `hidden_weights_chi`. Per vector update (a direct update, no pulse trains): x and d are
 * optionally quantised, `chi += lr d x^T`, then, when the update counter is a positive multiple of
 * `transfer_every * batch`, `n_rows_per_transfer` rows of chi (from the row index, wrapping) are
 * transferred: `n = trunc(chi/g)` per element, `chi -= n g`, and the row gets a pulsed update with
 * x = n, d = e_row, learning rate `g transfer_lr`, using the tile's update parameters with update
 * management and BL management on. g = `granularity`, or the device's granularity when 0.
 * Writing weights clears chi and the counters; time effects act on the device.
 */
export class MixedPrecisionCompoundModel implements TypedDeviceModel<MixedPrecisionCompound> {
  readonly kind = 'mixed-precision-compound';
  readonly parameterClass = MixedPrecisionCompound;

  constructor(private readonly registry: RegistryLookup) {}

  defaults(): MixedPrecisionCompound {
    return new MixedPrecisionCompound();
  }

  validate(partial: Record<string, unknown>): MixedPrecisionCompound {
    return new MixedPrecisionCompound(partial);
  }

  hiddenNames(params: MixedPrecisionCompound): readonly string[] {
    const device = this.device(params);
    return [...device.model.hiddenNames(device.params), CHI];
  }

  sampleHidden(params: MixedPrecisionCompound, rows: number, cols: number, rng: RandomSource): Record<string, Float32Array> {
    const device = this.device(params);
    this.granularity(params);
    const hidden = device.model.sampleHidden(device.params, rows, cols, populationRandom(params.construction_seed, rng));
    return { ...hidden, [CHI]: new Float32Array(rows * cols) };
  }

  granularity(params: MixedPrecisionCompound): number {
    if (params.granularity > 0) return params.granularity;
    const device = this.device(params);
    const g = device.model.granularity(device.params);
    if (!(g > 0)) throw compoundError(params, 'granularity', `is 0 and the device (${device.params.className}) has no granularity > 0; set it explicitly.`);
    return g;
  }

  applyBounds(params: MixedPrecisionCompound, state: TileState, rng?: RandomSource): void {
    const device = this.device(params);
    compoundArray(state, CHI).fill(0);
    writeCount(state, MIXED_PRECISION_COUNT, 0);
    auxArray(state, MIXED_PRECISION_ROW, 1)[0] = 0;
    device.model.applyBounds(device.params, state, rng);
  }

  createPulser(params: MixedPrecisionCompound): Pulser {
    throw new KernelError(
      `${params.className} computes its update digitally and has no pulser; run the update through a PulsedUpdate kernel that calls the device's directUpdate (the reference kernel does).`,
    );
  }

  directUpdate(params: MixedPrecisionCompound, state: TileState, x: Float32Array, d: Float32Array, context: UpdateContext, rng: RandomSource): void {
    const { rows, cols } = state;
    const chi = compoundArray(state, CHI);
    const qx = new Float32Array(cols);
    const qd = new Float32Array(rows);
    const transfer = new RowTransfer(params, this.device(params), state, context, rng, this.granularity(params));
    let count = readCount(state, MIXED_PRECISION_COUNT);
    const every = params.transfer_every * context.batch;
    for (let s = 0; s < context.batch; s++) {
      quantizeByAbsMax(x, s * cols, cols, params.n_x_bins, params.stoc_round_x, rng, qx);
      quantizeByAbsMax(d, s * rows, rows, params.n_d_bins, params.stoc_round_d, rng, qd);
      accumulateOuterProduct(chi, qd, qx, context.lr);
      if (every > 0 && count > 0 && count % every === 0) transfer.run();
      writeCount(state, MIXED_PRECISION_COUNT, ++count);
    }
  }

  needsDiffusion(params: MixedPrecisionCompound): boolean {
    return deviceNeedsDiffusion(this.device(params));
  }

  needsDecay(params: MixedPrecisionCompound): boolean {
    return deviceNeedsDecay(this.device(params));
  }

  decay(params: MixedPrecisionCompound, state: TileState, alpha: number, rng: RandomSource): void {
    decayWeightsReference.run(state, {}, { alpha, device: this.device(params), rng });
  }

  diffuse(params: MixedPrecisionCompound, state: TileState, rng: RandomSource): void {
    diffuseWeightsReference.run(state, {}, { device: this.device(params), rng });
  }

  drift(params: MixedPrecisionCompound, state: TileState, deltaT: number, rng: RandomSource): void {
    const device = this.device(params);
    driftDevice(state, device.model, device.params, deltaT, rng);
  }

  resetColumns(params: MixedPrecisionCompound, state: TileState, start: number, count: number, prob: number, rng: RandomSource): void {
    resetColumnsReference.run(state, {}, { start, count, prob, device: this.device(params), rng });
  }

  private device(params: MixedPrecisionCompound): BoundDevice {
    return this.registry().bind(params.device);
  }
}

/** Transfers of chi rows onto the device (aihwkit `MixedPrecRPUDeviceBase::transfer` / `forwardUpdate`). */
class RowTransfer {
  private readonly update: UpdateParameters;
  private readonly counts: Float32Array;
  private readonly chi: Float32Array;

  constructor(
    private readonly params: MixedPrecisionCompound,
    private readonly device: BoundDevice,
    private readonly state: TileState,
    context: UpdateContext,
    private readonly rng: RandomSource,
    private readonly g: number,
  ) {
    this.update = new UpdateParameters({ ...context.update.fieldValues(), update_management: true, update_bl_management: true });
    this.counts = new Float32Array(state.cols);
    this.chi = compoundArray(state, CHI);
  }

  run(): void {
    const rows = this.state.rows;
    const { n_rows_per_transfer: perTransfer, random_row: randomRow, transfer_lr: lr } = this.params;
    if (perTransfer === 0 || lr === 0) return;
    const n = perTransfer < 0 ? rows : Math.min(perTransfer, rows);
    const rowIndex = auxArray(this.state, MIXED_PRECISION_ROW, 1);
    let start = rowIndex[0]!;
    if (randomRow && n < rows) start = Math.max(Math.min(Math.floor(this.rng.uniform() * rows), rows - 1), 0);
    for (let k = 0; k < n; k++) this.transferRow((start + k) % rows, lr);
    rowIndex[0] = (start + n) % rows;
  }

  private transferRow(row: number, lr: number): void {
    const { cols, rows } = this.state;
    const g = this.g;
    for (let j = 0; j < cols; j++) {
      const k = row * cols + j;
      const value = this.chi[k]!;
      const n = Math.trunc(Math.fround(value / g));
      this.counts[j] = n;
      this.chi[k] = value - n * g;
    }
    pulsedUpdateReference.run(
      this.state,
      { x: this.counts, d: oneHot(rows, row), batch: 1 },
      { update: this.update, lr: g * lr, device: this.device, rng: this.rng },
    );
  }
}
