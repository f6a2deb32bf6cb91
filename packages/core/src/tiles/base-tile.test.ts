import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, ConfigError, ShapeError, TileStateError } from '../errors.js';
import { PulseType, WeightClipType, WeightModifierType } from '../parameters/enums.js';
import { DriftParameter } from '../parameters/drift-parameter.js';
import { FloatingPointRPUConfig, InferenceRPUConfig, IOParameters, SingleRPUConfig, UpdateParameters } from '../parameters/index.js';
import { ConstantStepDevice } from '../parameters/pulsed-device-parameters.js';
import { Tensor } from '../tensor/tensor.js';
import { createTile } from './create-tile.js';
import { tileTestRuntime } from './tile-test-runtime.js';

const W = [[0.1, 0.2, 0.3], [0.4, -0.5, -0.6]];
/** Device bounds of ±1 without device-to-device variation, so no weight of W is clipped. */
const FIXED_BOUNDS = { w_max: 1, w_min: -1, w_max_dtod: 0, w_min_dtod: 0 };
const X = [[0.1, 0.2, 0.4], [0.2, 0.1, 0.1]];
const D = [[0.3, -0.2], [0.1, 0.5]];

/** A noise-free pulsed config whose MVMs are exact and updates exact (aihwkit's mimic-MAC setting). */
function exactConfig(): SingleRPUConfig {
  return new SingleRPUConfig({
    forward: new IOParameters({ is_perfect: true }),
    backward: new IOParameters({ is_perfect: true }),
    update: new UpdateParameters({ pulse_type: PulseType.NONE }),
  });
}

function matmul(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}
const transpose = (a: number[][]) => a[0]!.map((_, j) => a.map((r) => r[j]!));

function expectClose(t: Tensor, expected: number[][], digits = 5): void {
  const got = t.toNested();
  expected.forEach((row, i) => row.forEach((v, j) => expect(got[i]![j]).toBeCloseTo(v, digits)));
}

describe('tiles: noise-free MAC, backward and update (aihwkit test_mimic_rpu_mac)', () => {
  for (const [label, makeConfig] of [
    ['SingleRPUConfig (perfect IO, pulse NONE)', exactConfig],
    ['FloatingPointRPUConfig', () => new FloatingPointRPUConfig()],
  ] as const) {
    it(label, async () => {
      const tile = await createTile(tileTestRuntime(), 2, 3, makeConfig());
      await tile.setWeights(Tensor.from(W));
      expectClose(await tile.forward(Tensor.from(X)), matmul(X, transpose(W)));
      expectClose(await tile.backward(Tensor.from(D)), matmul(D, W));
      await tile.update(Tensor.from(X), Tensor.from(D), 0.1);
      const dw = matmul(transpose(D), X);
      expectClose((await tile.getWeights())[0], W.map((r, i) => r.map((v, j) => v - 0.1 * dw[i]![j]!)));
    });
  }

  it("leaves the caller's inputs unchanged, with mapping scales too (kernels get them without a copy)", async () => {
    const tile = await createTile(tileTestRuntime(), 2, 3, exactConfig());
    await tile.setWeights(Tensor.from(W));
    tile.setMappingScales([2, 4]);
    const x = Tensor.from(X);
    const d = Tensor.from(D);
    const before = [Array.from(x.data), Array.from(d.data)];
    await tile.forward(x);
    expectClose(await tile.backward(d), matmul(D.map((r) => [r[0]! * 2, r[1]! * 4]), W));
    await tile.update(x, d, 0.1);
    expect([Array.from(x.data), Array.from(d.data)]).toEqual(before);
  });

  it('leaves the finite check of an input it hands over unchanged to a kernel that declares it checks', async () => {
    const runtime = tileTestRuntime();
    const seen: { x: Float32Array; checked: boolean | undefined }[] = [];
    runtime.kernels.register({
      kernelName: 'ForwardMvm',
      backendName: 'memory',
      checksFiniteInputs: true,
      kernelFunc: ({ inputs }) => {
        seen.push({ x: inputs.x, checked: inputs.checked });
        return new Float32Array(inputs.batch * 2);
      },
    });
    const x = new Tensor(Float32Array.of(0.1, NaN, 0.3), [1, 3]);
    const plain = await createTile(runtime, 2, 3, exactConfig(), { backend: 'memory' });
    await plain.forward(x);
    expect(seen).toEqual([{ x: x.data, checked: false }]);
    expect(seen[0]!.x).toBe(x.data);
    // a bias column means a new layout, which the tile checks while building it
    const withBias = await createTile(runtime, 2, 3, exactConfig(), { backend: 'memory', bias: true });
    await expect(withBias.forward(x)).rejects.toThrow(new ShapeError('forward input contains a non-finite value (NaN) at flat index 1.'));
    expect(seen).toHaveLength(1);
  });

  it('handles vectors, inTrans/outTrans and an analog bias column', async () => {
    const tile = await createTile(tileTestRuntime(), 2, 3, exactConfig(), { bias: true, inTrans: true, outTrans: true });
    await tile.setWeights(Tensor.from(W), Tensor.from([0.5, -1]));
    const y = await tile.forward(Tensor.from(transpose(X)));
    expect(y.shape).toEqual([2, 2]);
    expectClose(y, transpose(matmul(X, transpose(W)).map((r) => r.map((v, j) => v + [0.5, -1][j]!))));
    const [w, b] = await tile.getWeights();
    expectClose(w, W);
    expect(Array.from(b!.data)).toEqual([0.5, -1].map(Math.fround));
    const z = await tile.backward(Tensor.from(transpose(D)));
    expect(z.shape).toEqual([3, 2]);
    const vector = await (await createTile(tileTestRuntime(), 2, 3, exactConfig())).forward(new Tensor([1, 0, 0]));
    expect(vector.shape).toEqual([2]);
  });
});

