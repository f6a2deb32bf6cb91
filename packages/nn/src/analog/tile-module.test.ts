import { ConfigError, FloatingPointRPUConfig, InputRangeParameter, MappingParameter, PrePostProcessingParameter, Tensor } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { maxAbsDiff, testRuntime, uniformTensor } from '../nn-test-support.js';
import { AnalogLinear } from './analog-linear.js';
import { TileModule } from './tile-module.js';

const W = Tensor.from([
  [0.1, 0.2, 0.3],
  [0.4, -0.5, -0.6],
]);

function inputRangeConfig(init: Partial<InputRangeParameter>): FloatingPointRPUConfig {
  return new FloatingPointRPUConfig({ pre_post: new PrePostProcessingParameter({ input_range: new InputRangeParameter({ enable: true, ...init }) }) });
}

async function layerWith(rpuConfig: FloatingPointRPUConfig): Promise<[AnalogLinear, TileModule]> {
  const layer = new AnalogLinear(3, 2, { bias: false, rpuConfig, runtime: testRuntime() });
  await layer.setWeights(W);
  return [layer, layer.tileModules()[0]!];
}

/** W x for rows x (float64). */
function matvec(x: number[]): number[] {
  return [0, 1].map((i) => x.reduce((s, v, j) => s + W.get(i, j) * v, 0));
}

describe('TileModule periphery', () => {
  it('clips inputs to the input range and passes the gradient straight through', async () => {
    const [layer, tm] = await layerWith(inputRangeConfig({ init_value: 0.5, init_from_data: 0, decay: 0 }));
    const x = Tensor.from([[0.9, -0.2, -0.7]]);
    const y = await layer.forward(x);
    expect(maxAbsDiff(y, new Tensor(matvec([0.5, -0.2, -0.5]), [1, 2]))).toBeLessThan(1e-6);
    const d = Tensor.from([[1, -2]]);
    const dx = await layer.backward(d);
    const wtd = [0, 1, 2].map((j) => W.get(0, j) * 1 + W.get(1, j) * -2);
    expect(maxAbsDiff(dx, new Tensor(wtd, [1, 3]))).toBeLessThan(1e-6);
    // Gradient of r: min(dx, 0) where x >= r, minus max(dx, 0) where x <= -r, times r (gradient_relative).
    const expected = (Math.min(wtd[0]!, 0) - Math.max(wtd[2]!, 0)) * 0.5;
    expect(tm.inputRange!.parameter.grad!.data[0]).toBeCloseTo(expected, 6);
    // The tile is trained on the clipped, normalised input.
    expect(Array.from(tm.tile.analogCtx.analogInput[0]!.data)).toEqual([1, Math.fround(-0.2) / 0.5, -1].map(Math.fround));
  });

  it('adds decay * r to the range gradient when almost all inputs are inside it', async () => {
    const [layer, tm] = await layerWith(inputRangeConfig({ init_value: 2, init_from_data: 0, decay: 0.01 }));
    await layer.forward(Tensor.from([[0.1, 0.2, -0.3]]));
    await layer.backward(Tensor.from([[1, 1]]));
    expect(tm.inputRange!.parameter.grad!.data[0]).toBeCloseTo(0.02, 7);
  });

  it('calibrates the input range from the first init_from_data training batches (running mean of 3 std)', async () => {
    const [layer, tm] = await layerWith(inputRangeConfig({ init_value: 3, init_from_data: 2 }));
    const batches = [uniformTensor([4, 3], 5), uniformTensor([4, 3], 6), uniformTensor([4, 3], 7)];
    const std = (t: Tensor) => {
      const mean = t.sum() / t.size();
      return Math.sqrt(t.data.reduce((s, v) => s + (v - mean) ** 2, 0) / (t.size() - 1));
    };
    await layer.forward(batches[0]!);
    expect(tm.inputRange!.value).toBeCloseTo(3 * std(batches[0]!), 5);
    await layer.forward(batches[1]!);
    const expected = (3 * std(batches[0]!) + 3 * std(batches[1]!)) / 2;
    expect(tm.inputRange!.value).toBeCloseTo(expected, 5);
    await layer.forward(batches[2]!);
    layer.eval();
    await layer.forward(uniformTensor([4, 3], 8, -10, 10));
    expect(tm.inputRange!.value).toBeCloseTo(expected, 5);
    expect(tm.inputRange!.updateIndex).toBe(2);
  });

  it('learns out-scales: y = s * (W x), the gradient of s matches finite differences, getWeights includes s', async () => {
    const mapping = new MappingParameter({ learn_out_scaling: true, out_scaling_columnwise: true });
    const [layer, tm] = await layerWith(new FloatingPointRPUConfig({ mapping }));
    const s = tm.outScales!;
    s.assign([2, 0.5]);
    const x = Tensor.from([[0.3, -0.1, 0.2], [0.5, 0.4, -0.2]]);
    const r = Tensor.from([[1, -1], [0.5, 2]]);
    const lossOf = async () => {
      const y = await layer.forward(x);
      return y.data.reduce((acc, v, i) => acc + v * r.data[i]!, 0);
    };
    await lossOf();
    const dx = await layer.backward(r);
    const grad = s.grad!.data.slice();
    const eps = 1e-2;
    for (let k = 0; k < 2; k++) {
      const base = s.data.data[k]!;
      s.data.data[k] = base + eps;
      const up = await lossOf();
      s.data.data[k] = base - eps;
      const down = await lossOf();
      s.data.data[k] = base;
      expect(grad[k]).toBeCloseTo((up - down) / (2 * eps), 4);
    }
    // dx = (s W)^T r
    const expectedDx = [0, 1].flatMap((b) => [0, 1, 2].map((j) => 2 * W.get(0, j) * r.get(b, 0) + 0.5 * W.get(1, j) * r.get(b, 1)));
    expect(maxAbsDiff(dx, new Tensor(expectedDx, [2, 3]))).toBeLessThan(1e-6);
    const [w] = await layer.getWeights();
    expect(maxAbsDiff(w, new Tensor([...W.data.subarray(0, 3).map((v) => 2 * v), ...W.data.subarray(3).map((v) => 0.5 * v)], [2, 3]))).toBeLessThan(1e-6);
    await layer.setWeights(W);
    expect(Array.from(s.data.data)).toEqual([1, 1]);
  });

  it('rejects manage_output_clipping, which analogkit tiles do not support', () => {
    expect(() => new AnalogLinear(3, 2, { rpuConfig: inputRangeConfig({ manage_output_clipping: true }), runtime: testRuntime() })).toThrow(ConfigError);
  });
});
