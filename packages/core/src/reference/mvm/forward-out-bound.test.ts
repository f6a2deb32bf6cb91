import { describe, expect, it } from 'vitest';
import { IOParameters } from '../../parameters/io-parameters.js';
import { forwardOutBound } from './forward-out-bound.js';

describe('forwardOutBound', () => {
  it('is 0.999 out_scale out_bound', () => {
    expect(forwardOutBound(new IOParameters())).toBeCloseTo(0.999 * 12, 12);
    expect(forwardOutBound(new IOParameters({ out_bound: 10, out_scale: 2 }))).toBeCloseTo(19.98, 12);
  });

  it('is null without an output bound', () => {
    expect(forwardOutBound(new IOParameters({ out_bound: 0 }))).toBeNull();
    expect(forwardOutBound(new IOParameters({ out_bound: -1 }))).toBeNull();
  });
});
