/*
 * aihwkit example 12: one layer trained with mixed precision (Nandakumar et al. 2020): the
 * gradient is accumulated digitally and transferred to the SoftBounds devices in whole pulses
 * once it exceeds their step. Run: npx tsx --conditions=@analogkit/source examples/aihwkit/src/12-mixed-precision.ts
 */
import { UnitCellRPUConfig } from '@analogkit/core';
import { MixedPrecisionCompound, SoftBoundsDevice } from '@analogkit/devices';
import { AnalogLinear } from '@analogkit/nn';
import { isMain, runAsScript, TOY_X, TOY_Y, trainOnToyData, type ExampleOptions } from './example-support.js';

export interface MixedPrecisionResult {
  losses: number[];
}

export async function run(options: ExampleOptions = {}): Promise<MixedPrecisionResult> {
  const { quick = false, seed = 1, log = () => {} } = options;
  // aihwkit puts the compound in a DigitalRankUpdateRPUConfig; here UnitCellRPUConfig takes any compound.
  const rpuConfig = new UnitCellRPUConfig({ device: new MixedPrecisionCompound({ device: new SoftBoundsDevice() }) });
  const model = new AnalogLinear(4, 2, { bias: true, rpuConfig, seed });
  const losses = await trainOnToyData(model, TOY_X, TOY_Y, quick ? 200 : 500, 0.1, log, 50);
  return { losses };
}

if (isMain(import.meta.url)) await runAsScript(run);
