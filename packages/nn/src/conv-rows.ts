import { ShapeError, Tensor, type Shape } from '@analogkit/core';
import {
  channelsToPatchRows,
  convGeometry,
  fold,
  patchRowsToChannels,
  unfold,
  type ConvGeometry,
  type ConvSpec,
} from './conv-geometry.js';

/** A convolution input unfolded into patch rows [N * L, C * prod(kernel)]. */
export interface ConvPatches {
  rows: Float32Array;
  m: number;
  geometry: ConvGeometry;
  inputShape: Shape;
}

/** Turns a convolution into one matrix product over patch rows and back (digital and analog convolutions share it). */
export class ConvRows {
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly spec: ConvSpec,
    private readonly what: string,
  ) {}

  toRows(x: Tensor): ConvPatches {
    const geometry = convGeometry(x.shape, this.inChannels, this.spec, this.what);
    return { rows: unfold(x.data, geometry), m: geometry.batch * geometry.outH * geometry.outW, geometry, inputShape: x.shape };
  }

  /** Patch-row outputs [N * L, outChannels] as [N, outChannels, ...spatial]. */
  toOutput(y: Float32Array, p: ConvPatches): Tensor {
    const g = p.geometry;
    return new Tensor(patchRowsToChannels(y, g.batch, g.outH * g.outW, this.outChannels), [g.batch, this.outChannels, ...g.outSpatial]);
  }

  /** An output gradient [N, outChannels, ...spatial] as patch rows [N * L, outChannels]. */
  gradientRows(gradOutput: Tensor, p: ConvPatches): Float32Array {
    const g = p.geometry;
    const expected = [g.batch, this.outChannels, ...g.outSpatial];
    if (gradOutput.rank !== expected.length || gradOutput.shape.some((d, i) => d !== expected[i])) {
      throw new ShapeError(`${this.what}: the output gradient has shape [${gradOutput.shape.join(', ')}], the last output had [${expected.join(', ')}].`);
    }
    return channelsToPatchRows(gradOutput.data, g.batch, g.outH * g.outW, this.outChannels);
  }

  /** Patch-row input gradients folded back to the input's shape. */
  toInputGradient(dRows: Float32Array, p: ConvPatches): Tensor {
    return new Tensor(fold(dRows, p.geometry), p.inputShape);
  }
}
