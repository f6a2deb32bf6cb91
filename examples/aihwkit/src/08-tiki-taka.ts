/*
 * aihwkit example 08: one layer trained with Tiki-Taka, a TransferCompound of two SoftBounds
 * devices: SGD pulses the first (fast) device and every second batch one column of it is read and
 * transferred to the second, which holds the weight. Run:
 * npx tsx --conditions=@analogkit/source examples/aihwkit/src/08-tiki-taka.ts
 */
import { UnitCellRPUConfig } from '@analogkit/core';
import { SoftBoundsDevice, TransferCompound } from '@analogkit/devices';
import { AnalogLinear } from '@analogkit/nn';
import { isMain, runAsScript, TOY_X, TOY_Y, trainOnToyData, type ExampleOptions } from './example-support.js';

export interface TikiTakaResult {
  losses: number[];
}

export async function run(options: ExampleOptions = {}): Promise<TikiTakaResult> {
  const { quick = false, seed = 1, log = () => {} } = options;
  const compound = new TransferCompound({
    unit_cell_devices: [new SoftBoundsDevice({ w_min: -0.3, w_max: 0.3 }), new SoftBoundsDevice({ w_min: -0.6, w_max: 0.6 })],
    units_in_mbatch: true,
    transfer_every: 2,
    n_reads_per_transfer: 1,
    gamma: 0.0,
    scale_transfer_lr: true,
    transfer_lr: 1.0,
  });
  const rpuConfig = new UnitCellRPUConfig({ device: compound });
  rpuConfig.forward.inp_res = 1 / 64; // a 6-bit DAC
  rpuConfig.backward = rpuConfig.forward.copy();
  compound.transfer_forward = rpuConfig.forward.copy();
  compound.transfer_update = rpuConfig.update.copy();
  const model = new AnalogLinear(4, 2, { bias: true, rpuConfig, seed });
  const losses = await trainOnToyData(model, TOY_X, TOY_Y, quick ? 200 : 500, 0.1, log, 50);
  return { losses };
}

if (isMain(import.meta.url)) await runAsScript(run);
