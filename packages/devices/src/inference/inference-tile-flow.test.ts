import {
  configFromJSON,
  createRuntime,
  createTile,
  InferenceModelError,
  InferenceRPUConfig,
  PCMLikeNoiseModel,
  registerCore,
  Tensor,
  TileStateError,
  type Runtime,
} from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { DualPairConductanceConverter } from './parameters/dual-pair-conductance-converter.js';
import { GlobalDriftCompensationWithExactReference } from './parameters/global-drift-compensation-with-exact-reference.js';
import { PerColumnDriftCompensation } from './parameters/per-column-drift-compensation.js';
import { StateIndependentNoiseModel } from './parameters/state-independent-noise-model.js';
import { registerInferenceModels } from './register-inference-models.js';

const W = [
  [0.1, 0.2, -0.3, 0.4],
  [0.5, -0.6, 0.7, -0.05],
  [-0.2, 0.35, 0.15, 0.6],
];
const X = [
  [0.3, -0.1, 0.5, 0.2],
  [-0.4, 0.6, 0.1, -0.3],
];

const runtime = (seed = 1): Runtime => createRuntime({ seed, register: [registerCore, registerInferenceModels] });

/** SPEC §8.5: perfect forward, no programming or read noise, every nu = 0.1. */
function noiseFreeConfig(init: ConstructorParameters<typeof InferenceRPUConfig>[0] = {}): InferenceRPUConfig {
  return new InferenceRPUConfig({
    forward: { is_perfect: true },
    noise_model: new StateIndependentNoiseModel({ prog_noise_scale: 0, read_noise_scale: 0, drift_nu_std: 0, drift_nu_mean: 0.1 }),
    ...init,
  });
}

async function tileWith(config: InferenceRPUConfig, options: { seed?: number; bias?: boolean } = {}, rt = runtime()) {
  const tile = await createTile(rt, 3, 4, config, { seed: options.seed ?? 5, bias: options.bias ?? false });
  await tile.setWeights(W, options.bias ? [0.1, -0.2, 0.3] : null);
  return tile;
}

const data = (t: Tensor | Float32Array) => Array.from(t instanceof Tensor ? t.data : t);
const maxRelDiff = (a: Tensor, b: Tensor) => Math.max(...a.data.map((v, k) => Math.abs(v - b.data[k]!) / Math.max(Math.abs(b.data[k]!), 1e-6)));

