import { ConfigError, Tensor } from '@analogkit/core';
import { expandConvArgument, type ConvSpec } from '../conv-geometry.js';
import { ConvRows, type ConvPatches } from '../conv-rows.js';
import { ModuleError } from '../errors.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { denseBackward, denseForward } from './dense.js';
import { checkSize } from './check-size.js';
import { layerRandom, uniformFanInInit } from './weight-init.js';

/** Arguments of a convolution; numbers apply to every spatial dimension. Zero padding, groups 1. */
export interface ConvOptions {
  stride?: number | readonly number[];
  padding?: number | readonly number[];
  dilation?: number | readonly number[];
  bias?: boolean;
  /** Only 1 is supported (as aihwkit's analog convolutions). */
  groups?: number;
  /** Seed of the weight init (default: drawn from the default runtime's random source). */
  seed?: number;
}

/** Checks the sizes and expands the arguments of a `dims`-d convolution. */
export function convSpec(dims: number, inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvOptions): ConvSpec {
  checkSize(inChannels, 'inChannels');
  checkSize(outChannels, 'outChannels');
  if ((options.groups ?? 1) !== 1) {
    throw new ConfigError(`Only groups = 1 is supported (as in aihwkit's analog convolutions), got ${options.groups}.`, 'groups');
  }
  return {
    kernelSize: expandConvArgument(kernelSize, dims, 'kernelSize', 1),
    stride: expandConvArgument(options.stride ?? 1, dims, 'stride', 1),
    padding: expandConvArgument(options.padding ?? 0, dims, 'padding', 0),
    dilation: expandConvArgument(options.dilation ?? 1, dims, 'dilation', 1),
  };
}

/** A digital convolution (torch's nn.Conv1d / nn.Conv2d), weight [out, in, ...kernel]. */
abstract class ConvNd extends Module {
  readonly weight: Parameter;
  readonly bias: Parameter | null;
  readonly spec: ConvSpec;
  private readonly conv: ConvRows;
  private readonly patchSize: number;
  private cache: ConvPatches | null = null;

  protected constructor(
    dims: number,
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: number | readonly number[],
    options: ConvOptions,
  ) {
    super();
    this.spec = convSpec(dims, inChannels, outChannels, kernelSize, options);
    this.conv = new ConvRows(inChannels, outChannels, this.spec, this.constructor.name);
    this.patchSize = inChannels * this.spec.kernelSize.reduce((a, b) => a * b, 1);
    const rng = layerRandom(options.seed);
    const weight = new Tensor(uniformFanInInit(outChannels * this.patchSize, this.patchSize, rng), [outChannels, inChannels, ...this.spec.kernelSize]);
    this.weight = this.registerParameter('weight', new Parameter(weight));
    this.bias = (options.bias ?? true) ? this.registerParameter('bias', new Parameter(new Tensor(uniformFanInInit(outChannels, this.patchSize, rng)))) : null;
  }

  async forward(x: Tensor): Promise<Tensor> {
    const p = this.conv.toRows(x);
    this.cache = p;
    return this.conv.toOutput(denseForward(p.rows, p.m, this.weight, this.bias, this.patchSize, this.outChannels), p);
  }

  async backward(gradOutput: Tensor): Promise<Tensor> {
    const p = this.cache;
    if (!p) throw new ModuleError(`${this.constructor.name}.backward() needs a forward() first.`);
    const d = this.conv.gradientRows(gradOutput, p);
    return this.conv.toInputGradient(denseBackward(p.rows, d, p.m, this.weight, this.bias, this.patchSize, this.outChannels), p);
  }
}

/** Digital 1-d convolution over inputs [N, C, L]. */
export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvOptions = {}) {
    super(1, inChannels, outChannels, kernelSize, options);
  }
}

/** Digital 2-d convolution over inputs [N, C, H, W]. */
export class Conv2d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: number | readonly number[], options: ConvOptions = {}) {
    super(2, inChannels, outChannels, kernelSize, options);
  }
}
