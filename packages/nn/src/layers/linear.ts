import { Tensor } from '@analogkit/core';
import { ModuleError } from '../errors.js';
import { featureRows, fromFeatureRows, gradientRows, type FeatureRows } from '../feature-rows.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { checkSize } from './check-size.js';
import { denseBackward, denseForward } from './dense.js';
import { layerRandom, uniformFanInInit } from './weight-init.js';

export interface LinearOptions {
  bias?: boolean;
  /** Seed of the weight init (default: drawn from the default runtime's random source). */
  seed?: number;
}

/** A digital fully connected layer `y = x W^T + b` (torch's nn.Linear), weight [out, in]. */
export class Linear extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;
  private cache: FeatureRows | null = null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    super();
    checkSize(inFeatures, 'inFeatures');
    checkSize(outFeatures, 'outFeatures');
    const rng = layerRandom(options.seed);
    this.weight = this.registerParameter('weight', new Parameter(new Tensor(uniformFanInInit(outFeatures * inFeatures, inFeatures, rng), [outFeatures, inFeatures])));
    this.bias = (options.bias ?? true) ? this.registerParameter('bias', new Parameter(new Tensor(uniformFanInInit(outFeatures, inFeatures, rng)))) : null;
  }

  async forward(x: Tensor): Promise<Tensor> {
    const r = featureRows(x, this.inFeatures, 'Linear');
    this.cache = r;
    return fromFeatureRows(denseForward(r.rows, r.m, this.weight, this.bias, this.inFeatures, this.outFeatures), r.lead, this.outFeatures);
  }

  async backward(gradOutput: Tensor): Promise<Tensor> {
    const r = this.cache;
    if (!r) throw new ModuleError('Linear.backward() needs a forward() first.');
    const d = gradientRows(gradOutput, r.lead, this.outFeatures, 'Linear');
    return fromFeatureRows(denseBackward(r.rows, d, r.m, this.weight, this.bias, this.inFeatures, this.outFeatures), r.lead, this.inFeatures);
  }
}
