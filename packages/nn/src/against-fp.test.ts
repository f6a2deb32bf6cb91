import { FloatingPointRPUConfig, InferenceRPUConfig, IOParameters, Tensor } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { AnalogLinear } from './analog/analog-linear.js';
import { Linear } from './layers/linear.js';
import { MSELoss } from './losses/mse-loss.js';
import type { Module } from './module.js';
import { EXAMPLE_X, EXAMPLE_Y, maxAbsDiff, testRuntime } from './nn-test-support.js';
import { AnalogAdam, AnalogSGD, type AnalogOptimizer } from './optim/analog-optimizer.js';

function perfectInferenceConfig(): InferenceRPUConfig {
  return new InferenceRPUConfig({ forward: new IOParameters({ is_perfect: true }), backward: new IOParameters({ is_perfect: true }) });
}

async function weightsOf(model: Module): Promise<[Tensor, Tensor | null]> {
  if (model instanceof Linear) return [model.weight.data.clone(), model.bias!.data.clone()];
  return (model as AnalogLinear).getWeights();
}

/** Trains three models with the same init side by side and returns, per step, predictions, losses and weights. */
async function trainSideBySide(models: Module[], makeOptimizer: (m: Module) => AnalogOptimizer, steps: number) {
  const reference = models[0] as Linear;
  for (const m of models.slice(1)) await (m as AnalogLinear).setWeights(reference.weight.data, reference.bias!.data);
  const optimizers = models.map(makeOptimizer);
  const loss = new MSELoss();
  const worst = { prediction: 0, loss: 0, weight: 0, firstLoss: 0, lastLoss: 0 };
  for (let step = 0; step < steps; step++) {
    const outputs: Array<{ prediction: Tensor; loss: number; weights: [Tensor, Tensor | null] }> = [];
    for (let k = 0; k < models.length; k++) {
      optimizers[k]!.zeroGrad();
      const prediction = await models[k]!.forward(EXAMPLE_X);
      const value = loss.forward(prediction, EXAMPLE_Y);
      await models[k]!.backward(loss.backward());
      await optimizers[k]!.step();
      outputs.push({ prediction, loss: value, weights: await weightsOf(models[k]!) });
    }
    if (step === 0) worst.firstLoss = outputs[0]!.loss;
    worst.lastLoss = outputs[0]!.loss;
    for (const o of outputs.slice(1)) {
      worst.prediction = Math.max(worst.prediction, maxAbsDiff(o.prediction, outputs[0]!.prediction));
      worst.loss = Math.max(worst.loss, Math.abs(o.loss - outputs[0]!.loss));
      worst.weight = Math.max(worst.weight, maxAbsDiff(o.weights[0], outputs[0]!.weights[0]), maxAbsDiff(o.weights[1]!, outputs[0]!.weights[1]!));
    }
  }
  return worst;
}

describe("aihwkit's test_against_fp", () => {
  it('a perfect InferenceRPUConfig, FloatingPointRPUConfig and the digital Linear agree over 100 SGD steps (lr 0.1)', async () => {
    const runtime = testRuntime(5);
    const models = [
      new Linear(4, 2, { seed: 11 }),
      new AnalogLinear(4, 2, { rpuConfig: perfectInferenceConfig(), runtime }),
      new AnalogLinear(4, 2, { rpuConfig: new FloatingPointRPUConfig(), runtime }),
    ];
    const worst = await trainSideBySide(models, (m) => new AnalogSGD(m, { lr: 0.1 }), 100);
    // Float32 rounding only: the FP tile applies the batch sample by sample.
    expect(worst.prediction).toBeLessThan(1e-5);
    expect(worst.loss).toBeLessThan(1e-5);
    expect(worst.weight).toBeLessThan(1e-5);
    expect(worst.lastLoss).toBeLessThan(worst.firstLoss / 10);
  });

  it('AnalogAdam drives the clean weights of an inference tile exactly like Adam drives a digital Linear', async () => {
    const models = [new Linear(4, 2, { seed: 12 }), new AnalogLinear(4, 2, { rpuConfig: perfectInferenceConfig(), runtime: testRuntime(6) })];
    const worst = await trainSideBySide(models, (m) => new AnalogAdam(m, { lr: 0.01, weightDecay: 0.01 }), 50);
    expect(worst.prediction).toBeLessThan(1e-5);
    expect(worst.weight).toBeLessThan(1e-5);
  });

  it('momentum and weight decay of AnalogSGD reach the weights of an inference tile as of a digital layer', async () => {
    const models = [new Linear(4, 2, { seed: 13 }), new AnalogLinear(4, 2, { rpuConfig: perfectInferenceConfig(), runtime: testRuntime(7) })];
    const worst = await trainSideBySide(models, (m) => new AnalogSGD(m, { lr: 0.05, momentum: 0.9, weightDecay: 0.01 }), 50);
    expect(worst.weight).toBeLessThan(1e-5);
  });
});
