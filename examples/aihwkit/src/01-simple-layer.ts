/*
 * aihwkit example 01: one analog layer (4 -> 2, ConstantStep devices) learns a small linear map
 * with pulsed SGD. Run: npx tsx --conditions=@analogkit/source examples/aihwkit/src/01-simple-layer.ts
 */
import { ConstantStepDevice, SingleRPUConfig } from '@analogkit/core';
import { AnalogLinear } from '@analogkit/nn';
import { isMain, runAsScript, TOY_X, TOY_Y, trainOnToyData, type ExampleOptions } from './example-support.js';

export interface SimpleLayerResult {
  losses: number[];
}

export async function run(options: ExampleOptions = {}): Promise<SimpleLayerResult> {
  const { seed = 1, log = () => {} } = options;
  const rpuConfig = new SingleRPUConfig({ device: new ConstantStepDevice() });
  const model = new AnalogLinear(4, 2, { bias: true, rpuConfig, seed });
  // aihwkit: 100 epochs at lr 0.1, the loss falls from about 0.57 to about 0.014.
  const losses = await trainOnToyData(model, TOY_X, TOY_Y, 100, 0.1, log);
  return { losses };
}

if (isMain(import.meta.url)) await runAsScript(run);
