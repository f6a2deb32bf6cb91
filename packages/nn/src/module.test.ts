import { BackendRegistry, BackendUnavailableError, ConfigError, createRuntime, registerCore, Tensor } from '@analogkit/core';
import { InMemoryBackend } from '@analogkit/core/testing';
import { describe, expect, it } from 'vitest';
import { AnalogLinear } from './analog/analog-linear.js';
import { ReLU } from './layers/activations.js';
import { Linear } from './layers/linear.js';
import { Module } from './module.js';
import { maxAbsDiff, testRuntime, uniformTensor } from './nn-test-support.js';
import { AnalogSequential, Sequential } from './sequential.js';

describe('Module', () => {
  it('names modules and parameters with dotted paths and lists each parameter once', () => {
    const shared = new Linear(2, 2, { seed: 1 });
    const model = new Sequential(new Sequential(shared, new ReLU()), shared);
    expect(model.namedModules().map(([n]) => n)).toEqual(['', '0', '0.0', '0.1', '1']);
    expect(model.namedParameters().map(([n]) => n)).toEqual(['0.0.weight', '0.0.bias', '1.weight', '1.bias']);
    expect(model.parameters()).toEqual([shared.weight, shared.bias]);
  });

  it('propagates train/eval to every descendant', () => {
    const model = new Sequential(new Sequential(new ReLU()), new Linear(2, 2, { seed: 1 }));
    model.eval();
    expect(model.namedModules().every(([, m]) => !m.training)).toBe(true);
    model.train();
    expect(model.namedModules().every(([, m]) => m.training)).toBe(true);
  });

  it('runs Sequential forward in order and backward in reverse', async () => {
    const a = new Linear(3, 4, { seed: 1 });
    const b = new Linear(4, 2, { seed: 2 });
    const model = new Sequential(a, new ReLU(), b);
    const x = uniformTensor([2, 3], 1);
    const y = await model.forward(x);
    const manual = await b.forward(await new ReLU().forward(await a.forward(x)));
    expect(maxAbsDiff(y, manual)).toBe(0);
    await model.forward(x);
    const dx = await model.backward(Tensor.fill([2, 2], 1));
    expect(dx.shape).toEqual([2, 3]);
    expect(a.weight.grad).not.toBeNull();
  });

  it('rejects duplicate or malformed names and unknown children', () => {
    class Bad extends Module {
      constructor(name: string) {
        super();
        this.registerModule('x', new ReLU());
        this.registerModule(name, new ReLU());
      }
      forward(x: Tensor) {
        return Promise.resolve(x);
      }
      backward(g: Tensor) {
        return Promise.resolve(g);
      }
    }
    expect(() => new Bad('x')).toThrow(ConfigError);
    expect(() => new Bad('')).toThrow(ConfigError);
    expect(() => new Sequential().replaceModule('0', new ReLU())).toThrow(ConfigError);
  });

  it('moves all tiles with to(device); cuda() says why it cannot when there is no GPU', async () => {
    const runtime = createRuntime({
      seed: 2,
      register: [registerCore, (c) => c.resolve(BackendRegistry).register('memory', (t) => new InMemoryBackend('memory', t ?? 'cpu'), -1, { gpuTargets: [] })],
    });
    const model = new AnalogSequential(new AnalogLinear(3, 2, { runtime }), new AnalogLinear(2, 2, { runtime }));
    const x = uniformTensor([1, 3], 2);
    model.eval();
    const [w] = await (model.layers[0] as AnalogLinear).getWeights();
    await model.to('memory');
    expect(model.analogTiles().map((t) => t.device)).toEqual(['memory:cpu', 'memory:cpu']);
    expect(maxAbsDiff((await (model.layers[0] as AnalogLinear).getWeights())[0], w)).toBe(0);
    expect((await model.forward(x)).shape).toEqual([1, 2]);
    await expect(model.cuda()).rejects.toBeInstanceOf(BackendUnavailableError);
    const restored = new AnalogSequential(new AnalogLinear(3, 2, { runtime }), new AnalogLinear(2, 2, { runtime }));
    await restored.to('memory');
    await restored.loadStateDict(await model.stateDict());
    expect(restored.analogTiles().map((t) => t.device)).toEqual(['memory:cpu', 'memory:cpu']);
  });

  it('copy() gives independent analog layers with equal state', async () => {
    const layer = new AnalogLinear(3, 2, { runtime: testRuntime() });
    const copy = await layer.copy();
    expect(copy.analogTiles()[0]).not.toBe(layer.analogTiles()[0]);
    expect(maxAbsDiff((await copy.getWeights())[0], (await layer.getWeights())[0])).toBe(0);
    await copy.setWeights(Tensor.zeros([2, 3]));
    expect((await layer.getWeights())[0].absMax()).toBeGreaterThan(0);
    expect(copy.bias).not.toBe(layer.bias);
  });
});
