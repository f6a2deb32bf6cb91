import type { TransferCompound } from './parameters/transfer-compound.js';
import { compoundError } from './sub-devices.js';

/** How a transfer compound of `n` devices transfers on a tile (aihwkit `initializeWithSize`). */
export interface TransferSchedule {
  /** Length of the read vectors' index range: columns read (cols) or rows read (rows). */
  readonly inSize: number;
  /** Number of one-hot reads per transfer event, at most inSize. */
  readonly nReads: number;
  /** Transfer learning rate per source device. */
  readonly lrs: readonly number[];
  /** Transfer period per source device (0 = never). */
  readonly every: readonly number[];
}

/** The weighting `gamma_vec`, or by default `gamma^(n-1-k)` for device k (the last weighted 1). */
export function transferGammas(params: TransferCompound, n: number): number[] {
  if (params.gamma_vec.length === 0) return Array.from({ length: n }, (_, k) => Math.pow(params.gamma, n - 1 - k));
  if (params.gamma_vec.length !== n) {
    throw compoundError(params, 'gamma_vec', `has ${params.gamma_vec.length} values for ${n} devices; give one per device or none.`);
  }
  if (params.gamma_vec[n - 1] === 0) throw compoundError(params, 'gamma_vec', 'must give the last device a non-zero weight (it receives the transfers).');
  return params.gamma_vec;
}

export function transferSchedule(params: TransferCompound, n: number, rows: number, cols: number): TransferSchedule {
  const inSize = params.transfer_columns ? cols : rows;
  const outSize = params.transfer_columns ? rows : cols;
  const nReads = Math.min(params.n_reads_per_transfer, inSize);
  const lrs = params.transfer_lr_vec.length > 0 ? params.transfer_lr_vec : new Array<number>(n).fill(params.transfer_lr);
  let every = params.transfer_every_vec;
  if (every.length === 0) {
    every = [];
    let period = params.transfer_every;
    for (let k = 0; k < n; k++) {
      every.push(period);
      period = Math.fround(period * Math.fround(outSize / nReads));
    }
    if (params.no_self_transfer) every[n - 1] = 0;
  }
  return { inSize, nReads, lrs, every };
}

/** The per-device lists, when given, need one value per device. */
export function checkPerDevice(params: TransferCompound, n: number): void {
  for (const field of ['transfer_lr_vec', 'transfer_every_vec'] as const) {
    const length = params[field].length;
    if (length !== 0 && length !== n) throw compoundError(params, field, `has ${length} values for ${n} devices; give one per device or none.`);
  }
}

/** The period of device `from` in vector updates for a batch of `batch` (aihwkit `getTransferEvery`). */
export function transferPeriod(params: TransferCompound, schedule: TransferSchedule, from: number, batch: number): number {
  const every = schedule.every[from]!;
  const period = params.units_in_mbatch ? Math.ceil(Math.fround(every * batch)) : Math.round(every);
  return Math.max(period, 0);
}
