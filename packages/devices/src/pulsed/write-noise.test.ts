import { emptyTileState, PULSED_DEVICE_HIDDEN_NAMES, XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { ExpStepDevice } from './exp-step-device.js';
import { ExpStepDeviceModel } from './exp-step-device-model.js';
import { LinearStepDevice } from './linear-step-device.js';
import { LinearStepDeviceModel } from './linear-step-device-model.js';
import { deviceState, meanStd, meanTolerance, NO_VARIATION, stdTolerance } from './pulsed-test-support.js';
import { PERSISTENT_WEIGHTS } from './write-noise.js';

const model = new LinearStepDeviceModel();
const N = 10000;
/** write_noise_std 2 in units of dw_min 0.001. */
const SIGMA = 0.002;
const noisy = (extra: Partial<Record<string, unknown>> = {}) =>
  new LinearStepDevice({ ...NO_VARIATION, gamma_up_dtod: 0, gamma_down_dtod: 0, write_noise_std: 2, ...extra });

/** visible - persistent over all devices. */
function writeNoise(state: { weights: Float32Array; hidden: Record<string, Float32Array> }): number[] {
  const persistent = state.hidden[PERSISTENT_WEIGHTS]!;
  return Array.from(state.weights, (w, k) => w - persistent[k]!);
}

function expectWriteNoise(values: number[], sigma: number): void {
  const m = meanStd(values);
  expect(Math.abs(m.mean)).toBeLessThan(meanTolerance(sigma, values.length));
  expect(Math.abs(m.std - sigma)).toBeLessThan(stdTolerance(sigma, values.length));
}

describe('write noise (persistent and visible weights)', () => {
  it('adds persistent_weights after the shared hidden arrays only when write_noise_std > 0', () => {
    expect(model.hiddenNames(noisy())).toEqual([...PULSED_DEVICE_HIDDEN_NAMES, PERSISTENT_WEIGHTS, 'slope_up', 'slope_down']);
    expect(model.hiddenNames(noisy({ write_noise_std: 0 }))).not.toContain(PERSISTENT_WEIGHTS);
    expect(Object.keys(model.sampleHidden(noisy(), 2, 2, new XoshiroRandom(1)))).toEqual([...model.hiddenNames(noisy())]);
  });

  it('pulses the persistent weight by the rule and redraws only the touched visible weight', () => {
    const p = noisy();
    const state = deviceState(model, p, 100, 100, 2);
    const untouched = state.weights[1]!;
    const pulser = model.createPulser(p, state, new XoshiroRandom(3));
    for (let k = 0; k < N; k += 2) pulser.pulse(k, 1);
    const persistent = state.hidden[PERSISTENT_WEIGHTS]!;
    expect(persistent[0]).toBeCloseTo(0.001, 7);
    expect(persistent[1]).toBe(0);
    expect(state.weights[1]).toBe(untouched);
    expectWriteNoise(writeNoise(state).filter((_, k) => k % 2 === 0), SIGMA);
  });

  it('applyBounds clips, stores the persistent weights and adds write noise on set (or not)', () => {
    const p = noisy();
    const state = deviceState(model, p, 100, 100);
    state.weights.fill(0.25);
    state.weights[0] = 5;
    model.applyBounds(p, state, new XoshiroRandom(4));
    const persistent = state.hidden[PERSISTENT_WEIGHTS]!;
    expect(persistent[0]).toBe(Math.fround(0.6));
    expect(persistent[1]).toBe(0.25);
    expectWriteNoise(writeNoise(state), SIGMA);

    const quiet = noisy({ apply_write_noise_on_set: false });
    const s2 = deviceState(model, quiet, 2, 2);
    s2.weights.set([0.1, -0.2, 0.3, 9]);
    model.applyBounds(quiet, s2);
    expect(Array.from(s2.weights)).toEqual(Array.from(s2.hidden[PERSISTENT_WEIGHTS]!));
    expect(s2.weights[3]).toBe(Math.fround(0.6));
  });

  it('without a generator, applyBounds draws the set noise reproducibly from the written weights', () => {
    const p = noisy();
    const a = deviceState(model, p, 10, 10);
    const b = deviceState(model, p, 10, 10);
    a.weights.fill(0.125);
    b.weights.fill(0.125);
    model.applyBounds(p, a);
    model.applyBounds(p, b);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.weights.some((w) => w !== 0.125)).toBe(true);
  });

  it('decays, diffuses and resets the persistent weights, then redraws all visible ones', () => {
    const p = noisy({ lifetime: 10 });
    const state = deviceState(model, p, 100, 100);
    state.weights.fill(0.5);
    model.applyBounds(p, state, new XoshiroRandom(5));
    model.decay(p, state, 1, new XoshiroRandom(6));
    expect(state.hidden[PERSISTENT_WEIGHTS]![7]).toBeCloseTo(0.45, 6);
    expectWriteNoise(writeNoise(state), SIGMA);

    model.resetColumns(noisy({ reset_std: 0 }), state, 0, 100, 1, new XoshiroRandom(7));
    expect(state.hidden[PERSISTENT_WEIGHTS]!.every((w) => w === 0)).toBe(true);
    expectWriteNoise(writeNoise(state), SIGMA);

    const diffusing = noisy({ diffusion: 0.01 });
    const s2 = deviceState(model, diffusing, 100, 100);
    model.diffuse(diffusing, s2, new XoshiroRandom(8));
    const moved = meanStd(s2.hidden[PERSISTENT_WEIGHTS]!);
    expect(Math.abs(moved.std - 0.01)).toBeLessThan(stdTolerance(0.01, N));
    expectWriteNoise(writeNoise(s2), SIGMA);
  });

  it('without write noise the pulses and time effects act on the visible weights', () => {
    const p = new LinearStepDevice({ ...NO_VARIATION, lifetime: 10 });
    const state = deviceState(model, p, 1, 2);
    expect(state.hidden[PERSISTENT_WEIGHTS]).toBeUndefined();
    state.weights.set([0.5, -0.5]);
    model.decay(p, state, 1, new XoshiroRandom(1));
    expect(state.weights[0]).toBeCloseTo(0.45, 6);
    expect(state.weights[1]).toBeCloseTo(-0.45, 6);
  });

  it('scales the write noise by dw_min for other models too (ExpStep)', () => {
    const expModel = new ExpStepDeviceModel();
    const p = new ExpStepDevice({ ...NO_VARIATION, dw_min: 0.01, write_noise_std: 0.5 });
    const state = emptyTileState(100, 100);
    state.hidden = expModel.sampleHidden(p, 100, 100, new XoshiroRandom(9));
    expModel.applyBounds(p, state, new XoshiroRandom(10));
    expectWriteNoise(writeNoise(state), 0.005);
  });
});
