import { describe, expect, it } from 'vitest';
import { emptyTileState, type TileState } from '../backends/tile-state.js';
import { KernelError } from '../errors.js';
import { WeightClipType } from '../parameters/enums.js';
import { WeightClipParameter } from '../parameters/weight-clip-parameter.js';
import { clipWeightsReference } from './clip-weights.js';

function tile(rows: number, cols: number, values: number[]): TileState {
  const s = emptyTileState(rows, cols);
  s.weights = Float32Array.from(values);
  return s;
}

function clip(s: TileState, init: ConstructorParameters<typeof WeightClipParameter>[0]): number[] {
  clipWeightsReference.run(s, {}, { clip: new WeightClipParameter(init) });
  return Array.from(s.weights);
}

const f = (v: number[]) => v.map(Math.fround);

describe('ClipWeights', () => {
  it('NONE leaves the weights, even with a fixed value set', () => {
    expect(clip(tile(1, 3, [2, -3, 0.1]), { type: WeightClipType.NONE, fixed_value: 0.5 })).toEqual(f([2, -3, 0.1]));
  });

  it('FIXED_VALUE clips to ±fixed_value (0.3 -> max|W| = 0.3)', () => {
    const out = clip(tile(2, 2, [0.5, -0.2, -0.7, 0.1]), { type: WeightClipType.FIXED_VALUE, fixed_value: 0.3 });
    expect(out).toEqual(f([0.3, -0.2, -0.3, 0.1]));
    expect(Math.max(...out.map(Math.abs))).toBe(Math.fround(0.3));
  });

  it('FIXED_VALUE <= 0 (the default -1) does not clip', () => {
    expect(clip(tile(1, 2, [5, -5]), { type: WeightClipType.FIXED_VALUE })).toEqual([5, -5]);
  });

  it('LAYER_GAUSSIAN clips to ±sigma * std(W), with the unbiased std', () => {
    // mean 0; unbiased std sqrt(2.5/4) = 0.7906, biased 0.7071. With sigma 1.3 the unbiased
    // limit (1.028) keeps the 1s; the biased one (0.919) would clip them.
    const w = [1, -1, 0.5, -0.5, 0];
    expect(clip(tile(1, 5, w), { type: WeightClipType.LAYER_GAUSSIAN, sigma: 1.3 })).toEqual(f(w));
    const limit = Math.sqrt(2.5 / 4) * 1.1;
    const out = clip(tile(1, 5, w), { type: WeightClipType.LAYER_GAUSSIAN, sigma: 1.1 });
    expect(out[0]).toBeCloseTo(limit, 6);
    expect(out[1]).toBeCloseTo(-limit, 6);
    expect(out.slice(2)).toEqual(f([0.5, -0.5, 0]));
  });

  it('LAYER_GAUSSIAN is capped by fixed_value > 0', () => {
    const out = clip(tile(1, 5, [1, -1, 0.5, -0.5, 0]), { type: WeightClipType.LAYER_GAUSSIAN, sigma: 2.5, fixed_value: 0.4 });
    expect(out).toEqual(f([0.4, -0.4, 0.4, -0.4, 0]));
  });

  it('AVERAGE_CHANNEL_MAX clips to the mean over rows of the row max |w|, capped by fixed_value > 0', () => {
    const w = [0.2, -1.0, 0.4, 0.1];
    expect(clip(tile(2, 2, w), { type: WeightClipType.AVERAGE_CHANNEL_MAX })).toEqual(f([0.2, -0.7, 0.4, 0.1]));
    expect(clip(tile(2, 2, w), { type: WeightClipType.AVERAGE_CHANNEL_MAX, fixed_value: 0.3 })).toEqual(f([0.2, -0.3, 0.3, 0.1]));
  });

  it('clips the whole tile, an analog-bias (last) column included, as aihwkit does', () => {
    expect(clip(tile(2, 3, [0.1, 0.2, 2, -0.1, 0.3, -2]), { type: WeightClipType.FIXED_VALUE, fixed_value: 1 })).toEqual(
      f([0.1, 0.2, 1, -0.1, 0.3, -1]),
    );
  });

  it('needs a tile state', () => {
    expect(() => clipWeightsReference.run(undefined, {}, { clip: new WeightClipParameter() })).toThrow(KernelError);
  });
});
