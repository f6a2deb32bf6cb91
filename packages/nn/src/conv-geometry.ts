import { ConfigError, ShapeError, type Shape } from '@analogkit/core';

/** Kernel size, stride, padding and dilation of a 1-d or 2-d convolution, one entry per spatial dimension. */
export interface ConvSpec {
  readonly kernelSize: readonly number[];
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly dilation: readonly number[];
}

/** Sizes of one convolution call; 1-d convolutions are 2-d ones with height 1. */
export interface ConvGeometry {
  readonly batch: number;
  readonly channels: number;
  readonly inH: number;
  readonly inW: number;
  readonly kH: number;
  readonly kW: number;
  readonly strideH: number;
  readonly strideW: number;
  readonly padH: number;
  readonly padW: number;
  readonly dilH: number;
  readonly dilW: number;
  readonly outH: number;
  readonly outW: number;
  /** The spatial output shape as the caller's rank gives it ([outW] for 1-d). */
  readonly outSpatial: readonly number[];
}

/** Expands a number or a tuple into one value per spatial dimension and checks it. */
export function expandConvArgument(value: number | readonly number[], dims: number, name: string, min: number): number[] {
  const values = typeof value === 'number' ? Array.from({ length: dims }, () => value) : [...value];
  if (values.length !== dims || !values.every((v) => Number.isInteger(v) && v >= min)) {
    throw new ConfigError(`${name} must be an integer >= ${min} or ${dims} such integers, got ${JSON.stringify(value)}.`, name);
  }
  return values;
}

/** The geometry of a convolution (or pooling) of `inputShape` ([N, C, L] or [N, C, H, W]). */
export function convGeometry(inputShape: Shape, channels: number, spec: ConvSpec, what: string): ConvGeometry {
  const dims = spec.kernelSize.length;
  if (inputShape.length !== dims + 2 || inputShape[1] !== channels) {
    const expected = dims === 1 ? `[batch, ${channels}, length]` : `[batch, ${channels}, height, width]`;
    throw new ShapeError(`${what} expects input of shape ${expected}, got [${inputShape.join(', ')}].`);
  }
  const two = (values: readonly number[], fill: number): [number, number] => (dims === 1 ? [fill, values[0]!] : [values[0]!, values[1]!]);
  const [inH, inW] = two(inputShape.slice(2), 1);
  const [kH, kW] = two(spec.kernelSize, 1);
  const [strideH, strideW] = two(spec.stride, 1);
  const [padH, padW] = two(spec.padding, 0);
  const [dilH, dilW] = two(spec.dilation, 1);
  const outH = Math.floor((inH + 2 * padH - dilH * (kH - 1) - 1) / strideH) + 1;
  const outW = Math.floor((inW + 2 * padW - dilW * (kW - 1) - 1) / strideW) + 1;
  if (outH < 1 || outW < 1) {
    throw new ShapeError(
      `${what}: input [${inputShape.join(', ')}] is smaller than the (dilated) kernel [${spec.kernelSize.join(', ')}] with padding [${spec.padding.join(', ')}]; use a larger input or more padding.`,
    );
  }
  const batch = inputShape[0]!;
  return { batch, channels, inH, inW, kH, kW, strideH, strideW, padH, padW, dilH, dilW, outH, outW, outSpatial: dims === 1 ? [outW] : [outH, outW] };
}

/**
 * The patches of x [N, C, H, W] as rows [N * outH * outW, C * kH * kW], ordered as torch's
 * unfold: patch rows by (n, oh, ow), patch columns channel-major then kernel row, kernel column.
 * Zero padding.
 */
export function unfold(x: Float32Array, g: ConvGeometry): Float32Array {
  const patch = g.channels * g.kH * g.kW;
  const cols = new Float32Array(g.batch * g.outH * g.outW * patch);
  forEachTap(g, (row, col, src) => {
    cols[row * patch + col] = x[src]!;
  });
  return cols;
}

/** The adjoint of unfold: sums patch rows back into an [N, C, H, W] array (overlaps add up). */
export function fold(cols: Float32Array, g: ConvGeometry): Float32Array {
  const patch = g.channels * g.kH * g.kW;
  const x = new Float32Array(g.batch * g.channels * g.inH * g.inW);
  forEachTap(g, (row, col, src) => {
    x[src] = x[src]! + cols[row * patch + col]!;
  });
  return x;
}

/** Calls `visit(patchRow, patchColumn, inputIndex)` for every kernel tap that lands inside the input. */
function forEachTap(g: ConvGeometry, visit: (row: number, col: number, src: number) => void): void {
  for (let n = 0; n < g.batch; n++) {
    for (let oh = 0; oh < g.outH; oh++) {
      for (let ow = 0; ow < g.outW; ow++) {
        const row = (n * g.outH + oh) * g.outW + ow;
        for (let c = 0; c < g.channels; c++) {
          const plane = (n * g.channels + c) * g.inH;
          for (let ki = 0; ki < g.kH; ki++) {
            const h = oh * g.strideH - g.padH + ki * g.dilH;
            if (h < 0 || h >= g.inH) continue;
            for (let kj = 0; kj < g.kW; kj++) {
              const w = ow * g.strideW - g.padW + kj * g.dilW;
              if (w < 0 || w >= g.inW) continue;
              visit(row, (c * g.kH + ki) * g.kW + kj, (plane + h) * g.inW + w);
            }
          }
        }
      }
    }
  }
}

/** Patch-row outputs [N * L, O] as channel planes [N, O, L]. */
export function patchRowsToChannels(y: Float32Array, batch: number, positions: number, channels: number): Float32Array {
  const out = new Float32Array(y.length);
  for (let n = 0; n < batch; n++) {
    for (let l = 0; l < positions; l++) {
      const src = (n * positions + l) * channels;
      for (let o = 0; o < channels; o++) out[(n * channels + o) * positions + l] = y[src + o]!;
    }
  }
  return out;
}

/** Channel planes [N, O, L] as patch rows [N * L, O] (the inverse of patchRowsToChannels). */
export function channelsToPatchRows(d: Float32Array, batch: number, positions: number, channels: number): Float32Array {
  const out = new Float32Array(d.length);
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < channels; o++) {
      const src = (n * channels + o) * positions;
      for (let l = 0; l < positions; l++) out[(n * positions + l) * channels + o] = d[src + l]!;
    }
  }
  return out;
}
