import {
  configFromJSON,
  createRuntime,
  createTile,
  type BaseTile,
  type PulsedDeviceParameters,
  registerCore,
  SingleRPUConfig,
  Tensor,
  XoshiroRandom,
} from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { ExpStepDevice } from './exp-step-device.js';
import { LinearStepDevice } from './linear-step-device.js';
import { PiecewiseStepDevice } from './piecewise-step-device.js';
import { PowStepDevice } from './pow-step-device.js';
import { PowStepReferenceDevice } from './pow-step-reference-device.js';
import { registerPulsedDevices } from './register-pulsed-devices.js';
import { SoftBoundsDevice } from './soft-bounds-device.js';
import { SoftBoundsPmaxDevice } from './soft-bounds-pmax-device.js';
import { SoftBoundsReferenceDevice } from './soft-bounds-reference-device.js';

const DEVICES: [string, () => PulsedDeviceParameters][] = [
  ['linear-step', () => new LinearStepDevice({ gamma_up: 0.3, gamma_down: 0.3 })],
  ['soft-bounds', () => new SoftBoundsDevice()],
  ['soft-bounds-pmax', () => new SoftBoundsPmaxDevice()],
  ['soft-bounds-reference', () => new SoftBoundsReferenceDevice({ reference_std: 0.02 })],
  ['exp-step', () => new ExpStepDevice()],
  ['pow-step', () => new PowStepDevice()],
  ['pow-step-reference', () => new PowStepReferenceDevice({ reference_std: 0.02 })],
  ['piecewise-step', () => new PiecewiseStepDevice({ piecewise_up: [1.2, 1, 0.8], piecewise_down: [0.8, 1, 1.2] })],
];

const runtime = () => createRuntime({ seed: 3, register: [registerCore, registerPulsedDevices] });

const TARGET = [0.3, -0.2, 0.1, -0.1, 0.25, -0.3];

function distanceToTarget(w: Tensor): number {
  return Math.sqrt(TARGET.reduce((s, t, k) => s + (w.data[k]! - t) ** 2, 0));
}

/** Pulsed SGD on the MSE of y = Wx against a target linear map, with d = y - y_target. */
async function train(tile: BaseTile, steps: number, rng: XoshiroRandom): Promise<void> {
  for (let s = 0; s < steps; s++) {
    const x = Array.from({ length: 3 }, () => 2 * rng.uniform() - 1);
    const y = await tile.forward([x]);
    const d = [0, 1].map((i) => y.data[i]! - (TARGET[3 * i]! * x[0]! + TARGET[3 * i + 1]! * x[1]! + TARGET[3 * i + 2]! * x[2]!));
    await tile.update([x], [d], 0.2);
  }
}

describe('registerPulsedDevices', () => {
  it('registers every pulsed model under its kind and parameter class', () => {
    const rt = runtime();
    for (const [kind, make] of DEVICES) {
      expect(rt.devices.has(kind)).toBe(true);
      expect(rt.devices.bind(make()).model.kind).toBe(kind);
    }
    expect(rt.devices.has('constant-step')).toBe(true);
  });

  it.each(DEVICES)('%s: JSON round trip through the registry resolver', (_kind, make) => {
    const rt = runtime();
    const config = new SingleRPUConfig({ device: make() });
    const back = configFromJSON(JSON.stringify(config.toJSON()), { resolve: (name) => rt.devices.parameterClass(name) }) as SingleRPUConfig;
    expect(back.device.constructor).toBe(config.device.constructor);
    expect(back.toJSON()).toEqual(config.toJSON());
  });

  it.each(DEVICES)('%s: a SingleRPUConfig tile learns a linear map with pulsed updates', async (_kind, make) => {
    const rt = runtime();
    const tile = await createTile(rt, 2, 3, new SingleRPUConfig({ device: make() }), { seed: 5 });
    await tile.setWeights(new Tensor(new Float32Array(6), [2, 3]));
    const before = distanceToTarget((await tile.getWeights())[0]);
    await train(tile, 150, new XoshiroRandom(8));
    const after = distanceToTarget((await tile.getWeights())[0]);
    expect(after).toBeLessThan(0.5 * before);
  });

  it.each(DEVICES)('%s: weights pushed past the bounds stay inside each device range', async (_kind, make) => {
    const rt = runtime();
    const tile = await createTile(rt, 3, 3, new SingleRPUConfig({ device: make() }), { seed: 6 });
    const hidden = await tile.getHiddenParameters();
    const reference = hidden['reference']?.data;
    const rng = new XoshiroRandom(2);
    for (let s = 0; s < 40; s++) {
      const x = [[1, -1, 0.5 + rng.uniform()]];
      await tile.update(x, [[5, -5, 5]], 1);
    }
    const [w] = await tile.getWeights();
    const max = hidden['max_bound']!.data;
    const min = hidden['min_bound']!.data;
    for (let k = 0; k < 9; k++) {
      const shifted = w.data[k]! + (reference ? reference[k]! : 0);
      expect(shifted).toBeLessThanOrEqual(max[k]! + 1e-6);
      expect(shifted).toBeGreaterThanOrEqual(min[k]! - 1e-6);
    }
  });
});