describe('InferenceTile drift flow', () => {
  it('SPEC §8.5: a noise-free nu = 0.1 model with global drift compensation gives the same eval output after driftWeights(1000)', async () => {
    const tile = await tileWith(noiseFreeConfig());
    const before = await tile.forward(X, { isTest: true });
    await tile.driftWeights(1000);
    expect(maxRelDiff(await tile.forward(X, { isTest: true }), before)).toBeLessThan(1e-5);
    expect(tile.getDriftAlpha()[0]).toBeCloseTo(51 ** 0.1, 5);
  });

  it('applies alpha in eval mode only: the train-mode output shows the drift', async () => {
    const tile = await tileWith(noiseFreeConfig());
    const before = await tile.forward(X);
    await tile.driftWeights(1000);
    const train = await tile.forward(X);
    train.data.forEach((v, k) => expect(v).toBeCloseTo(before.data[k]! * 51 ** -0.1, 5));
  });

  it('without drift compensation alpha stays 1 and eval output drifts too', async () => {
    const tile = await tileWith(noiseFreeConfig({ drift_compensation: null }));
    const before = await tile.forward(X, { isTest: true });
    await tile.driftWeights(1000);
    expect(data(tile.getDriftAlpha())).toEqual([1]);
    (await tile.forward(X, { isTest: true })).data.forEach((v, k) => expect(v).toBeCloseTo(before.data[k]! * 51 ** -0.1, 5));
  });

  it('SPEC §8.4: with the default PCM model and GDC, eval outputs change over t in {0, 1, 20, 1e3, 1e5} and alpha != 1', async () => {
    const tile = await tileWith(new InferenceRPUConfig());
    const alphas: number[] = [];
    let previous = await tile.forward(X, { isTest: true });
    for (const t of [0, 1, 20, 1e3, 1e5]) {
      await tile.driftWeights(t);
      const y = await tile.forward(X, { isTest: true });
      expect(maxRelDiff(y, previous), `t = ${t}`).toBeGreaterThan(1e-4);
      previous = y;
      alphas.push(tile.getDriftAlpha()[0]!);
    }
    for (const a of alphas) expect(a).not.toBe(1);
    // Conductances only decay, so the compensation grows with time: about (t/t_0)^0.05 here.
    expect(alphas[3]).toBeGreaterThan(1.1);
    expect(alphas[4]).toBeGreaterThan(alphas[3]! + 0.1);
  });

  it('programs once: nu stays fixed over drift calls, time is absolute, and reprogramming starts from the cached reference', async () => {
    const config = new InferenceRPUConfig({ noise_model: new PCMLikeNoiseModel({ read_noise_scale: 0 }) });
    const tile = await tileWith(config);
    expect(await tile.isProgrammed()).toBe(false);
    await tile.driftWeights(1000);
    expect(await tile.isProgrammed()).toBe(true);
    const first = (await tile.getWeights())[0];
    const nu = (await tile.dumpExtra()).aux['inference.programmed.nu_0'];
    await tile.driftWeights(1e5);
    await tile.driftWeights(1000);
    expect(data((await tile.getWeights())[0])).toEqual(data(first));
    expect((await tile.dumpExtra()).aux['inference.programmed.nu_0']).toEqual(nu);
    // Reprogramming draws new noise on the reference weights, not on the drifted ones.
    expect(await tile.programWeights()).toBe(1);
    const reprogrammed = (await tile.getWeights())[0];
    expect((await tile.dumpExtra()).aux['inference.reference']).toEqual(W.flat().map(Math.fround));
    expect(maxRelDiff(reprogrammed, Tensor.from(W))).toBeLessThan(0.5);
    expect(data(tile.getDriftAlpha())).toEqual([1]);
  });

  it('setWeights clears the programming: alpha 1, the next drift programs the new weights', async () => {
    const tile = await tileWith(noiseFreeConfig());
    await tile.driftWeights(1000);
    const W2 = W.map((row) => row.map((v) => v / 2));
    await tile.setWeights(W2);
    expect(await tile.isProgrammed()).toBe(false);
    expect(data(tile.getDriftAlpha())).toEqual([1]);
    await tile.driftWeights(1000);
    (await tile.getWeights())[0].data.forEach((v, k) => expect(v).toBeCloseTo(W2.flat()[k]! * 51 ** -0.1, 6));
  });

  it('a tile restored with dumpExtra/loadExtra drifts exactly like the original (analog bias included)', async () => {
    const rt = runtime(3);
    const original = await tileWith(new InferenceRPUConfig(), { seed: 8, bias: true }, rt);
    await original.driftWeights(100);
    const extra = await original.dumpExtra();
    const [w, b] = await original.getWeights();
    const restored = await createTile(rt, 3, 4, new InferenceRPUConfig(), { seed: 99, bias: true });
    await restored.setWeights(w, b);
    await restored.loadExtra(JSON.parse(JSON.stringify(extra)), true);
    expect(data(restored.getDriftAlpha())).toEqual(data(original.getDriftAlpha()));
    expect(data(await restored.forward(X, { isTest: true }))).toEqual(data(await original.forward(X, { isTest: true })));
    await original.driftWeights(1e4);
    await restored.driftWeights(1e4);
    expect(data((await restored.getWeights())[0])).toEqual(data((await original.getWeights())[0]));
    expect(data(restored.getDriftAlpha())).toEqual(data(original.getDriftAlpha()));
    expect(extra.aux['inference.programmed.weights']).toHaveLength(3 * 5);
  });

  it('loadExtra drops a programming the extra does not have, and rejects malformed inference entries unchanged', async () => {
    const fresh = await tileWith(new InferenceRPUConfig(), { seed: 6 });
    const unprogrammed = await fresh.dumpExtra();
    const tile = await tileWith(new InferenceRPUConfig());
    await tile.driftWeights(10);
    const programmed = await tile.dumpExtra();
    const bad = { ...programmed, aux: { ...programmed.aux, 'inference.baseline': [1, 2] } };
    await expect(tile.loadExtra(bad)).rejects.toThrow(TileStateError);
    const partial = { ...programmed, aux: { ...unprogrammed.aux, 'inference.alpha': [2] } };
    await expect(tile.loadExtra(partial)).rejects.toThrow(/need both inference.reference/);
    expect(await tile.dumpExtra()).toEqual(programmed);
    await tile.loadExtra(unprogrammed);
    expect(await tile.isProgrammed()).toBe(false);
    expect(data(tile.getDriftAlpha())).toEqual([1]);
  });

  it('per-column compensation gives one alpha per output, applied per output in eval', async () => {
    const tile = await tileWith(noiseFreeConfig({ drift_compensation: new PerColumnDriftCompensation() }));
    const before = await tile.forward(X, { isTest: true });
    await tile.driftWeights(1000);
    const alpha = tile.getDriftAlpha();
    expect(alpha).toHaveLength(3);
    alpha.forEach((a) => expect(a).toBeCloseTo(51 ** 0.1, 5));
    expect(maxRelDiff(await tile.forward(X, { isTest: true }), before)).toBeLessThan(1e-5);
  });

  it('exact reference: the baseline is the noise-free readout mean|W_programmed|', async () => {
    const tile = await tileWith(new InferenceRPUConfig({ drift_compensation: new GlobalDriftCompensationWithExactReference() }));
    await tile.programWeights();
    const programmed = (await tile.getWeights())[0].data;
    const exact = programmed.reduce((s, v) => s + Math.abs(v), 0) / programmed.length;
    expect((await tile.dumpExtra()).aux['inference.baseline']![0]).toBeCloseTo(exact, 6);
  });

  it('programs through a dual-pair converter, and configs with the plugin classes load from JSON through the registries', async () => {
    const rt = runtime();
    const config = noiseFreeConfig({
      noise_model: new StateIndependentNoiseModel({
        g_converter: new DualPairConductanceConverter({ f_lst: [1, 3] }),
        prog_noise_scale: 0,
        read_noise_scale: 0,
        drift_nu_std: 0,
      }),
      drift_compensation: new PerColumnDriftCompensation(),
    });
    const resolve = (name: string) => rt.noiseModels.parameterClass(name) ?? rt.driftCompensations.parameterClass(name);
    const loaded = configFromJSON(JSON.parse(JSON.stringify(config)), { resolve }) as InferenceRPUConfig;
    expect(loaded.toJSON()).toEqual(config.toJSON());
    const tile = await tileWith(loaded, {}, rt);
    await tile.driftWeights(1000);
    expect((await tile.dumpExtra()).aux['inference.programmed.nu_3']).toHaveLength(12);
    (await tile.getWeights())[0].data.forEach((v, k) => expect(v).toBeCloseTo(W.flat()[k]! * 51 ** -0.1, 6));
  });

  it('rejects a negative inference time, and a missing plugin, leaving the tile unchanged', async () => {
    const tile = await tileWith(new InferenceRPUConfig());
    await expect(tile.driftWeights(-1)).rejects.toThrow(/>= 0/);
    const bare = await tileWith(new InferenceRPUConfig(), {}, createRuntime({ register: [registerCore] }));
    await expect(bare.driftWeights(10)).rejects.toThrow(/No noise model is registered for PCMLikeNoiseModel/);
    expect(await bare.isProgrammed()).toBe(false);
    expect(data((await bare.getWeights())[0])).toEqual(W.flat().map(Math.fround));
  });

  it('registers exactly one plugin per parameter class: a second registration names both', () => {
    expect(() => createRuntime({ register: [registerCore, registerInferenceModels, registerInferenceModels] })).toThrow(InferenceModelError);
    expect(() => createRuntime({ register: [registerCore, registerInferenceModels, registerInferenceModels] })).toThrow(
      /PCMLikeNoiseModel has two noise models: PCMLikeNoiseModelPlugin \(kind "pcm-like"\) and PCMLikeNoiseModelPlugin \(kind "pcm-like"\)/,
    );
  });
});