describe('tiles: weights', () => {
  it('getWeights returns copies; setWeights clips to the device bounds', async () => {
    const device = new ConstantStepDevice({ w_max: 0.5, w_min: -0.5, w_max_dtod: 0, w_min_dtod: 0 });
    const tile = await createTile(tileTestRuntime(), 2, 3, new SingleRPUConfig({ device }));
    await tile.setWeights(Tensor.from([[1, 0.2, -2], [0.1, 0, 0.4]]));
    const [w] = await tile.getWeights();
    expect(Array.from(w.data)).toEqual([0.5, 0.2, -0.5, 0.1, 0, 0.4].map(Math.fround));
    w.data[0] = 99;
    expect((await tile.getWeights())[0].data[0]).toBe(0.5);
  });

  it('pulse NONE ignores device bounds (SPEC 11.9)', async () => {
    const device = new ConstantStepDevice({ w_max: 0.5, w_min: -0.5 });
    const tile = await createTile(tileTestRuntime(), 1, 2, new SingleRPUConfig({ device, update: new UpdateParameters({ pulse_type: PulseType.NONE }) }));
    await tile.setWeights(Tensor.from([[3, -3]]));
    expect(Array.from((await tile.getWeights())[0].data)).toEqual([3, -3]);
  });

  it('rejects bad shapes and values with typed errors and leaves the tile unchanged', async () => {
    const tile = await createTile(tileTestRuntime(), 2, 3, exactConfig());
    await tile.setWeights(Tensor.from(W));
    await expect(tile.setWeights(Tensor.from([[1, 2]]))).rejects.toBeInstanceOf(ShapeError);
    await expect(tile.setWeights(Tensor.from([[1, 2, Number.NaN], [0, 0, 0]]))).rejects.toBeInstanceOf(ShapeError);
    await expect(tile.setWeights(Tensor.from(W), [1, 2])).rejects.toThrow(/no analog bias/);
    await expect(tile.forward(Tensor.from([[1, 2]]))).rejects.toBeInstanceOf(ShapeError);
    await expect(tile.update(Tensor.from(X), Tensor.from([[1, 2]]), 0.1)).rejects.toThrow(/batch/);
    await expect(tile.update(Tensor.from(X), Tensor.from(D), -1)).rejects.toBeInstanceOf(ConfigError);
    await expect(tile.resetColumns(7, 1, 1)).rejects.toBeInstanceOf(ConfigError);
    await expect(tile.resetColumns(0, 1, 2)).rejects.toBeInstanceOf(ConfigError);
    expectClose((await tile.getWeights())[0], W);
    await expect(createTile(tileTestRuntime(), 0, 3, exactConfig())).rejects.toBeInstanceOf(ConfigError);
  });

  it('weight scaling omega stores W/alpha and returns the logical weights', async () => {
    const tile = await createTile(tileTestRuntime(), 2, 3, exactConfig());
    await tile.setWeights(Tensor.from(W), null, { weightScalingOmega: 1, columnwise: true });
    expect(Array.from(tile.getMappingScales()!)).toEqual([0.3, 0.6].map(Math.fround));
    expectClose((await tile.getWeights())[0], W);
    expectClose(await tile.forward(Tensor.from(X)), matmul(X, transpose(W)));
  });
});

