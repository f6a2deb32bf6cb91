import {
  VectorUnitCell,
  VectorUnitCellUpdatePolicy,
  type ParameterBase,
  type Pulser,
  type RandomSource,
  type TileState,
  type UpdateContext,
} from '@analogkit/core';
import { auxArray, checkHiddenIndex, HIDDEN_INDEX, readCount, UPDATE_COUNT, writeCount } from './aux-state.js';
import { commitSubState, compoundError, meanGranularity, reduceToWeights, subState, weightedSum } from './sub-devices.js';
import { UnitCellModel } from './unit-cell-model.js';

const ALL = -1;

/**
 * aihwkit's `VectorUnitCell` (C++ `VectorRPUDevice`): several devices per cross-point with
 * `w = sum_k gamma_k w_k` (gamma 1/n each unless `gamma_vec` is given). Per vector update the
 * pulses go to every device (ALL) or to one: SINGLE_FIXED keeps the hidden update index,
 * SINGLE_SEQUENTIAL advances it by one before each vector update, SINGLE_RANDOM draws it. Writing
 * the weights gives every device the written value (only the indexed one with SINGLE_FIXED), clips
 * each and resets the index to `first_update_idx` (except with SINGLE_FIXED). Weight granularity:
 * the mean of the devices'.
 */
export class VectorUnitCellModel extends UnitCellModel<VectorUnitCell> {
  readonly kind = 'vector-unit-cell';
  readonly parameterClass = VectorUnitCell;

  protected deviceParameters(params: VectorUnitCell): ParameterBase[] {
    const n = params.unit_cell_devices.length;
    if (n === 0) throw compoundError(params, 'unit_cell_devices', 'needs at least one device.');
    if (params.first_update_idx >= n) {
      throw compoundError(params, 'first_update_idx', `is ${params.first_update_idx} but there are only ${n} devices; use an index in [0, ${n - 1}].`);
    }
    return params.unit_cell_devices;
  }

  protected gammas(params: VectorUnitCell, n: number): number[] {
    if (params.gamma_vec.length === 0) return new Array<number>(n).fill(1 / n);
    if (params.gamma_vec.length !== n) {
      throw compoundError(params, 'gamma_vec', `has ${params.gamma_vec.length} values for ${n} devices; give one per device or none (1/n each).`);
    }
    return params.gamma_vec;
  }

  granularity(params: VectorUnitCell): number {
    return meanGranularity(this.subDevices(params));
  }

  protected distributeWeights(params: VectorUnitCell, state: TileState, views: readonly TileState[]): void {
    const index = auxArray(state, HIDDEN_INDEX, 1, params.first_update_idx);
    const fixed = params.update_policy === VectorUnitCellUpdatePolicy.SINGLE_FIXED;
    if (fixed) checkHiddenIndex(index[0]!, views.length);
    else index[0] = params.first_update_idx;
    writeCount(state, UPDATE_COUNT, 0);
    views.forEach((view, k) => {
      if (!fixed || k === index[0]) view.weights.set(state.weights);
    });
  }

  createPulser(params: VectorUnitCell, state: TileState, rng: RandomSource, context?: UpdateContext): Pulser {
    const subs = this.subDevices(params);
    const n = subs.length;
    const gamma = this.gammas(params, n);
    const views = subs.map((s) => subState(state, s));
    const weights = views.map((v) => v.weights);
    const pulsers = subs.map((s, k) => s.bound.model.createPulser(s.bound.params, views[k]!, rng, context));
    const policy = params.update_policy;
    const index = auxArray(state, HIDDEN_INDEX, 1, params.first_update_idx);
    if (policy === VectorUnitCellUpdatePolicy.SINGLE_FIXED) checkHiddenIndex(index[0]!, n);
    const visible = state.weights;
    let count = readCount(state, UPDATE_COUNT);
    let active = policy === VectorUnitCellUpdatePolicy.ALL ? ALL : index[0]! % n;

    return {
      startSample(): void {
        if (policy === VectorUnitCellUpdatePolicy.SINGLE_RANDOM) index[0] = Math.min(Math.floor(rng.uniform() * n), n - 1);
        else if (policy === VectorUnitCellUpdatePolicy.SINGLE_SEQUENTIAL) index[0] = (index[0]! + 1) % n;
        active = policy === VectorUnitCellUpdatePolicy.ALL ? ALL : index[0]!;
        if (active === ALL) for (const p of pulsers) p.startSample?.();
        else pulsers[active]!.startSample?.();
      },
      pulse(idx: number, direction: 1 | -1): void {
        if (active === ALL) for (const p of pulsers) p.pulse(idx, direction);
        else pulsers[active]!.pulse(idx, direction);
        visible[idx] = weightedSum(weights, gamma, idx);
      },
      finishSample(): void {
        if (active === ALL) for (const p of pulsers) p.finishSample?.();
        else pulsers[active]!.finishSample?.();
        writeCount(state, UPDATE_COUNT, ++count);
      },
      finishUpdate(): void {
        for (const p of pulsers) p.finishUpdate?.();
        subs.forEach((s, k) => commitSubState(state, s, views[k]!));
        reduceToWeights(visible, views.map((v) => v.weights), gamma);
      },
    };
  }
}
