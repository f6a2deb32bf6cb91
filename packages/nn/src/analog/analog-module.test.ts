import {
  ConstantStepDevice,
  FloatingPointRPUConfig,
  InferenceRPUConfig,
  InferenceTile,
  IOParameters,
  MappingParameter,
  ShapeError,
  SingleRPUConfig,
  Tensor,
} from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { ModuleError } from '../errors.js';
import { inferenceTestRuntime, maxAbsDiff, testRuntime, uniformTensor } from '../nn-test-support.js';
import { AnalogLinear } from './analog-linear.js';
import { readPhysicalWeights } from './physical-weights.js';

const W = Tensor.from([
  [0.1, 0.2, 0.3],
  [0.4, -0.5, -0.6],
]);
const B = new Tensor([-0.1, 0.2]);

function meanAbsDiff(a: Tensor, b: Tensor): number {
  return a.data.reduce((s, v, i) => s + Math.abs(v - b.data[i]!), 0) / a.size();
}

describe('AnalogModule (AnalogLinear)', () => {
  it('builds its tile lazily, with torch-style initial weights determined by the seed', async () => {
    const runtime = testRuntime(2);
    const layer = new AnalogLinear(8, 3, { runtime, seed: 4 });
    expect(layer.analogTiles()).toHaveLength(0);
    expect(layer.parameters()).toEqual([layer.bias]);
    const y = await layer.forward(uniformTensor([5, 8], 1));
    expect(y.shape).toEqual([5, 3]);
    expect(layer.analogTiles()).toHaveLength(1);
    const [w, b] = await layer.getWeights();
    const bound = 1 / Math.sqrt(8);
    expect(w.absMax()).toBeLessThanOrEqual(bound);
    expect(w.absMax()).toBeGreaterThan(bound / 2);
    expect(b!.absMax()).toBeLessThanOrEqual(bound);
    const twin = new AnalogLinear(8, 3, { runtime, seed: 4 });
    expect(maxAbsDiff((await twin.getWeights())[0], w)).toBe(0);
  });

  it('works on the default runtime and keeps leading dimensions', async () => {
    const layer = new AnalogLinear(4, 2);
    expect((await layer.forward(uniformTensor([2, 3, 4], 2))).shape).toEqual([2, 3, 2]);
    expect((await layer.forward(uniformTensor([4], 3))).shape).toEqual([2]);
  });

  it('getWeights returns copies; setWeights checks shapes and leaves the layer unchanged on errors', async () => {
    const layer = new AnalogLinear(3, 2, { rpuConfig: new FloatingPointRPUConfig(), runtime: testRuntime() });
    await layer.setWeights(W, B);
    const [w, b] = await layer.getWeights();
    w.data.fill(7);
    b!.data.fill(7);
    const [w2, b2] = await layer.getWeights();
    expect(maxAbsDiff(w2, W)).toBe(0);
    expect(maxAbsDiff(b2!, B)).toBe(0);
    await expect(layer.setWeights(Tensor.zeros([3, 3]), B)).rejects.toBeInstanceOf(ShapeError);
    await expect(layer.setWeights(W, new Tensor([1, 2, 3]))).rejects.toBeInstanceOf(ShapeError);
    const noBias = new AnalogLinear(3, 2, { bias: false, runtime: testRuntime() });
    await expect(noBias.setWeights(W, B)).rejects.toThrow(/no bias/);
    expect(maxAbsDiff((await layer.getWeights())[0], W)).toBe(0);
  });

  it('maps weights with weight_scaling_omega: device weights at omega, logical weights and outputs unchanged', async () => {
    for (const columnwise of [false, true]) {
      const mapping = new MappingParameter({ weight_scaling_omega: 0.5, weight_scaling_columnwise: columnwise });
      const layer = new AnalogLinear(3, 2, { rpuConfig: new FloatingPointRPUConfig({ mapping }), runtime: testRuntime() });
      await layer.setWeights(W, B);
      const physical = await readPhysicalWeights(layer.analogTiles()[0]!);
      if (columnwise) {
        expect(Math.max(...physical.data.subarray(0, 3).map(Math.abs))).toBeCloseTo(0.5, 6);
        expect(Math.max(...physical.data.subarray(3, 6).map(Math.abs))).toBeCloseTo(0.5, 6);
      } else {
        expect(physical.absMax()).toBeCloseTo(0.5, 6);
        expect(layer.analogTiles()[0]!.getMappingScales()![0]).toBeCloseTo(0.6 / 0.5, 6);
      }
      expect(maxAbsDiff((await layer.getWeights())[0], W)).toBeLessThan(1e-6);
      const y = await layer.forward(Tensor.from([[1, 2, 3]]));
      expect(maxAbsDiff(y, new Tensor([1.4 - 0.1, -2.4 + 0.2], [1, 2]))).toBeLessThan(1e-5);
    }
  });

  it('programs (realistic write) within 5% and reads (realistic read) within 10% of 0.6 through the module API', async () => {
    const rpuConfig = new SingleRPUConfig({
      device: new ConstantStepDevice({ w_max_dtod: 0, w_min_dtod: 0 }),
      mapping: new MappingParameter({ digital_bias: false }),
    });
    const layer = new AnalogLinear(3, 2, { rpuConfig, runtime: testRuntime(3), realisticReadWrite: true });
    await layer.setWeights(W, B);
    const [w, b] = await layer.getWeights({ forceExact: true });
    expect(meanAbsDiff(w, W) / 0.6).toBeLessThan(0.05);
    expect(meanAbsDiff(b!, B) / 0.6).toBeLessThan(0.05);
    const [readW, readB] = await layer.getWeights();
    expect(maxAbsDiff(readW, w) / 0.6).toBeLessThan(0.1);
    expect(maxAbsDiff(readB!, b!) / 0.6).toBeLessThan(0.1);
    expect(maxAbsDiff(readW, w)).toBeGreaterThan(0);
  });

  it('programs and drifts inference tiles in eval mode only; alpha compensates the drift in eval', async () => {
    const rpuConfig = new InferenceRPUConfig({ forward: new IOParameters({ is_perfect: true }) });
    const layer = new AnalogLinear(3, 2, { bias: false, rpuConfig, runtime: inferenceTestRuntime(2) });
    await layer.setWeights(W);
    const x = Tensor.from([[0.3, -0.2, 0.5]]);
    const clean = await layer.forward(x);
    await expect(layer.driftAnalogWeights(3)).rejects.toBeInstanceOf(ModuleError);
    await expect(layer.programAnalogWeights()).rejects.toBeInstanceOf(ModuleError);
    layer.eval();
    await layer.programAnalogWeights();
    const tile = layer.analogTiles()[0] as InferenceTile;
    expect(await tile.isProgrammed()).toBe(true);
    await layer.driftAnalogWeights(3);
    // The stand-in model halves at programming and drifts by 4^-0.5: weights W/4, alpha 2.
    expect(maxAbsDiff((await layer.getWeights())[0], W.mul(0.25))).toBeLessThan(1e-6);
    expect(maxAbsDiff(await layer.forward(x), clean.mul(0.5))).toBeLessThan(1e-6);
    layer.train();
    expect(maxAbsDiff(await layer.forward(x), clean.mul(0.25))).toBeLessThan(1e-6);
  });

  it('backward needs a forward first', async () => {
    const layer = new AnalogLinear(3, 2, { runtime: testRuntime() });
    await expect(layer.backward(Tensor.zeros([1, 2]))).rejects.toBeInstanceOf(ModuleError);
  });
});
