/*
 * aihwkit example 02: a network of three analog layers (4 -> 2 -> 2 -> 1, ConstantStep devices,
 * no bias) learns to sum the inputs with pulsed SGD (lr 0.05, 200 epochs). Run: npx tsx --conditions=@analogkit/source examples/aihwkit/src/02-multiple-layers.ts
 */
import { ConstantStepDevice, SingleRPUConfig, Tensor } from '@analogkit/core';
import { AnalogLinear, AnalogSequential } from '@analogkit/nn';
import { isMain, runAsScript, trainOnToyData, type ExampleOptions } from './example-support.js';

const X = Tensor.from([
  [0.1, 0.2, 0.0, 0.0],
  [0.2, 0.4, 0.0, 0.0],
]);
const Y = Tensor.from([[0.3], [0.6]]);

export interface MultipleLayersResult {
  losses: number[];
}

export async function run(options: ExampleOptions = {}): Promise<MultipleLayersResult> {
  const { seed = 1, log = () => {} } = options;
  const rpuConfig = new SingleRPUConfig({ device: new ConstantStepDevice() });
  const model = new AnalogSequential(
    new AnalogLinear(4, 2, { bias: false, rpuConfig, seed }),
    new AnalogLinear(2, 2, { bias: false, rpuConfig, seed: seed + 1 }),
    new AnalogLinear(2, 1, { bias: false, rpuConfig, seed: seed + 2 }),
  );
  const losses = await trainOnToyData(model, X, Y, 200, 0.05, log, 20);
  return { losses };
}

if (isMain(import.meta.url)) await runAsScript(run);
