import {
  BoundManagementType,
  NoiseManagementType,
  pulsedUpdateReference,
  resetColumnsReference,
  type IOParameters,
  type RandomSource,
  type TileState,
} from '@analogkit/core';
import { auxArray } from './aux-state.js';
import { OneHotReader, oneHot } from './one-hot-reader.js';
import type { TransferCompound } from './parameters/transfer-compound.js';
import type { SubDevice } from './sub-devices.js';
import type { TransferSchedule } from './transfer-schedule.js';

/** Next column (row) to read, per source device (aihwkit's current_slice_indices_). */
export const TRANSFER_SLICE = 'transfer.slice_index';
const TRANSFER_IO_PREFIX = 'transfer_io.';

/**
 * Transfer events of a transfer compound (aihwkit `TransferRPUDevice::transfer`): `nReads`
 * consecutive one-hot columns (rows) of the source device, from its slice index and wrapping
 * around, are read with `transfer_forward` (bound and noise management off), negated and written
 * onto the target device with a pulsed update (`transfer_update`, learning rate
 * `transfer_lr_k` times the SGD rate when `scale_transfer_lr`), i.e. `C[:, j] += lr A[:, j]` in
 * expectation.
 */
export class TransferEvents {
  private readonly reader: OneHotReader;
  private readonly slice: Float32Array;

  constructor(
    private readonly params: TransferCompound,
    private readonly schedule: TransferSchedule,
    private readonly subs: readonly SubDevice[],
    private readonly views: readonly TileState[],
    state: TileState,
    private readonly rng: RandomSource,
  ) {
    this.reader = new OneHotReader(state, TRANSFER_IO_PREFIX, transferIO(params.transfer_forward), rng);
    this.slice = auxArray(state, TRANSFER_SLICE, subs.length);
  }

  transfer(to: number, from: number, sgdLr: number): void {
    const { inSize, nReads } = this.schedule;
    let start = this.slice[from]!;
    if (this.params.random_selection) start = Math.max(Math.min(Math.floor(this.rng.uniform() * inSize), inSize - 1), 0);
    const lr = this.schedule.lrs[from]! * (this.params.scale_transfer_lr ? sgdLr : 1);
    const rest = inSize - start;
    if (rest < nReads) {
      this.readAndWrite(to, from, lr, start, rest);
      this.readAndWrite(to, from, lr, 0, nReads - rest);
    } else {
      this.readAndWrite(to, from, lr, start, nReads);
    }
    this.slice[from] = (start + nReads) % inSize;
  }

  commit(): void {
    this.reader.commit();
  }

  private readAndWrite(to: number, from: number, lr: number, start: number, count: number): void {
    if (lr === 0 || to === from) return;
    const columns = this.params.transfer_columns;
    const source = this.views[from]!;
    const target = this.views[to]!;
    const { rows, cols } = source;
    for (let v = start; v < start + count; v++) {
      const read = columns ? this.reader.readColumn(source.weights, v) : this.reader.readRow(source.weights, v);
      for (let i = 0; i < read.length; i++) read[i] = -read[i]!;
      const p = this.params.with_reset_prob;
      if (columns && p > 0 && this.rng.uniform() < p) {
        resetColumnsReference.run(source, {}, { start, count, prob: 1, device: this.subs[from]!.bound, rng: this.rng });
      }
      const x = columns ? oneHot(cols, v) : read;
      const d = columns ? read : oneHot(rows, v);
      pulsedUpdateReference.run(target, { x, d, batch: 1 }, { update: this.params.transfer_update, lr, device: this.subs[to]!.bound, rng: this.rng });
    }
  }
}

/** The read parameters of a transfer: transfer_forward with bound and noise management off, as aihwkit forces. */
function transferIO(io: IOParameters): IOParameters {
  const copy = io.copy();
  copy.bound_management = BoundManagementType.NONE;
  copy.noise_management = NoiseManagementType.NONE;
  return copy;
}
