import { FloatingPointRPUConfig, MappingParameter, SingleRPUConfig, Tensor } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { MSELoss } from '../losses/mse-loss.js';
import { maxAbsDiff, testRuntime, uniformTensor } from '../nn-test-support.js';
import { AnalogSGD } from '../optim/analog-optimizer.js';
import { AnalogLinear } from './analog-linear.js';
import { splitSizes, usesTileArray } from './split-sizes.js';
import { TileModuleArray } from './tile-module-array.js';

describe('splitting a layer over tiles', () => {
  it('balances the parts, the first size mod n one larger; 0 never splits', () => {
    expect(splitSizes(14, 10)).toEqual([7, 7]);
    expect(splitSizes(5, 4)).toEqual([3, 2]);
    expect(splitSizes(11, 4)).toEqual([4, 4, 3]);
    expect(splitSizes(1025, 512)).toEqual([342, 342, 341]);
    expect(splitSizes(512, 512)).toEqual([512]);
    expect(splitSizes(3000, 0)).toEqual([3000]);
    expect(usesTileArray(600, 10, new MappingParameter())).toBe(true);
    expect(usesTileArray(512, 512, new MappingParameter())).toBe(false);
    expect(usesTileArray(5000, 5000, new MappingParameter({ max_input_size: 0, max_output_size: 0 }))).toBe(false);
  });

  it('a mapped 14x5 layer (max 10 inputs, 4 outputs per tile) equals the unmapped one in weights, outputs and training', async () => {
    const mapped = new FloatingPointRPUConfig({ mapping: new MappingParameter({ max_input_size: 10, max_output_size: 4 }) });
    const runtime = testRuntime(3);
    const big = new AnalogLinear(14, 5, { rpuConfig: new FloatingPointRPUConfig(), runtime, seed: 1 });
    const split = new AnalogLinear(14, 5, { rpuConfig: mapped, runtime, seed: 2 });
    const [w, b] = await big.getWeights();
    await split.setWeights(w, b);
    expect(split.analogTiles()).toHaveLength(4);
    const array = split.tileModules();
    expect(array.map((t) => [t.outSize, t.inSize])).toEqual([[3, 7], [2, 7], [3, 7], [2, 7]]);
    const [ws, bs] = await split.getWeights();
    expect(maxAbsDiff(ws, w)).toBe(0);
    expect(maxAbsDiff(bs!, b!)).toBe(0);

    const x = uniformTensor([6, 14], 7);
    const target = uniformTensor([6, 5], 8);
    expect(maxAbsDiff(await split.forward(x), await big.forward(x))).toBeLessThan(1e-6);

    const loss = new MSELoss();
    const opts = [new AnalogSGD(big, { lr: 0.1 }), new AnalogSGD(split, { lr: 0.1 })];
    for (let step = 0; step < 10; step++) {
      for (const [k, model] of [big, split].entries()) {
        opts[k]!.zeroGrad();
        loss.forward(await model.forward(x), target);
        await model.backward(loss.backward());
        await opts[k]!.step();
      }
    }
    const [w1, b1] = await big.getWeights();
    const [w2, b2] = await split.getWeights();
    expect(maxAbsDiff(w1, w)).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(w2, w1)).toBeLessThan(1e-6);
    expect(maxAbsDiff(b2!, b1!)).toBeLessThan(1e-6);
  });

  it('a split layer keeps its bias digital even when the config asks for an analog one', async () => {
    const rpuConfig = new SingleRPUConfig({ mapping: new MappingParameter({ digital_bias: false, max_input_size: 3, max_output_size: 0 }) });
    const layer = new AnalogLinear(5, 2, { rpuConfig, runtime: testRuntime() });
    await layer.ready();
    expect(layer.bias).not.toBeNull();
    expect(layer.analogTiles().every((t) => !t.analogBias)).toBe(true);
    // With one limit 0 and the other exceeded, aihwkit still uses the array class (the 0 side is not split).
    expect(usesTileArray(2, 2, rpuConfig.mapping)).toBe(true);
    const analogBias = new SingleRPUConfig({ mapping: new MappingParameter({ digital_bias: false }) });
    const unsplit = new AnalogLinear(2, 2, { rpuConfig: analogBias, runtime: testRuntime() });
    await unsplit.ready();
    expect(unsplit.bias).toBeNull();
    expect(unsplit.analogTiles()[0]!.analogBias).toBe(true);
  });

  it('rejects inputs of the wrong width', async () => {
    const array = new TileModuleArray({ runtime: testRuntime(), rpuConfig: new FloatingPointRPUConfig({ mapping: new MappingParameter({ max_input_size: 2 }) }), outSize: 2, inSize: 4, rng: testRuntime().rng });
    await array.ready();
    await expect(array.forward(Tensor.zeros([1, 3]))).rejects.toThrow(/\[M, 4\]/);
  });
});
