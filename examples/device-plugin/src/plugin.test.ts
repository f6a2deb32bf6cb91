import { configFromJSON, ConfigError, createRuntime, createTile, registerCore, SingleRPUConfig } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { BoundedExponentialDevice, registerExampleDevice, STEEPNESS } from './index.js';

/* The plugin in a runtime: registered next to core, it trains a tile on the reference backend. */

const runtime = createRuntime({ seed: 4, register: [registerCore, registerExampleDevice] });

const X = [
  [0.8, -0.4, 0.6, 0.2],
  [-0.5, 0.9, 0.1, -0.7],
  [0.3, 0.5, -0.9, 0.4],
];
const TARGET_WEIGHTS = [
  [0.3, -0.2, 0.1, 0.2],
  [-0.1, 0.3, 0.25, -0.3],
];
const dot = (w: number[], x: number[]): number => w.reduce((s, v, j) => s + v * x[j]!, 0);
const Y = X.map((x) => TARGET_WEIGHTS.map((w) => dot(w, x)));

describe('the example device plugin', () => {
  it('is found through the runtime registry by kind and by parameter class', () => {
    expect(runtime.devices.kinds()).toContain('bounded-exponential');
    expect(runtime.devices.parameterClass('BoundedExponentialDevice')).toBe(BoundedExponentialDevice);
  });

  it('trains a SingleRPUConfig tile on the reference backend: the loss falls', async () => {
    const config = new SingleRPUConfig({ device: new BoundedExponentialDevice({ dw_min: 0.005 }) });
    const tile = await createTile(runtime, 2, 4, config, { seed: 9, backend: 'reference' });
    await tile.setWeights([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    const hidden = await tile.getHiddenParameters();
    expect(hidden[STEEPNESS]!.data).toHaveLength(8);
    // Noise-free batch MSE of the tile's weights; the updates use the tile's noisy forward.
    const loss = async (): Promise<number> => {
      const W = (await tile.getWeights())[0].toNested() as number[][];
      return X.reduce((s, x, b) => s + W.reduce((t, w, i) => t + (dot(w, x) - Y[b]![i]!) ** 2, 0), 0) / 6;
    };
    const before = await loss();
    for (let step = 0; step < 100; step++) {
      const y = (await tile.forward(X)).toNested() as number[][];
      await tile.update(X, y.map((row, b) => row.map((v, i) => v - Y[b]![i]!)), 0.1);
    }
    const after = await loss();
    expect(before).toBeGreaterThan(0.05);
    expect(after).toBeLessThan(0.25 * before);
  });

  it('round-trips its config through JSON with the class resolved by the runtime', () => {
    const config = new SingleRPUConfig({ device: new BoundedExponentialDevice({ steepness: 1.5, steepness_dtod: 0.2, dw_min: 0.002 }) });
    const json = JSON.parse(JSON.stringify(config.toJSON()));
    expect(json.device.__class__).toBe('BoundedExponentialDevice');
    const back = configFromJSON(json, { resolve: (name) => runtime.devices.parameterClass(name) }) as SingleRPUConfig;
    expect(back.device).toBeInstanceOf(BoundedExponentialDevice);
    expect(back.device).toMatchObject({ steepness: 1.5, steepness_dtod: 0.2, dw_min: 0.002 });
    expect(back.toJSON()).toEqual(config.toJSON());
  });

  it('a runtime without the plugin neither resolves the class nor builds the tile, and says which plugin is missing', async () => {
    const bare = createRuntime({ register: [registerCore] });
    const json = new SingleRPUConfig({ device: new BoundedExponentialDevice() }).toJSON();
    expect(() => configFromJSON(json, { resolve: (name) => bare.devices.parameterClass(name) })).toThrow(ConfigError);
    await expect(createTile(bare, 1, 1, new SingleRPUConfig({ device: new BoundedExponentialDevice() }))).rejects.toThrow(
      /No device model is registered for BoundedExponentialDevice/,
    );
  });

  it('is refused when registered twice, with an error naming its kind', () => {
    expect(() => createRuntime({ register: [registerCore, registerExampleDevice, registerExampleDevice] })).toThrow(
      /kind "bounded-exponential" is registered twice/,
    );
  });
});
