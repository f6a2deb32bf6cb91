import { GlobalDriftCompensation } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { GlobalDriftCompensationWithExactReference } from '../parameters/global-drift-compensation-with-exact-reference.js';
import { PerColumnDriftCompensation } from '../parameters/per-column-drift-compensation.js';
import { GlobalDriftCompensationPlugin } from './global-drift-compensation-plugin.js';
import { GlobalDriftCompensationWithExactReferencePlugin } from './global-drift-compensation-with-exact-reference-plugin.js';
import { PerColumnDriftCompensationPlugin } from './per-column-drift-compensation-plugin.js';

// Outputs [n = 2, out = 3].
const Y = Float32Array.of(1, -2, 0, -3, 4, 0);

describe('drift compensation readouts', () => {
  it('global: one value max(mean|Y|, 1e-4) through the noisy forward', () => {
    const plugin = new GlobalDriftCompensationPlugin();
    expect(Array.from(plugin.readout(new GlobalDriftCompensation(), Y))).toEqual([10 / 6].map(Math.fround));
    expect(Array.from(plugin.readout(new GlobalDriftCompensation(), new Float32Array(6)))).toEqual([Math.fround(1e-4)]);
    expect(plugin.exactReference()).toBe(false);
  });

  it('with exact reference: the same readout, the baseline through a perfect forward', () => {
    const plugin = new GlobalDriftCompensationWithExactReferencePlugin();
    expect(Array.from(plugin.readout(new GlobalDriftCompensationWithExactReference(), Y))).toEqual([Math.fround(10 / 6)]);
    expect(plugin.exactReference()).toBe(true);
  });

  it('per column: max(mean over inputs of |Y[:, i]|, 1e-4) for each output i', () => {
    const plugin = new PerColumnDriftCompensationPlugin();
    expect(Array.from(plugin.readout(new PerColumnDriftCompensation(), Y, 2, 3))).toEqual([2, 3, 1e-4].map(Math.fround));
    expect(plugin.exactReference()).toBe(false);
  });
});
