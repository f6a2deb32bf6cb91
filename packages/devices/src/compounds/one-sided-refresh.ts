import { pulsedUpdateReference, TileStateError, type ParameterBase, type RandomSource, type TileState } from '@analogkit/core';
import type { OneHotReader } from './one-hot-reader.js';
import type { OneSidedUnitCell } from './parameters/one-sided-unit-cell.js';
import type { SubDevice } from './sub-devices.js';

/** The +/- devices of a one-sided cell with their own tile states. */
export interface OneSidedPair {
  readonly plus: SubDevice;
  readonly minus: SubDevice;
  readonly plusState: TileState;
  readonly minusState: TileState;
}

/**
 * One refresh of a one-sided cell (aihwkit `OneSidedRPUDevice::refreshWeights`), column by column:
 * both devices' columns are read with `refresh_forward`; a pair (wp, wm) is refreshed when the
 * larger side exceeds `refresh_upper_thres` and the smaller `refresh_lower_thres`, each relative to
 * its device's |w_max|. Refreshed pairs are reset on both devices (reset bias plus reset_std noise,
 * clipped) and their difference is written onto the larger side with a pulsed update
 * (`refresh_update`, learning rate -1, one-hot input). Returns the number of refreshed pairs.
 */
export function refreshOneSided(params: OneSidedUnitCell, pair: OneSidedPair, reader: OneHotReader, rng: RandomSource): number {
  const { rows, cols } = pair.plusState;
  const wMaxPlus = Math.abs(wMaxOf(pair.plus.bound.params));
  const wMaxMinus = Math.abs(wMaxOf(pair.minus.bound.params));
  const upper = params.refresh_upper_thres;
  const lower = params.refresh_lower_thres;
  const plusWrite = new Float32Array(rows);
  const minusWrite = new Float32Array(rows);
  const x = new Float32Array(cols);
  const refreshed: number[] = [];
  let total = 0;

  for (let j = 0; j < cols; j++) {
    const wp = reader.readColumn(pair.plusState.weights, j);
    const wm = reader.readColumn(pair.minusState.weights, j);
    plusWrite.fill(0);
    minusWrite.fill(0);
    refreshed.length = 0;
    let nPlus = 0;
    let nMinus = 0;
    for (let i = 0; i < rows; i++) {
      const p = wp[i]!;
      const m = wm[i]!;
      const due = p > m ? p / wMaxPlus > upper && m / wMaxMinus > lower : p / wMaxPlus > lower && m / wMaxMinus > upper;
      if (!due) continue;
      if (p > m) {
        plusWrite[i] = p - m;
        nPlus++;
      } else {
        minusWrite[i] = m - p;
        nMinus++;
      }
      refreshed.push(i * cols + j);
    }
    resetAtIndices(pair.plusState, pair.plus.bound.params, refreshed, rng);
    resetAtIndices(pair.minusState, pair.minus.bound.params, refreshed, rng);
    x[j] = 1;
    if (nPlus > 0) writeColumn(params, pair.plus, pair.plusState, x, plusWrite, rng);
    if (nMinus > 0) writeColumn(params, pair.minus, pair.minusState, x, minusWrite, rng);
    x[j] = 0;
    total += nPlus + nMinus;
  }
  return total;
}

function writeColumn(params: OneSidedUnitCell, device: SubDevice, state: TileState, x: Float32Array, d: Float32Array, rng: RandomSource): void {
  pulsedUpdateReference.run(state, { x, d, batch: 1 }, { update: params.refresh_update, lr: -1, device: device.bound, rng });
}

/** aihwkit `PulsedRPUDevice::resetAtIndices`: `w = reset_bias + reset_std xi`, clipped to the device bounds. */
function resetAtIndices(state: TileState, params: ParameterBase, indices: readonly number[], rng: RandomSource): void {
  if (indices.length === 0) return;
  const bias = pulsedArray(state, 'reset_bias');
  const max = pulsedArray(state, 'max_bound');
  const min = pulsedArray(state, 'min_bound');
  const resetStd = (params as { reset_std?: number }).reset_std ?? 0;
  const w = state.weights;
  for (const k of indices) {
    const v = bias[k]! + (resetStd > 0 ? resetStd * rng.normal() : 0);
    w[k] = Math.max(Math.min(v, max[k]!), min[k]!);
  }
}

function pulsedArray(state: TileState, name: string): Float32Array {
  const a = state.hidden[name];
  if (!a) {
    throw new TileStateError(`A one-sided refresh needs pulsed devices with a hidden "${name}" array; use a pulsed device (e.g. ConstantStepDevice) in the OneSidedUnitCell.`);
  }
  return a;
}

function wMaxOf(params: ParameterBase): number {
  const w = (params as { w_max?: number }).w_max;
  if (typeof w !== 'number') {
    throw new TileStateError(`A one-sided refresh needs devices with a w_max field; ${params.className} has none.`);
  }
  return w;
}
