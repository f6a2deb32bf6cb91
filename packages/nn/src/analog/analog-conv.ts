import type { Tensor } from '@analogkit/core';
import type { ConvSpec } from '../conv-geometry.js';
import { ConvRows, type ConvPatches } from '../conv-rows.js';
import { convSpec, type ConvOptions } from '../layers/conv.js';
import { AnalogModule, type AnalogLayerOptions, type LayerRows } from './analog-module.js';

export type AnalogConvOptions = Omit<ConvOptions, 'seed'> & AnalogLayerOptions;

/**
 * A convolution on analog tiles (aihwkit's AnalogConv1d/2d): the input is unfolded into patches
 * (channel-major, then kernel positions, as torch's unfold), each patch is one analog MVM of the
 * [out, in * prod(kernel)] weight matrix, and the results are folded back into channels.
 */
abstract class AnalogConvNd extends AnalogModule<ConvPatches> {
  readonly spec: ConvSpec;
  private readonly conv: ConvRows;

  protected constructor(
    dims: number,
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | readonly number[],
    options: AnalogConvOptions,
  ) {
    const spec = convSpec(dims, inChannels, outChannels, kernelSize, options);
    super(outChannels, inChannels * spec.kernelSize.reduce((a, b) => a * b, 1), options);
    this.spec = spec;
    this.conv = new ConvRows(inChannels, outChannels, spec, this.constructor.name);
  }

  protected get weightShape(): number[] {
    return [this.outChannels, this.inChannels, ...this.spec.kernelSize];
  }

  protected toRows(x: Tensor): LayerRows<ConvPatches> {
    const p = this.conv.toRows(x);
    return { rows: p.rows, m: p.m, layout: p };
  }

  protected fromRows(y: Float32Array, p: ConvPatches): Tensor {
    return this.conv.toOutput(y, p);
  }

  protected gradientRows(gradOutput: Tensor, p: ConvPatches): Float32Array {
    return this.conv.gradientRows(gradOutput, p);
  }

  protected toInputGradient(dx: Float32Array, p: ConvPatches): Tensor {
    return this.conv.toInputGradient(dx, p);
  }
}

/** Analog 1-d convolution over inputs [N, C, L]. */
export class AnalogConv1d extends AnalogConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: AnalogConvOptions = {}) {
    super(1, inChannels, outChannels, kernelSize, options);
  }
}

/** Analog 2-d convolution over inputs [N, C, H, W]. */
export class AnalogConv2d extends AnalogConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: AnalogConvOptions = {}) {
    super(2, inChannels, outChannels, kernelSize, options);
  }
}
