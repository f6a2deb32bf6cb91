import {
  FloatingPointDevice,
  FloatingPointRPUConfig,
  InferenceRPUConfig,
  IOParameters,
  Tensor,
  WeightModifierParameter,
  WeightModifierType,
} from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { AnalogLinear } from '../analog/analog-linear.js';
import { Linear } from '../layers/linear.js';
import { MSELoss } from '../losses/mse-loss.js';
import { EXAMPLE_X, EXAMPLE_Y, maxAbsDiff, testRuntime } from '../nn-test-support.js';
import { AnalogSGD } from './analog-optimizer.js';
import { SGD } from './sgd.js';

async function backwardOnce(model: AnalogLinear | Linear): Promise<void> {
  const loss = new MSELoss();
  loss.forward(await model.forward(EXAMPLE_X), EXAMPLE_Y);
  await model.backward(loss.backward());
}

describe('AnalogSGD', () => {
  it('runs postUpdateStep on every tile at every step, also without stored traces', async () => {
    const rpuConfig = new FloatingPointRPUConfig({ device: new FloatingPointDevice({ lifetime: 10 }) });
    const layer = new AnalogLinear(4, 2, { rpuConfig, runtime: testRuntime() });
    await layer.ready();
    const [w] = await layer.getWeights();
    const opt = new AnalogSGD(layer, { lr: 0.1 });
    await opt.step();
    await opt.step();
    expect(maxAbsDiff((await layer.getWeights())[0], w.mul(0.81))).toBeLessThan(1e-6);
  });

  it('with lr 0 drops the traces and leaves the weights', async () => {
    const layer = new AnalogLinear(4, 2, { rpuConfig: new FloatingPointRPUConfig(), runtime: testRuntime() });
    await backwardOnce(layer);
    const [w] = await layer.getWeights();
    const opt = new AnalogSGD(layer, { lr: 0 });
    await opt.step();
    expect(layer.analogTiles()[0]!.analogCtx.hasGradient()).toBe(false);
    expect(maxAbsDiff((await layer.getWeights())[0], w)).toBe(0);
  });

  it('takes parameters and analog contexts as well as a module', async () => {
    const runtime = testRuntime();
    const a = new AnalogLinear(4, 2, { rpuConfig: new FloatingPointRPUConfig(), runtime, seed: 1 });
    const b = new AnalogLinear(4, 2, { rpuConfig: new FloatingPointRPUConfig(), runtime, seed: 1 });
    await b.ready();
    const optA = new AnalogSGD(a, { lr: 0.1 });
    const optB = new AnalogSGD([...b.parameters(), ...b.analogTiles().map((t) => t.analogCtx)], { lr: 0.1 });
    for (const [m, opt] of [[a, optA], [b, optB]] as const) {
      await backwardOnce(m);
      await opt.step();
    }
    expect(maxAbsDiff((await b.getWeights())[0], (await a.getWeights())[0])).toBe(0);
    expect(maxAbsDiff((await b.getWeights())[1]!, (await a.getWeights())[1]!)).toBe(0);
    expect(() => new AnalogSGD([Tensor.zeros([1]) as never], { lr: 0.1 })).toThrow(/Module, or Parameters/);
  });

  it('hardware-aware training: SGD reaches the clean weights, the weight modifier only the training forward', async () => {
    const rpuConfig = new InferenceRPUConfig({
      forward: new IOParameters({ is_perfect: true }),
      modifier: new WeightModifierParameter({ type: WeightModifierType.ADD_NORMAL, std_dev: 0.1 }),
    });
    const analog = new AnalogLinear(4, 2, { rpuConfig, runtime: testRuntime(3) });
    const digital = new Linear(4, 2, { seed: 4 });
    await analog.setWeights(digital.weight.data, digital.bias!.data);
    const opt = new AnalogSGD(analog, { lr: 0.1 });
    await backwardOnce(analog);
    await opt.step();
    await backwardOnce(digital);
    new SGD(digital.parameters(), { lr: 0.1 }).step();
    // The first forward ran before any modified copy existed, so the clean weights follow plain SGD.
    expect(maxAbsDiff((await analog.getWeights())[0], digital.weight.data)).toBeLessThan(1e-6);
    const clean = await digital.forward(EXAMPLE_X);
    expect(maxAbsDiff(await analog.forward(EXAMPLE_X), clean)).toBeGreaterThan(1e-3);
    analog.eval();
    expect(maxAbsDiff(await analog.forward(EXAMPLE_X), clean)).toBeLessThan(1e-6);
  });
});
