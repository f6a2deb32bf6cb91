import { describe, expect, it } from 'vitest';
import { TileStateError } from '../errors.js';
import type { InferenceDriftCompensation } from '../inference/drift-compensation.js';
import type { InferenceNoiseModel, ProgrammedState } from '../inference/noise-model.js';
import { WeightModifierType } from '../parameters/enums.js';
import { GlobalDriftCompensation, InferenceRPUConfig, PCMLikeNoiseModel } from '../parameters/index.js';
import { createTile } from './create-tile.js';
import { tileTestRuntime } from './tile-test-runtime.js';

const W = [
  [0.2, -0.4, 0.1],
  [0.5, 0.3, -0.6],
];
const X = [[0.3, -0.2, 0.5]];

/** A deterministic stand-in noise model: programming halves the weights, drift scales by (1 + t)^-0.5. */
const halvingModel: InferenceNoiseModel<PCMLikeNoiseModel> = {
  kind: 'halving',
  parameterClass: PCMLikeNoiseModel,
  program: (_p, weights) => ({ weights: weights.map((w) => w / 2), nu_0: new Float32Array(weights.length).fill(0.5) }),
  applyDrift: (_p, programmed: ProgrammedState, t) => programmed.weights.map((w, k) => w * (1 + t) ** -programmed.nu_0![k]!),
};

const meanAbs: InferenceDriftCompensation = {
  kind: 'mean-abs',
  parameterClass: GlobalDriftCompensation,
  exactReference: () => false,
  readout: (_p, y) => Float32Array.of(y.reduce((s, v) => s + Math.abs(v), 0) / y.length),
};

async function tile(noise: InferenceNoiseModel<PCMLikeNoiseModel> = halvingModel) {
  const rt = tileTestRuntime(4);
  rt.noiseModels.register(noise);
  rt.driftCompensations.register(meanAbs);
  const t = await createTile(rt, 2, 3, new InferenceRPUConfig({ forward: { is_perfect: true } }), { seed: 2 });
  await t.setWeights(W);
  return t;
}

describe('InferenceTile programming and drift (core flow with stand-in plugins)', () => {
  it('programs through the noise model, drifts from the programmed state at absolute t, and scales eval outputs by alpha', async () => {
    const t = await tile();
    const clean = (await t.forward(X)).data.slice();
    await t.driftWeights(3);
    // Weights: W/2 · 4^-0.5 = W/4; alpha = mean|W/2| / mean|W/4| = 2.
    (await t.getWeights())[0].data.forEach((v, k) => expect(v).toBeCloseTo(W.flat()[k]! / 4, 6));
    expect(t.getDriftAlpha()[0]).toBeCloseTo(2, 6);
    (await t.forward(X)).data.forEach((v, k) => expect(v).toBeCloseTo(clean[k]! / 4, 6));
    (await t.forward(X, { isTest: true })).data.forEach((v, k) => expect(v).toBeCloseTo(clean[k]! / 2, 6));
    await t.driftWeights(0);
    (await t.getWeights())[0].data.forEach((v, k) => expect(v).toBeCloseTo(W.flat()[k]! / 2, 6));
    expect(t.getDriftAlpha()[0]).toBeCloseTo(1, 6);
  });

  it('keeps the programming when the tile moves to another backend', async () => {
    const t = await tile();
    await t.driftWeights(3);
    await t.to('memory');
    expect(await t.isProgrammed()).toBe(true);
    await t.driftWeights(8);
    (await t.getWeights())[0].data.forEach((v, k) => expect(v).toBeCloseTo(W.flat()[k]! / 6, 6));
  });

  it('drifting drops the weight-modifier copy, so training forwards see the drifted weights', async () => {
    const rt = tileTestRuntime(4);
    rt.noiseModels.register(halvingModel);
    rt.driftCompensations.register(meanAbs);
    const config = new InferenceRPUConfig({ forward: { is_perfect: true }, modifier: { type: WeightModifierType.ADD_NORMAL, std_dev: 0.5 } });
    const t = await createTile(rt, 2, 3, config, { seed: 2 });
    await t.setWeights(W);
    await t.postUpdateStep();
    await t.driftWeights(3);
    const expected = W.map((row) => row.reduce((s, w, j) => s + (w / 4) * X[0]![j]!, 0));
    (await t.forward(X)).data.forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 6));
  });

  it('rejects a programmed state of the wrong size from a plugin and leaves the tile unchanged', async () => {
    const broken: InferenceNoiseModel<PCMLikeNoiseModel> = { ...halvingModel, program: () => ({ weights: new Float32Array(2) }) };
    const t = await tile(broken);
    await expect(t.programWeights()).rejects.toThrow(TileStateError);
    expect(await t.isProgrammed()).toBe(false);
    expect(Array.from((await t.getWeights())[0].data)).toEqual(W.flat().map(Math.fround));
  });
});
