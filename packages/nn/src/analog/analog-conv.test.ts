import { FloatingPointRPUConfig, ShapeError } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { Conv1d, Conv2d } from '../layers/conv.js';
import { maxAbsDiff, testRuntime, uniformTensor } from '../nn-test-support.js';
import { AnalogSGD } from '../optim/analog-optimizer.js';
import { SGD } from '../optim/sgd.js';
import { AnalogConv1d, AnalogConv2d } from './analog-conv.js';

describe('analog convolutions equal digital ones on a floating-point tile', () => {
  const cases = [
    { name: '2-d, 3x3, stride 1, padding 1', options: { padding: 1 } },
    { name: '2-d, 2x3, stride 2, dilation 2, padding [1, 2]', options: { stride: 2, dilation: 2, padding: [1, 2] } },
  ] as const;
  for (const { name, options } of cases) {
    it(`${name}: outputs, input gradients and one SGD step`, async () => {
      const kernel = name.includes('2x3') ? [2, 3] : 3;
      const digital = new Conv2d(2, 3, kernel, { ...options, seed: 5 });
      const analog = new AnalogConv2d(2, 3, kernel, { ...options, rpuConfig: new FloatingPointRPUConfig(), runtime: testRuntime() });
      await analog.setWeights(digital.weight.data, digital.bias!.data);
      const x = uniformTensor([2, 2, 7, 6], 3);
      const yd = await digital.forward(x);
      const ya = await analog.forward(x);
      expect(ya.shape).toEqual(yd.shape);
      expect(maxAbsDiff(ya, yd)).toBeLessThan(1e-6);
      const g = uniformTensor([...yd.shape], 4);
      expect(maxAbsDiff(await analog.backward(g), await digital.backward(g))).toBeLessThan(1e-6);
      new SGD(digital.parameters(), { lr: 0.1 }).step();
      await new AnalogSGD(analog, { lr: 0.1 }).step();
      const [w, b] = await analog.getWeights();
      expect(w.shape).toEqual([3, 2, ...(Array.isArray(kernel) ? kernel : [3, 3])]);
      expect(maxAbsDiff(w, digital.weight.data)).toBeLessThan(1e-6);
      expect(maxAbsDiff(b!, digital.bias!.data)).toBeLessThan(1e-6);
    });
  }

  it('1-d: outputs and input gradients', async () => {
    const digital = new Conv1d(3, 2, 3, { stride: 2, padding: 1, seed: 6 });
    const analog = new AnalogConv1d(3, 2, 3, { stride: 2, padding: 1, rpuConfig: new FloatingPointRPUConfig(), runtime: testRuntime() });
    await analog.setWeights(digital.weight.data, digital.bias!.data);
    const x = uniformTensor([2, 3, 9], 7);
    const yd = await digital.forward(x);
    expect(yd.shape).toEqual([2, 2, 5]);
    expect(maxAbsDiff(await analog.forward(x), yd)).toBeLessThan(1e-6);
    const g = uniformTensor([2, 2, 5], 8);
    expect(maxAbsDiff(await analog.backward(g), await digital.backward(g))).toBeLessThan(1e-6);
  });

  it('rejects inputs with the wrong channel count', async () => {
    const analog = new AnalogConv2d(2, 3, 3, { runtime: testRuntime() });
    await expect(analog.forward(uniformTensor([1, 3, 5, 5], 1))).rejects.toBeInstanceOf(ShapeError);
  });
});
