/*
 * aihwkit example 06: hardware-aware training of a LeNet5-like analog CNN on MNIST
 * (InferenceRPUConfig with additive weight noise 0.02, no output quantisation, the PCM-like noise
 * model at g_max 25 uS), then the test accuracy after programming to PCM at growing times. The
 * full run is aihwkit's (30 epochs, batch 8, lr 0.01); --quick trains on a small subset. Run:
 * npx tsx --conditions=@analogkit/source examples/aihwkit/src/06-lenet5-hardware-aware.ts [--quick]
 */
import { BoundManagementType, InferenceRPUConfig, PCMLikeNoiseModel, WeightNoiseType } from '@analogkit/core';
import { evaluateAccuracy } from '@analogkit/cli';
import {
  AnalogConv2d,
  AnalogLinear,
  AnalogSequential,
  AnalogSGD,
  CrossEntropyLoss,
  driftAnalogWeights,
  Flatten,
  LogSoftmax,
  MaxPool2d,
  Tanh,
} from '@analogkit/nn';
import { isMain, runAsScript, type ExampleOptions } from './example-support.js';
import { batches, loadMnistSubsets, trainEpoch } from './mnist-support.js';

/** The config of aihwkit's example 06. */
export function lenet5Config(): InferenceRPUConfig {
  const rpuConfig = new InferenceRPUConfig();
  rpuConfig.backward.bound_management = BoundManagementType.NONE;
  rpuConfig.forward.out_res = -1;
  rpuConfig.forward.w_noise_type = WeightNoiseType.ADDITIVE_CONSTANT;
  rpuConfig.forward.w_noise = 0.02;
  rpuConfig.noise_model = new PCMLikeNoiseModel({ g_max: 25.0 });
  return rpuConfig;
}

/** Two analog convolutions with tanh and max-pooling, then two analog linear layers (16, 32, 512, 128 channels as in aihwkit). */
export function lenet5(rpuConfig: InferenceRPUConfig, seed: number): AnalogSequential {
  return new AnalogSequential(
    new AnalogConv2d(1, 16, 5, { stride: 1, rpuConfig, seed }),
    new Tanh(),
    new MaxPool2d(2),
    new AnalogConv2d(16, 32, 5, { stride: 1, rpuConfig, seed: seed + 1 }),
    new Tanh(),
    new MaxPool2d(2),
    new Tanh(),
    new Flatten(),
    new AnalogLinear(512, 128, { rpuConfig, seed: seed + 2 }),
    new Tanh(),
    new AnalogLinear(128, 10, { rpuConfig, seed: seed + 3 }),
    new LogSoftmax(),
  );
}

export interface Lenet5Result {
  losses: number[];
  accuracyAfterTraining: number;
  drift: Array<{ t: number; accuracy: number }>;
}

export async function run(options: ExampleOptions = {}): Promise<Lenet5Result> {
  const { quick = false, seed = 1, log = () => {} } = options;
  const { train, test } = await loadMnistSubsets(quick ? 1200 : 60000, quick ? 200 : 10000, false);
  const model = lenet5(lenet5Config(), seed);
  const optimizer = new AnalogSGD(model, { lr: quick ? 0.05 : 0.01 });
  const criterion = new CrossEntropyLoss();
  const loader = batches(train, quick ? 16 : 8, seed);
  const losses: number[] = [];
  for (let epoch = 0; epoch < (quick ? 1 : 30); epoch++) {
    losses.push(await trainEpoch(model, loader, optimizer, criterion));
    log(`epoch ${epoch}: training loss ${losses[epoch]!.toFixed(4)}`);
  }
  const accuracyAfterTraining = await evaluateAccuracy(model, test);
  log(`accuracy after training: ${(100 * accuracyAfterTraining).toFixed(2)}%`);
  model.eval();
  const drift: Array<{ t: number; accuracy: number }> = [];
  for (const t of [0, 1, 20, 1000, 1e5]) {
    await driftAnalogWeights(model, t);
    const accuracy = await evaluateAccuracy(model, test);
    log(`accuracy after drift t=${t.toExponential(2)} s: ${(100 * accuracy).toFixed(2)}%`);
    drift.push({ t, accuracy });
  }
  return { losses, accuracyAfterTraining, drift };
}

if (isMain(import.meta.url)) await runAsScript(run);
