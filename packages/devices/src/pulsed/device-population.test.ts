import { XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { drawPopulation } from './device-population.js';
import { LinearStepDevice } from './linear-step-device.js';
import { LinearStepDeviceModel } from './linear-step-device-model.js';

describe('drawPopulation', () => {
  it("draws from the tile's generator without a construction seed, and the model's hidden parameters follow it", () => {
    const p = new LinearStepDevice();
    const rng = new XoshiroRandom(1);
    const { random } = drawPopulation(p, 2, 2, rng);
    expect(random).toBe(rng);
    const model = new LinearStepDeviceModel();
    const a = model.sampleHidden(p, 2, 2, new XoshiroRandom(1));
    const b = model.sampleHidden(p, 2, 2, new XoshiroRandom(2));
    expect(a['slope_up']).not.toEqual(b['slope_up']);
  });

  it('takes every construction draw from the construction_seed stream, the extras continuing it', () => {
    const model = new LinearStepDeviceModel();
    const p = new LinearStepDevice({ construction_seed: 42, gamma_up: 0.5, gamma_up_dtod: 0.1 });
    const a = model.sampleHidden(p, 3, 2, new XoshiroRandom(1));
    const b = model.sampleHidden(p, 3, 2, new XoshiroRandom(2));
    expect(a).toEqual(b);
    const other = model.sampleHidden(new LinearStepDevice({ construction_seed: 43, gamma_up: 0.5, gamma_up_dtod: 0.1 }), 3, 2, new XoshiroRandom(1));
    expect(other['slope_up']).not.toEqual(a['slope_up']);
    expect(p.construction_seed).toBe(42);
  });
});
