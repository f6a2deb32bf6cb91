import { describe, expect, it } from 'vitest';
import { emptyTileState, type TileState } from '../backends/tile-state.js';
import { ConfigError, ShapeError } from '../errors.js';
import { WeightRemapType } from '../parameters/enums.js';
import { WeightRemapParameter } from '../parameters/weight-remap-parameter.js';
import { remapWeightsReference } from './remap-weights.js';

function tile(rows: number, cols: number, values: number[]): TileState {
  const s = emptyTileState(rows, cols);
  s.weights = Float32Array.from(values);
  return s;
}

function remap(s: TileState, scales: number[], init: ConstructorParameters<typeof WeightRemapParameter>[0]): number[] {
  return Array.from(remapWeightsReference.run(s, { scales: Float32Array.from(scales) }, { remap: new WeightRemapParameter(init) }));
}

/** scale_i * w_ij, which remapping must keep. */
function logical(s: TileState, scales: number[]): number[] {
  return Array.from(s.weights, (w, i) => w * scales[Math.floor(i / s.cols)]!);
}

const rowMax = (s: TileState, r: number) => Math.max(...Array.from(s.weights.subarray(r * s.cols, (r + 1) * s.cols), Math.abs));

describe('RemapWeights', () => {
  const W = [0.5, -2, 1, 0.25];

  it('NONE returns the scales unchanged and leaves the weights', () => {
    const s = tile(2, 2, W);
    const input = Float32Array.from([1, 2]);
    const out = remapWeightsReference.run(s, { scales: input }, { remap: new WeightRemapParameter() });
    expect(Array.from(out)).toEqual([1, 2]);
    expect(out).not.toBe(input);
    expect(Array.from(s.weights)).toEqual(W);
  });

  it('LAYERWISE_SYMMETRIC divides W by max|W| and multiplies every scale by it', () => {
    const s = tile(2, 2, W);
    const before = logical(s, [1, 2]);
    const scales = remap(s, [1, 2], { type: WeightRemapType.LAYERWISE_SYMMETRIC });
    expect(scales).toEqual([2, 4]);
    expect(Array.from(s.weights)).toEqual([0.25, -1, 0.5, 0.125]);
    logical(s, scales).forEach((v, i) => expect(v).toBeCloseTo(before[i]!, 6));
  });

  it('LAYERWISE_SYMMETRIC maps max|W| to remapped_wmax', () => {
    const s = tile(2, 2, W);
    const scales = remap(s, [1, 1], { type: WeightRemapType.LAYERWISE_SYMMETRIC, remapped_wmax: 0.5 });
    expect(scales).toEqual([4, 4]);
    expect(Math.max(...Array.from(s.weights, Math.abs))).toBe(0.5);
  });

  it('CHANNELWISE_SYMMETRIC maps each row max to remapped_wmax (a zero row keeps factor 1)', () => {
    const s = tile(3, 2, [...W, 0, 0]);
    const before = logical(s, [1, 2, 3]);
    const scales = remap(s, [1, 2, 3], { type: WeightRemapType.CHANNELWISE_SYMMETRIC });
    expect(scales).toEqual([2, 2, 3]);
    expect(rowMax(s, 0)).toBe(1);
    expect(rowMax(s, 1)).toBe(1);
    logical(s, scales).forEach((v, i) => expect(v).toBeCloseTo(before[i]!, 6));
    const half = tile(2, 2, W);
    expect(remap(half, [1, 1], { type: WeightRemapType.CHANNELWISE_SYMMETRIC, remapped_wmax: 0.5 })).toEqual([4, 2]);
    expect([rowMax(half, 0), rowMax(half, 1)]).toEqual([0.5, 0.5]);
  });

  it('CHANNELWISE_SYMMETRIC with max_scale_range caps each scale at min(old scales) * range', () => {
    const s = tile(2, 2, [4, -1, 1, 0.5]);
    const before = logical(s, [1, 1]);
    const scales = remap(s, [1, 1], { type: WeightRemapType.CHANNELWISE_SYMMETRIC, max_scale_range: 2 });
    expect(scales).toEqual([2, 1]);
    expect([rowMax(s, 0), rowMax(s, 1)]).toEqual([2, 1]);
    logical(s, scales).forEach((v, i) => expect(v).toBeCloseTo(before[i]!, 6));
  });

  it('max_scale_ref raises the reference scale of the range', () => {
    const s = tile(2, 2, [4, -1, 1, 0.5]);
    const scales = remap(s, [1, 1], { type: WeightRemapType.CHANNELWISE_SYMMETRIC, max_scale_range: 2, max_scale_ref: 2 });
    expect(scales).toEqual([4, 1]);
    expect([rowMax(s, 0), rowMax(s, 1)]).toEqual([1, 1]);
  });

  it('max_scale_range needs remapped_wmax 1', () => {
    expect(() => remap(tile(1, 1, [1]), [1], { type: WeightRemapType.CHANNELWISE_SYMMETRIC, max_scale_range: 2, remapped_wmax: 0.5 })).toThrow(
      ConfigError,
    );
  });

  it('remaps the analog-bias column with its row', () => {
    const s = tile(1, 3, [0.5, -1, 4]);
    expect(remap(s, [1], { type: WeightRemapType.CHANNELWISE_SYMMETRIC })).toEqual([4]);
    expect(Array.from(s.weights)).toEqual([0.125, -0.25, 1]);
  });

  it('needs one scale per row', () => {
    expect(() => remap(tile(2, 2, W), [1], { type: WeightRemapType.LAYERWISE_SYMMETRIC })).toThrow(ShapeError);
  });
});
