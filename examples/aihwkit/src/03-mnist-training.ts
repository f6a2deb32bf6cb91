/*
 * aihwkit example 03: MNIST with a 784-256-128-10 network of analog layers (ConstantStep devices,
 * sigmoid activations, log-softmax output), trained by pulsed SGD (lr 0.05, halved every 10
 * epochs, 30 epochs, batch 64), then tested. --quick trains 2 epochs on 3000 images at lr 0.5 (the
 * sigmoid network barely moves in so few steps at 0.05). Run:
 * npx tsx --conditions=@analogkit/source examples/aihwkit/src/03-mnist-training.ts [--quick]
 */
import { ConstantStepDevice, SingleRPUConfig } from '@analogkit/core';
import { evaluateAccuracy } from '@analogkit/cli';
import { AnalogLinear, AnalogSequential, AnalogSGD, LogSoftmax, NLLLoss, Sigmoid, StepLR } from '@analogkit/nn';
import { isMain, runAsScript, type ExampleOptions } from './example-support.js';
import { batches, loadMnistSubsets, trainEpoch } from './mnist-support.js';

const FULL = { trainImages: 60000, testImages: 10000, epochs: 30, lr: 0.05 };
const QUICK = { trainImages: 3000, testImages: 500, epochs: 2, lr: 0.5 };

export interface MnistTrainingResult {
  /** Mean training loss of each epoch. */
  losses: number[];
  testAccuracy: number;
  seconds: number;
}

export async function run(options: ExampleOptions = {}): Promise<MnistTrainingResult> {
  const { quick = false, seed = 1, log = () => {} } = options;
  const setting = quick ? QUICK : FULL;
  const { train, test } = await loadMnistSubsets(setting.trainImages, setting.testImages, true);
  const rpuConfig = new SingleRPUConfig({ device: new ConstantStepDevice() });
  const model = new AnalogSequential(
    new AnalogLinear(784, 256, { rpuConfig, seed }),
    new Sigmoid(),
    new AnalogLinear(256, 128, { rpuConfig, seed: seed + 1 }),
    new Sigmoid(),
    new AnalogLinear(128, 10, { rpuConfig, seed: seed + 2 }),
    new LogSoftmax(),
  );
  const optimizer = new AnalogSGD(model, { lr: setting.lr });
  const scheduler = new StepLR(optimizer, { stepSize: 10, gamma: 0.5 });
  const criterion = new NLLLoss();
  const loader = batches(train, 64, seed);
  const start = performance.now();
  const losses: number[] = [];
  for (let epoch = 0; epoch < setting.epochs; epoch++) {
    losses.push(await trainEpoch(model, loader, optimizer, criterion));
    log(`epoch ${epoch}: training loss ${losses[epoch]!.toFixed(6)}`);
    scheduler.step();
  }
  const seconds = (performance.now() - start) / 1000;
  log(`training time: ${seconds.toFixed(1)} s`);
  const testAccuracy = await evaluateAccuracy(model, test);
  log(`${test.labels.size()} test images, accuracy ${(100 * testAccuracy).toFixed(2)}%`);
  return { losses, testAccuracy, seconds };
}

if (isMain(import.meta.url)) await runAsScript(run);
