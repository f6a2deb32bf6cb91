import { ConfigError, Tensor } from '@analogkit/core';
import { convGeometry, expandConvArgument, type ConvGeometry, type ConvSpec } from '../conv-geometry.js';
import { ModuleError } from '../errors.js';
import { Module } from '../module.js';
import { checkSameShape } from './shape-checks.js';

export interface PoolOptions {
  /** Default: the kernel size. */
  stride?: number | readonly [number, number];
  padding?: number | readonly [number, number];
}

/** Shared geometry of the 2-d poolings over inputs [N, C, H, W]. */
abstract class Pool2d extends Module {
  readonly spec: ConvSpec;
  protected cache: { geometry: ConvGeometry; output: Tensor; input: Tensor } | null = null;

  protected constructor(kernelSize: number | readonly [number, number], options: PoolOptions) {
    super();
    const kernel = expandConvArgument(kernelSize, 2, 'kernelSize', 1);
    const padding = expandConvArgument(options.padding ?? 0, 2, 'padding', 0);
    if (padding.some((p, i) => 2 * p > kernel[i]!)) {
      throw new ConfigError(`Pooling padding must be at most half the kernel size, got padding [${padding.join(', ')}] for kernel [${kernel.join(', ')}].`, 'padding');
    }
    this.spec = { kernelSize: kernel, stride: expandConvArgument(options.stride ?? kernel, 2, 'stride', 1), padding, dilation: [1, 1] };
  }

  protected geometryOf(x: Tensor): ConvGeometry {
    return convGeometry(x.shape, x.shape[1] ?? 0, this.spec, this.constructor.name);
  }

  /** Visits every output element with the input indices of its window (inside the input). */
  protected forEachWindow(g: ConvGeometry, visit: (out: number, taps: number[], window: number) => void): void {
    const taps: number[] = [];
    for (let plane = 0; plane < g.batch * g.channels; plane++) {
      for (let oh = 0; oh < g.outH; oh++) {
        for (let ow = 0; ow < g.outW; ow++) {
          taps.length = 0;
          for (let ki = 0; ki < g.kH; ki++) {
            const h = oh * g.strideH - g.padH + ki;
            if (h < 0 || h >= g.inH) continue;
            for (let kj = 0; kj < g.kW; kj++) {
              const w = ow * g.strideW - g.padW + kj;
              if (w >= 0 && w < g.inW) taps.push((plane * g.inH + h) * g.inW + w);
            }
          }
          visit((plane * g.outH + oh) * g.outW + ow, taps, g.kH * g.kW);
        }
      }
    }
  }

  protected cached(gradOutput: Tensor): { geometry: ConvGeometry; output: Tensor; input: Tensor } {
    const c = this.cache;
    if (!c) throw new ModuleError(`${this.constructor.name}.backward() needs a forward() first.`);
    checkSameShape(gradOutput, c.output, this.constructor.name);
    return c;
  }

  protected outputShape(g: ConvGeometry): number[] {
    return [g.batch, g.channels, g.outH, g.outW];
  }
}

/** Max over each window (padding counts as -infinity); the gradient goes to the first maximum. */
export class MaxPool2d extends Pool2d {
  private argmax: Int32Array | null = null;

  constructor(kernelSize: number | readonly [number, number], options: PoolOptions = {}) {
    super(kernelSize, options);
  }

  async forward(x: Tensor): Promise<Tensor> {
    const g = this.geometryOf(x);
    const y = new Float32Array(g.batch * g.channels * g.outH * g.outW);
    const argmax = new Int32Array(y.length);
    this.forEachWindow(g, (out, taps) => {
      let best = taps[0]!;
      for (const t of taps) if (x.data[t]! > x.data[best]!) best = t;
      argmax[out] = best;
      y[out] = x.data[best]!;
    });
    const output = new Tensor(y, this.outputShape(g));
    this.cache = { geometry: g, output, input: x };
    this.argmax = argmax;
    return output;
  }

  async backward(gradOutput: Tensor): Promise<Tensor> {
    const { input } = this.cached(gradOutput);
    const dx = new Float32Array(input.size());
    const argmax = this.argmax!;
    for (let i = 0; i < argmax.length; i++) dx[argmax[i]!] = dx[argmax[i]!]! + gradOutput.data[i]!;
    return new Tensor(dx, input.shape);
  }
}

/** Mean over each window; padded positions count as zeros in the divisor (torch's count_include_pad). */
export class AvgPool2d extends Pool2d {
  constructor(kernelSize: number | readonly [number, number], options: PoolOptions = {}) {
    super(kernelSize, options);
  }

  async forward(x: Tensor): Promise<Tensor> {
    const g = this.geometryOf(x);
    const y = new Float32Array(g.batch * g.channels * g.outH * g.outW);
    this.forEachWindow(g, (out, taps, window) => {
      let s = 0;
      for (const t of taps) s += x.data[t]!;
      y[out] = s / window;
    });
    const output = new Tensor(y, this.outputShape(g));
    this.cache = { geometry: g, output, input: x };
    return output;
  }

  async backward(gradOutput: Tensor): Promise<Tensor> {
    const { geometry, input } = this.cached(gradOutput);
    const dx = new Float32Array(input.size());
    this.forEachWindow(geometry, (out, taps, window) => {
      const share = gradOutput.data[out]! / window;
      for (const t of taps) dx[t] = dx[t]! + share;
    });
    return new Tensor(dx, input.shape);
  }
}