describe('tiles: time effects', () => {
  it('decay with lifetime 10 multiplies by 0.9', async () => {
    const device = new ConstantStepDevice({ lifetime: 10, lifetime_dtod: 0, reset: 0, reset_dtod: 0, ...FIXED_BOUNDS });
    const tile = await createTile(tileTestRuntime(), 2, 3, new SingleRPUConfig({ device }));
    await tile.setWeights(Tensor.from(W));
    await tile.decayWeights();
    expectClose((await tile.getWeights())[0], W.map((r) => r.map((v) => v * 0.9)), 6);
  });

  it('drift follows w0 (k dt)^-nu and restarts after an external write', async () => {
    const device = new ConstantStepDevice({ drift: new DriftParameter({ nu: 0.1 }), w_max: 2, w_min: -2, w_max_dtod: 0, w_min_dtod: 0 });
    const tile = await createTile(tileTestRuntime(), 2, 3, new SingleRPUConfig({ device }));
    await tile.setWeights(Tensor.from(W));
    for (let k = 1; k <= 4; k++) {
      await tile.driftWeights(2);
      expectClose((await tile.getWeights())[0], W.map((r) => r.map((v) => v * (2 * k) ** -0.1)), 5);
    }
    await tile.setWeights(Tensor.from(W));
    await tile.driftWeights(2);
    expectClose((await tile.getWeights())[0], W, 5);
    await tile.driftWeights(2);
    expectClose((await tile.getWeights())[0], W.map((r) => r.map((v) => v * 2 ** -0.1)), 4);
  });

  it('postUpdateStep diffuses only when diffusion > 0 and never drifts', async () => {
    const still = await createTile(tileTestRuntime(), 2, 3, new SingleRPUConfig({ device: new ConstantStepDevice({ drift: new DriftParameter({ nu: 0.5 }), ...FIXED_BOUNDS }) }));
    await still.setWeights(Tensor.from(W));
    await still.postUpdateStep();
    await still.postUpdateStep();
    expectClose((await still.getWeights())[0], W, 6);
    const noisy = await createTile(tileTestRuntime(), 2, 3, new SingleRPUConfig({ device: new ConstantStepDevice({ diffusion: 0.05 }) }));
    await noisy.setWeights(Tensor.from(W));
    await noisy.postUpdateStep();
    const moved = (await noisy.getWeights())[0].data.some((v, i) => Math.abs(v - W.flat()[i]!) > 1e-4);
    expect(moved).toBe(true);
  });
});

