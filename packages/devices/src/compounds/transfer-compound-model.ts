import type { ParameterBase, Pulser, RandomSource, TileState, UpdateContext } from '@analogkit/core';
import { readCount, UPDATE_COUNT, writeCount } from './aux-state.js';
import { TransferCompound } from './parameters/transfer-compound.js';
import { commitSubState, compoundError, reduceToWeights, subState, weightedSum, type SubDevice } from './sub-devices.js';
import { TRANSFER_SLICE, TransferEvents } from './transfer-events.js';
import { checkPerDevice, transferGammas, transferPeriod, transferSchedule } from './transfer-schedule.js';
import { UnitCellModel } from './unit-cell-model.js';

/**
 * aihwkit's `TransferCompound` (Tiki-Taka, C++ `TransferRPUDevice`). The SGD pulses go to the
 * first device only, built with the fast learning rate (`fast_lr`, times the SGD rate when
 * `scale_fast_lr`). After each vector update the update counter advances and every device k
 * whose period divides it transfers onto device k + 1 (see TransferEvents); then the visible
 * weights `sum_k gamma_k W_k` are recomputed. Writing weights zeroes all devices and puts
 * `w / gamma_last` on the last one. Column resets act on the first device only. Weight
 * granularity: the first device's.
 */
export class TransferCompoundModel extends UnitCellModel<TransferCompound> {
  readonly kind = 'transfer-compound';
  readonly parameterClass = TransferCompound;

  protected deviceParameters(params: TransferCompound): ParameterBase[] {
    const devices = params.unit_cell_devices;
    if (devices.length < 2) throw compoundError(params, 'unit_cell_devices', `needs at least 2 devices (fast, then slow), got ${devices.length}.`);
    if (params.with_reset_prob > 0 && !params.transfer_columns) {
      throw compoundError(params, 'with_reset_prob', 'resets are only possible when transferring columns (transfer_columns = true).');
    }
    checkPerDevice(params, devices.length);
    return devices.map((_, k) => devices[Math.min(k, 1)]!);
  }

  protected gammas(params: TransferCompound, n: number): number[] {
    return transferGammas(params, n);
  }

  granularity(params: TransferCompound): number {
    const fast = this.subDevices(params)[0]!.bound;
    return fast.model.granularity(fast.params);
  }

  pulseCountLearningRate(params: TransferCompound, lr: number): number {
    if (!(params.fast_lr > 0)) return lr;
    return params.scale_fast_lr ? params.fast_lr * lr : params.fast_lr;
  }

  protected distributeWeights(params: TransferCompound, state: TileState, views: readonly TileState[]): void {
    writeCount(state, UPDATE_COUNT, 0);
    state.aux[TRANSFER_SLICE] = new Float32Array(views.length);
    const gamma = transferGammas(params, views.length);
    const last = views.length - 1;
    views.forEach((v) => v.weights.fill(0));
    const w = state.weights;
    const target = views[last]!.weights;
    for (let i = 0; i < w.length; i++) target[i] = w[i]! / gamma[last]!;
  }

  protected override resetDevices(subs: SubDevice[]): SubDevice[] {
    return subs.slice(0, 1);
  }

  createPulser(params: TransferCompound, state: TileState, rng: RandomSource, context?: UpdateContext): Pulser {
    const subs = this.subDevices(params);
    const n = subs.length;
    const gamma = transferGammas(params, n);
    const schedule = transferSchedule(params, n, state.rows, state.cols);
    const views = subs.map((s) => subState(state, s));
    const weights = views.map((v) => v.weights);
    const fast = subs[0]!.bound.model.createPulser(subs[0]!.bound.params, views[0]!, rng, context);
    const events = new TransferEvents(params, schedule, subs, views, state, rng);
    const batch = context?.batch ?? 1;
    const sgdLr = context?.lr ?? 0;
    const periods = subs.map((_, k) => transferPeriod(params, schedule, k, batch));
    const visible = state.weights;
    let count = readCount(state, UPDATE_COUNT);

    return {
      startSample(): void {
        fast.startSample?.();
      },
      pulse(idx: number, direction: 1 | -1): void {
        fast.pulse(idx, direction);
        visible[idx] = weightedSum(weights, gamma, idx);
      },
      finishSample(): void {
        fast.finishSample?.();
        writeCount(state, UPDATE_COUNT, ++count);
        let transferred = false;
        for (let k = 0; k < n; k++) {
          const every = periods[k]!;
          if (every > 0 && count % every === 0) {
            events.transfer(Math.min(k + 1, n - 1), k, sgdLr);
            transferred = true;
          }
        }
        if (transferred) reduceToWeights(visible, weights, gamma);
      },
      finishUpdate(): void {
        fast.finishUpdate?.();
        subs.forEach((s, k) => commitSubState(state, s, views[k]!));
        events.commit();
        reduceToWeights(visible, weights, gamma);
      },
    };
  }
}
