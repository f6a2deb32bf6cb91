import type { Shape, Tensor } from '@analogkit/core';
import { featureRows, fromFeatureRows, gradientRows } from '../feature-rows.js';
import { checkSize } from '../layers/check-size.js';
import { AnalogModule, type AnalogLayerOptions, type LayerRows } from './analog-module.js';

/** A fully connected layer on analog tiles (aihwkit's AnalogLinear): inputs [..., in] -> [..., out]. */
export class AnalogLinear extends AnalogModule<Shape> {
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: AnalogLayerOptions = {},
  ) {
    checkSize(inFeatures, 'inFeatures');
    checkSize(outFeatures, 'outFeatures');
    super(outFeatures, inFeatures, options);
  }

  protected get weightShape(): number[] {
    return [this.outFeatures, this.inFeatures];
  }

  protected toRows(x: Tensor): LayerRows<Shape> {
    const r = featureRows(x, this.inFeatures, 'AnalogLinear');
    return { rows: r.rows, m: r.m, layout: r.lead };
  }

  protected fromRows(y: Float32Array, lead: Shape): Tensor {
    return fromFeatureRows(y, lead, this.outFeatures);
  }

  protected gradientRows(gradOutput: Tensor, lead: Shape): Float32Array {
    return gradientRows(gradOutput, lead, this.outFeatures, 'AnalogLinear');
  }

  protected toInputGradient(dx: Float32Array, lead: Shape): Tensor {
    return fromFeatureRows(dx, lead, this.inFeatures);
  }
}