describe('tiles: state, extras and placement', () => {
  it('a tile restored from dumpExtra continues exactly as the original', async () => {
    const rt = tileTestRuntime(3);
    const config = new SingleRPUConfig({ device: new ConstantStepDevice({ drift: new DriftParameter({ nu: 0.05 }) }) });
    const a = await createTile(rt, 2, 3, config, { seed: 5 });
    await a.setWeights(Tensor.from(W));
    await a.update(Tensor.from(X), Tensor.from(D), 0.05);
    await a.driftWeights(1);
    const b = await createTile(rt, 2, 3, config, { seed: 77 });
    await b.setHiddenParameters(await a.getHiddenParameters());
    const [wa] = await a.getWeights();
    await b.setWeights(wa);
    await b.loadExtra(await a.dumpExtra(), true);
    for (const t of [a, b]) {
      await t.update(Tensor.from(X), Tensor.from(D), 0.05);
      await t.driftWeights(1);
    }
    expect(Array.from((await b.getWeights())[0].data)).toEqual(Array.from((await a.getWeights())[0].data));
    expect(Array.from((await b.forward(Tensor.from(X))).data)).toEqual(Array.from((await a.forward(Tensor.from(X))).data));
  });

  it('loadExtra validates before changing anything', async () => {
    const tile = await createTile(tileTestRuntime(), 2, 3, new SingleRPUConfig());
    const extra = await tile.dumpExtra();
    await expect(tile.loadExtra({ ...extra, rng_state: [1, 2] })).rejects.toBeInstanceOf(TileStateError);
    await expect(tile.loadExtra({ ...extra, extra_key: 1 } as never, true)).rejects.toThrow(/unknown keys extra_key/);
    await expect(tile.loadExtra({ ...extra, mapping_scales: [1] })).rejects.toThrow(/mapping_scales/);
    expect(await tile.dumpExtra()).toEqual(extra);
  });

  it('forward parameters can be read and injected', async () => {
    const config = new SingleRPUConfig({ forward: new IOParameters({ out_noise: 0.1, out_noise_std: 0.3 }) });
    const tile = await createTile(tileTestRuntime(), 4, 3, config);
    const params = await tile.getForwardParameters();
    const names = Object.keys(params);
    expect(names.length).toBeGreaterThan(0);
    const [name] = names;
    const replacement = new Tensor(new Float32Array(params[name!]!.size()).fill(0.25));
    await tile.setForwardParameters({ [name!]: replacement });
    expect(Array.from((await tile.getForwardParameters())[name!]!.data)).toEqual(Array.from(replacement.data));
    await expect(tile.setForwardParameters({ nope: [1] })).rejects.toThrow(/Unknown forward parameter "nope"/);
    await expect(tile.setForwardParameters({ [name!]: [1] })).rejects.toBeInstanceOf(ShapeError);
  });

  it('moves between backends keeping weights, hidden parameters and results', async () => {
    const rt = tileTestRuntime(4);
    const tile = await createTile(rt, 2, 3, exactConfig(), { seed: 9 });
    await tile.setWeights(Tensor.from(W));
    const hidden = await tile.getHiddenParameters();
    const before = await tile.forward(Tensor.from(X));
    expect(tile.device).toBe('reference');
    await tile.to('memory');
    expect(tile.device).toBe('memory:cpu');
    expect(tile.analogCtx.device).toBe('memory:cpu');
    expect(Array.from((await tile.forward(Tensor.from(X))).data)).toEqual(Array.from(before.data));
    expect(await tile.getHiddenParameters()).toEqual(hidden);
    await tile.update(Tensor.from(X), Tensor.from(D), 0.1);
    await tile.to('reference');
    expect((await tile.getWeights())[0].data[0]).not.toBe(Math.fround(0.1));
    expect((await rt.backend('memory:cpu')).numTiles()).toBe(0);
  });

  it('cuda() throws a clear error when no GPU target is registered', async () => {
    const tile = await createTile(tileTestRuntime(), 2, 3, exactConfig());
    await expect(tile.cuda()).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(tile.cuda()).rejects.toThrow(/No GPU target/);
    expect(tile.isCuda).toBe(false);
  });

  it('delta weights receive -lr d x^T instead of the tile', async () => {
    const tile = await createTile(tileTestRuntime(), 2, 3, exactConfig());
    await tile.setWeights(Tensor.from(W));
    const delta = Tensor.zeros([2, 3]);
    tile.setDeltaWeights(delta);
    await tile.update(Tensor.from(X), Tensor.from(D), 0.1);
    expectClose(delta, matmul(transpose(D), X).map((r) => r.map((v) => -0.1 * v)));
    expectClose((await tile.getWeights())[0], W);
    tile.resetDeltaWeights();
    await tile.update(Tensor.from(X), Tensor.from(D), 0.1);
    expect((await tile.getWeights())[0].data[0]).not.toBeCloseTo(0.1, 6);
  });

  it('dispose frees the backend tile and later calls fail clearly', async () => {
    const rt = tileTestRuntime();
    const backend = await rt.backend('reference');
    const start = backend.numTiles();
    const tile = await createTile(rt, 2, 3, new SingleRPUConfig());
    expect(backend.numTiles()).toBe(start + 1);
    tile.dispose();
    expect(backend.numTiles()).toBe(start);
    await expect(tile.forward(Tensor.from(X))).rejects.toBeInstanceOf(TileStateError);
  });
});

