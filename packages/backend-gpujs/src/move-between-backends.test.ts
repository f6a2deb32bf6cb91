import {
  ConstantStepDevice,
  createRuntime,
  createTile,
  DriftParameter,
  InferenceRPUConfig,
  InferenceTile,
  NoiseManagementType,
  registerCore,
  SingleRPUConfig,
  Tensor,
  XoshiroRandom,
  type Runtime,
  type Tile,
} from '@analogkit/core';
import { onnxRuntimeAvailable, registerOnnxBackend } from '@analogkit/backend-onnx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GpuJsBackend } from './gpujs-backend.js';
import { registerGpuJsBackend } from './register-gpujs-backend.js';

let runtime: Runtime;
let onnx: true | string;

beforeAll(async () => {
  onnx = await onnxRuntimeAvailable();
  runtime = createRuntime({ seed: 3, register: [registerCore, (c) => registerOnnxBackend(c), (c) => registerGpuJsBackend(c)] });
});
afterAll(() => runtime.backends.disposeAll());

function batch(rng: XoshiroRandom, rows: number, cols: number, scale: number): Tensor {
  return Tensor.from(Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rng.uniform() * 2 - 1) * scale)));
}

/** Everything a tile keeps: weights, hidden parameters and extra state (aux, rng, lr, scales). */
async function snapshot(tile: Tile) {
  const [weights, bias] = await tile.getWeights();
  const hidden = Object.fromEntries(Object.entries(await tile.getHiddenParameters()).map(([k, t]) => [k, Array.from(t.data)]));
  return { weights: Array.from(weights.data), bias: bias ? Array.from(bias.data) : null, hidden, extra: await tile.dumpExtra() };
}

async function train(tile: Tile, seed: number): Promise<void> {
  const rng = new XoshiroRandom(seed);
  for (let step = 0; step < 3; step++) {
    const x = batch(rng, 8, tile.inSize, 1);
    await tile.forward(x);
    await tile.backward(batch(rng, 8, tile.outSize, 0.5));
    await tile.update(x, batch(rng, 8, tile.outSize, 0.1), 0.05);
    await tile.postUpdateStep();
  }
  // Pulsed tiles drift by their device; inference tiles drift through a noise-model plugin, which core does not register.
  if (!(tile instanceof InferenceTile)) await tile.driftWeights(2);
}

describe.each(['onnx:cpu', 'reference'])('moving a trained tile %s -> gpujs:webasm -> back', (source) => {
  const configs = {
    'pulsed ConstantStep tile with drift and decay': () =>
      new SingleRPUConfig({ device: new ConstantStepDevice({ lifetime: 50, drift: new DriftParameter({ nu: 0.05 }) }) }),
    'inference tile with per-output noise strengths and AVERAGE_ABS_MAX': () => {
      const config = new InferenceRPUConfig();
      config.forward.out_noise_std = 0.3;
      config.forward.noise_management = NoiseManagementType.AVERAGE_ABS_MAX;
      return config;
    },
  };
  for (const [name, config] of Object.entries(configs)) {
    it(`${name}: weights, hidden parameters and extra state survive exactly`, async (ctx) => {
      if (source.startsWith('onnx') && onnx !== true) return ctx.skip(`onnx:cpu unavailable: ${onnx}`);
      const tile = await createTile(runtime, 6, 9, config(), { backend: source, seed: 11, bias: true });
      await train(tile, 5);
      const trained = await snapshot(tile);
      expect(Object.keys(trained.hidden).length + Object.keys(trained.extra.aux).length).toBeGreaterThan(0);

      await tile.to('gpujs:webasm');
      expect(tile.device).toBe('gpujs:webasm');
      expect(await snapshot(tile)).toEqual(trained);

      await tile.to(source);
      expect(tile.device).toBe(source);
      expect(await snapshot(tile)).toEqual(trained);

      const gpujs = (await runtime.backend('gpujs:webasm')) as GpuJsBackend;
      expect(gpujs.numTiles()).toBe(0);
      tile.dispose();
    });
  }

  it('a tile trained on gpujs moves to the source and back unchanged, and keeps computing on gpujs', async (ctx) => {
    if (source.startsWith('onnx') && onnx !== true) return ctx.skip(`onnx:cpu unavailable: ${onnx}`);
    const tile = await createTile(runtime, 5, 7, new SingleRPUConfig(), { backend: 'gpujs:webasm', seed: 12 });
    await train(tile, 6);
    const trained = await snapshot(tile);
    await tile.to(source);
    await tile.to('gpujs:webasm');
    expect(await snapshot(tile)).toEqual(trained);
    const y = await tile.forward(batch(new XoshiroRandom(1), 2, 7, 1));
    expect(y.shape).toEqual([2, 5]);
    tile.dispose();
  });
});
