import type { ParameterBase, Pulser, RandomSource, TileState, UpdateContext } from '@analogkit/core';
import { readCount, UPDATE_COUNT, writeCount } from './aux-state.js';
import { OneHotReader } from './one-hot-reader.js';
import { refreshOneSided } from './one-sided-refresh.js';
import { OneSidedUnitCell } from './parameters/one-sided-unit-cell.js';
import {
  commitSubState,
  compoundError,
  meanGranularity,
  populationRandom,
  reduceToWeights,
  sampleSubDevices,
  subHiddenName,
  subState,
} from './sub-devices.js';
import { UnitCellModel } from './unit-cell-model.js';

/** Device 0 is the minus side, device 1 the plus side (aihwkit's g_minus_ = 0, g_plus_ = 1). */
const MINUS = 0;
const PLUS = 1;
const GAMMA = [-1, 1];

/** Number of pairs refreshed so far (aihwkit's refresh_counter_), two-part count in aux. */
export const REFRESH_COUNT = 'refresh.count';
const REFRESH_IO_PREFIX = 'refresh_io.';

/**
 * aihwkit's `OneSidedUnitCell` (C++ `OneSidedRPUDevice`): two copies of the first device, the
 * weight `w = w_plus - w_minus`. A pulse that raises the weight is an up pulse on the plus device,
 * one that lowers it an up pulse on the minus device, so both only ever grow. Writing weights puts
 * `max(w, 0)` on the plus and `max(-w, 0)` on the minus device. After every `refresh_every` vector
 * updates (times the batch with `units_in_mbatch`) the cell is refreshed (see refreshOneSided).
 * Weight granularity: the mean of the two devices'.
 */
export class OneSidedUnitCellModel extends UnitCellModel<OneSidedUnitCell> {
  readonly kind = 'one-sided-unit-cell';
  readonly parameterClass = OneSidedUnitCell;

  protected deviceParameters(params: OneSidedUnitCell): ParameterBase[] {
    const devices = params.unit_cell_devices;
    if (devices.length === 0 || devices.length > 2) {
      throw compoundError(params, 'unit_cell_devices', `needs 1 or 2 devices (the first is used for both sides), got ${devices.length}.`);
    }
    if (devices.length === 2 && devices[1]!.className !== devices[0]!.className) {
      throw compoundError(params, 'unit_cell_devices', `both devices must be of the same class, got ${devices[0]!.className} and ${devices[1]!.className}.`);
    }
    return [devices[0]!, devices[0]!];
  }

  protected gammas(): number[] {
    return GAMMA;
  }

  granularity(params: OneSidedUnitCell): number {
    return meanGranularity(this.subDevices(params));
  }

  override sampleHidden(params: OneSidedUnitCell, rows: number, cols: number, rng: RandomSource): Record<string, Float32Array> {
    const hidden = sampleSubDevices(this.subDevices(params), rows, cols, populationRandom(params.construction_seed, rng));
    if (params.copy_inverted) invertDevice(params, hidden, PLUS);
    return hidden;
  }

  protected distributeWeights(_params: OneSidedUnitCell, state: TileState, views: readonly TileState[]): void {
    writeCount(state, UPDATE_COUNT, 0);
    writeCount(state, REFRESH_COUNT, 0);
    const w = state.weights;
    const plus = views[PLUS]!.weights;
    const minus = views[MINUS]!.weights;
    for (let i = 0; i < w.length; i++) {
      plus[i] = w[i]! > 0 ? w[i]! : 0;
      minus[i] = w[i]! < 0 ? -w[i]! : 0;
    }
  }

  createPulser(params: OneSidedUnitCell, state: TileState, rng: RandomSource, context?: UpdateContext): Pulser {
    const subs = this.subDevices(params);
    const views = subs.map((s) => subState(state, s));
    const [minusPulser, plusPulser] = subs.map((s, k) => s.bound.model.createPulser(s.bound.params, views[k]!, rng, context)) as [Pulser, Pulser];
    const pair = { plus: subs[PLUS]!, minus: subs[MINUS]!, plusState: views[PLUS]!, minusState: views[MINUS]! };
    const plus = pair.plusState.weights;
    const minus = pair.minusState.weights;
    const visible = state.weights;
    const batch = context?.batch ?? 1;
    const every = params.refresh_every * (params.units_in_mbatch ? batch : 1);
    let reader: OneHotReader | null = null;
    let count = readCount(state, UPDATE_COUNT);

    const refresh = (): void => {
      reader ??= new OneHotReader(state, REFRESH_IO_PREFIX, params.refresh_forward, rng);
      const n = refreshOneSided(params, pair, reader, rng);
      if (n === 0) return;
      reduceToWeights(visible, [minus, plus], GAMMA);
      writeCount(state, REFRESH_COUNT, readCount(state, REFRESH_COUNT) + n);
    };

    return {
      startSample(): void {
        minusPulser.startSample?.();
        plusPulser.startSample?.();
      },
      pulse(idx: number, direction: 1 | -1): void {
        if (direction > 0) plusPulser.pulse(idx, 1);
        else minusPulser.pulse(idx, 1);
        visible[idx] = plus[idx]! - minus[idx]!;
      },
      finishSample(): void {
        minusPulser.finishSample?.();
        plusPulser.finishSample?.();
        writeCount(state, UPDATE_COUNT, ++count);
        if (every > 0 && count % every === 0) refresh();
      },
      finishUpdate(): void {
        minusPulser.finishUpdate?.();
        plusPulser.finishUpdate?.();
        subs.forEach((s, k) => commitSubState(state, s, views[k]!));
        reader?.commit();
        reduceToWeights(visible, [minus, plus], GAMMA);
      },
    };
  }
}

/** aihwkit `copyInvertDeviceParameter`: the device's own up/down steps swapped and bounds mirrored. */
function invertDevice(params: OneSidedUnitCell, hidden: Record<string, Float32Array>, k: number): void {
  const names = ['dwmin_up', 'dwmin_down', 'max_bound', 'min_bound'].map((n) => subHiddenName(n, k));
  if (!names.every((n) => hidden[n])) {
    throw compoundError(params, 'copy_inverted', 'needs pulsed devices (with dwmin_up, dwmin_down, max_bound, min_bound); set it to false.');
  }
  const [up, down, max, min] = names.map((n) => hidden[n]!) as [Float32Array, Float32Array, Float32Array, Float32Array];
  for (let i = 0; i < up.length; i++) {
    [up[i], down[i]] = [down[i]!, up[i]!];
    [max[i], min[i]] = [-min[i]!, -max[i]!];
  }
}
