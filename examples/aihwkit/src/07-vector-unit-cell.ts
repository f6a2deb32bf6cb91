/*
 * aihwkit example 07: one layer whose cross-points each hold three ConstantStep devices of
 * different ranges (a VectorUnitCell); each update pulses one of them at random and the weight is
 * their sum. Run: npx tsx --conditions=@analogkit/source examples/aihwkit/src/07-vector-unit-cell.ts
 */
import { ConstantStepDevice, UnitCellRPUConfig, VectorUnitCell, VectorUnitCellUpdatePolicy } from '@analogkit/core';
import { AnalogLinear } from '@analogkit/nn';
import { isMain, runAsScript, TOY_X, TOY_Y, trainOnToyData, type ExampleOptions } from './example-support.js';

export interface VectorUnitCellResult {
  losses: number[];
}

export async function run(options: ExampleOptions = {}): Promise<VectorUnitCellResult> {
  const { seed = 1, log = () => {} } = options;
  const rpuConfig = new UnitCellRPUConfig({
    device: new VectorUnitCell({
      unit_cell_devices: [new ConstantStepDevice({ w_max: 0.3 }), new ConstantStepDevice({ w_max_dtod: 0.4 }), new ConstantStepDevice({ up_down_dtod: 0.1 })],
      update_policy: VectorUnitCellUpdatePolicy.SINGLE_RANDOM,
    }),
  });
  const model = new AnalogLinear(4, 2, { bias: true, rpuConfig, seed });
  const losses = await trainOnToyData(model, TOY_X, TOY_Y, 100, 0.1, log);
  return { losses };
}

if (isMain(import.meta.url)) await runAsScript(run);