describe('InferenceTile: hardware-aware training steps', () => {
  it('the modifier acts on the forward copy only; eval uses the clean weights', async () => {
    const config = new InferenceRPUConfig({ forward: new IOParameters({ is_perfect: true }) });
    config.modifier.type = WeightModifierType.ADD_NORMAL;
    config.modifier.std_dev = 0.2;
    const tile = await createTile(tileTestRuntime(), 2, 3, config);
    await tile.setWeights(Tensor.from(W));
    const clean = matmul(X, transpose(W));
    expectClose(await tile.forward(Tensor.from(X)), clean);
    await tile.postUpdateStep();
    const train = await tile.forward(Tensor.from(X));
    expect(train.toNested().flat().some((v, i) => Math.abs(v - clean.flat()[i]!) > 1e-3)).toBe(true);
    expectClose(await tile.forward(Tensor.from(X), { isTest: true }), clean);
    expectClose((await tile.getWeights())[0], W);
  });

  it('the modified copy survives dumpExtra/loadExtra and moves between backends', async () => {
    const config = new InferenceRPUConfig({ forward: new IOParameters({ is_perfect: true }) });
    config.modifier.type = WeightModifierType.ADD_NORMAL;
    config.modifier.std_dev = 0.2;
    const rt = tileTestRuntime(6);
    const a = await createTile(rt, 2, 3, config);
    await a.setWeights(Tensor.from(W));
    await a.postUpdateStep();
    const trained = Array.from((await a.forward(Tensor.from(X))).data);
    const extra = await a.dumpExtra();
    expect(extra.modified_weights).toHaveLength(6);
    const b = await createTile(rt, 2, 3, config);
    await b.setWeights(Tensor.from(W));
    await b.loadExtra(extra, true);
    expect(Array.from((await b.forward(Tensor.from(X))).data)).toEqual(trained);
    await b.to('memory');
    expect(Array.from((await b.forward(Tensor.from(X))).data)).toEqual(trained);
    await expect(b.loadExtra({ ...extra, modified_weights: [1, 2] })).rejects.toThrow(/modified_weights/);
  });

  it('clip FIXED_VALUE caps the weights in postUpdateStep', async () => {
    const config = new InferenceRPUConfig();
    config.clip.type = WeightClipType.FIXED_VALUE;
    config.clip.fixed_value = 0.3;
    const tile = await createTile(tileTestRuntime(), 2, 3, config);
    await tile.setWeights(Tensor.from(W));
    await tile.postUpdateStep();
    expect((await tile.getWeights())[0].absMax()).toBeCloseTo(0.3, 6);
  });
});
