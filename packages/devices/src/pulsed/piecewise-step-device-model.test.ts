import { ConfigError, XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { PiecewiseStepDevice } from './piecewise-step-device.js';
import { PiecewiseStepDeviceModel } from './piecewise-step-device-model.js';
import { deviceState, meanTolerance, NO_VARIATION, pulseOnce, stdTolerance, stepMoments } from './pulsed-test-support.js';

const model = new PiecewiseStepDeviceModel();
const UP = [1.5, 1, 2];
const DOWN = [0.5, 1, 1.5];

/** Linear interpolation of nodes placed evenly on [-0.6, 0.6]. */
function interpolate(nodes: number[], w: number): number {
  const x = ((w + 0.6) / 1.2) * (nodes.length - 1);
  const i = Math.min(Math.floor(x), nodes.length - 2);
  return nodes[i]! + (x - i) * (nodes[i + 1]! - nodes[i]!);
}

describe('PiecewiseStepDeviceModel', () => {
  it('is the piecewise-step kind; granularity dw_min·piecewise_up[⌊n/2⌋]', () => {
    const p = model.defaults();
    expect(model.kind).toBe('piecewise-step');
    expect([p.piecewise_up, p.piecewise_down, p.write_noise_std]).toEqual([[1], [1], 0]);
    expect(model.granularity(p)).toBe(0.001);
    expect(model.granularity(new PiecewiseStepDevice({ piecewise_up: [2, 1, 0.5, 0.25], piecewise_down: [1, 1, 1, 1] }))).toBe(0.0005);
  });

  it('needs non-empty node vectors of equal length', () => {
    expect(() => model.validate({ piecewise_up: [1, 2], piecewise_down: [1] })).toThrow(ConfigError);
    expect(() => model.validate({ piecewise_up: [], piecewise_down: [] })).toThrow(ConfigError);
  });

  it('scales the step by the interpolated node value at the weight', () => {
    const p = new PiecewiseStepDevice({ ...NO_VARIATION, piecewise_up: UP, piecewise_down: DOWN });
    const state = deviceState(model, p);
    for (const w of [-0.5, -0.375, 0, 0.25, 0.5]) {
      expect(pulseOnce(model, p, state, w, 1)).toBeCloseTo(0.001 * interpolate(UP, w), 7);
      expect(pulseOnce(model, p, state, w, -1)).toBeCloseTo(-0.001 * interpolate(DOWN, w), 7);
    }
    const single = new PiecewiseStepDevice({ ...NO_VARIATION, piecewise_up: [2], piecewise_down: [3] });
    const s1 = deviceState(model, single);
    expect(pulseOnce(model, single, s1, 0.25, 1)).toBeCloseTo(0.002, 7);
    expect(pulseOnce(model, single, s1, 0.25, -1)).toBeCloseTo(-0.003, 7);
  });

  it('has cycle-to-cycle noise σ·|step| (moments) and clips to the bounds', () => {
    const n = 20000;
    const p = new PiecewiseStepDevice({ ...NO_VARIATION, piecewise_up: UP, piecewise_down: DOWN, dw_min_std: 0.3 });
    const step = 0.001 * interpolate(UP, 0.25);
    const m = stepMoments(model, p, deviceState(model, p), 0.25, 1, n);
    expect(Math.abs(m.mean - step)).toBeLessThan(meanTolerance(0.3 * step, n));
    expect(Math.abs(m.std - 0.3 * step)).toBeLessThan(stdTolerance(0.3 * step, n) + 1e-7);

    const big = new PiecewiseStepDevice({ ...NO_VARIATION, dw_min: 0.25 });
    const state = deviceState(model, big);
    const pulser = model.createPulser(big, state, new XoshiroRandom(1));
    for (let t = 0; t < 10; t++) pulser.pulse(0, -1);
    expect(state.weights[0]).toBe(state.hidden['min_bound']![0]);
  });
});
