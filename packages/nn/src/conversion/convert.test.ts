import { FloatingPointRPUConfig, InferenceRPUConfig, InferenceTile, Tensor } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { AnalogConv2d } from '../analog/analog-conv.js';
import { AnalogLinear } from '../analog/analog-linear.js';
import { ReLU } from '../layers/activations.js';
import { Conv2d } from '../layers/conv.js';
import { Flatten } from '../layers/flatten.js';
import { Linear } from '../layers/linear.js';
import { MaxPool2d } from '../layers/pooling.js';
import { Module } from '../module.js';
import { maxAbsDiff, testRuntime, uniformTensor } from '../nn-test-support.js';
import { AnalogSequential, Sequential } from '../sequential.js';
import { convertToAnalog, convertToDigital } from './convert.js';

const digitalNet = () => new Sequential(new Conv2d(1, 2, 3, { padding: 1, seed: 1 }), new ReLU(), new MaxPool2d(2), new Flatten(), new Linear(8, 3, { seed: 2 }));
const X = uniformTensor([2, 1, 4, 4], 3);

class Net extends Module {
  readonly fc = this.registerModule('fc', new Linear(4, 2, { seed: 3 }));

  forward(x: Tensor): Promise<Tensor> {
    return this.fc.forward(x);
  }

  backward(g: Tensor): Promise<Tensor> {
    return this.fc.backward(g);
  }
}

describe('convertToAnalog / convertToDigital', () => {
  it('swaps layers for analog ones with the same weights, each with its own config copy, and leaves the original alone', async () => {
    const digital = digitalNet();
    const config = new FloatingPointRPUConfig();
    const analog = (await convertToAnalog(digital, config, { runtime: testRuntime() })) as AnalogSequential;
    expect(analog).toBeInstanceOf(AnalogSequential);
    const [conv, , , , fc] = analog.layers;
    expect(conv).toBeInstanceOf(AnalogConv2d);
    expect(fc).toBeInstanceOf(AnalogLinear);
    expect((conv as AnalogConv2d).spec.padding).toEqual([1, 1]);
    expect((conv as AnalogConv2d).rpuConfig).not.toBe((fc as AnalogLinear).rpuConfig);
    expect((fc as AnalogLinear).rpuConfig).not.toBe(config);
    expect(digital.layers[0]).toBeInstanceOf(Conv2d);
    expect(maxAbsDiff(await analog.forward(X), await digital.forward(X))).toBeLessThan(1e-6);

    const back = (await convertToDigital(analog)) as Sequential;
    expect(back).not.toBeInstanceOf(AnalogSequential);
    expect(back.layers[0]).toBeInstanceOf(Conv2d);
    expect(maxAbsDiff((back.layers[0] as Conv2d).weight.data, (digital.layers[0] as Conv2d).weight.data)).toBe(0);
    expect(maxAbsDiff((back.layers[4] as Linear).bias!.data, (digital.layers[4] as Linear).bias!.data)).toBe(0);
    expect(maxAbsDiff(await back.forward(X), await digital.forward(X))).toBe(0);
    expect(analog.layers[4]).toBe(fc);
  });

  it('honours exclude and specificRpuConfig', async () => {
    const analog = (await convertToAnalog(digitalNet(), new FloatingPointRPUConfig(), {
      runtime: testRuntime(),
      exclude: ['0'],
      specificRpuConfig: (name, _m, config) => (name === '4' ? new InferenceRPUConfig() : config),
    })) as AnalogSequential;
    expect(analog.layers[0]).toBeInstanceOf(Conv2d);
    await analog.ready();
    expect(analog.analogTiles()).toHaveLength(1);
    expect(analog.analogTiles()[0]).toBeInstanceOf(InferenceTile);
  });

  it('converts layers held in fields of custom modules, keeping the fields in step', async () => {
    const net = new Net();
    const analog = (await convertToAnalog(net, new FloatingPointRPUConfig(), { runtime: testRuntime() })) as Net;
    expect(analog.fc).toBeInstanceOf(AnalogLinear);
    expect(net.fc).toBeInstanceOf(Linear);
    const x = uniformTensor([3, 4], 4);
    expect(maxAbsDiff(await analog.forward(x), await net.forward(x))).toBeLessThan(1e-6);
    const copy = await net.copy();
    copy.fc.weight.data.data[0] = 5;
    expect(net.fc.weight.data.data[0]).not.toBe(5);
  });
});
