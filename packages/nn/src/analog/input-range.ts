import { Tensor, type InputRangeParameter } from '@analogkit/core';
import { Parameter } from '../parameter.js';

/**
 * The input range of a tile (aihwkit's pre-processing with InputRangeParameter): inputs are clipped
 * to +-r and divided by r before the tile and the outputs multiplied by r after it. r starts at
 * init_value, is calibrated from the first init_from_data training batches (running mean of
 * init_std_alpha * std(x)) and, when learn_input_range is set, learned from its own gradient.
 */
export class InputRange {
  readonly parameter: Parameter;
  /** Number of batches used so far for the calibration from data. */
  updateIndex = 0;

  constructor(private params: InputRangeParameter) {
    this.parameter = new Parameter(new Tensor(Float32Array.of(params.init_value)), { requiresGrad: params.learn_input_range });
  }

  get value(): number {
    return Math.abs(this.parameter.data.data[0]!);
  }

  /** Uses new settings (after a config was loaded); the value and calibration count are kept. */
  setParameters(params: InputRangeParameter): void {
    this.params = params;
  }

  /** In training: moves r towards init_std_alpha * std(x) while fewer than init_from_data batches were seen. */
  calibrate(x: Float32Array): void {
    if (this.updateIndex >= this.params.init_from_data) return;
    const std = sampleStd(x);
    const r = this.parameter.data.data;
    if (std > 0) {
      r[0] = (r[0]! * this.updateIndex + this.params.init_std_alpha * std) / (this.updateIndex + 1);
      this.updateIndex += 1;
    }
    r[0] = Math.abs(r[0]!);
  }

  /** clip(x, -r, r) / r */
  apply(x: Float32Array): Float32Array {
    const r = this.value;
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = Math.min(Math.max(x[i]!, -r), r) / r;
    return out;
  }

  /**
   * Accumulates the gradient of r from the raw inputs and the input gradient dx: negative parts
   * of dx where x hit +r, minus positive parts where it hit -r (times r if gradient_relative,
   * times gradient_scale), plus decay * r when more than input_min_percentage of the inputs
   * were inside the range.
   */
  accumulateGradient(x: Float32Array, dx: Float32Array): void {
    if (!this.parameter.requiresGrad) return;
    const r = this.value;
    let grad = 0;
    let inside = 0;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v >= r) grad += Math.min(dx[i]!, 0);
      else if (v <= -r) grad -= Math.max(dx[i]!, 0);
      if (Math.abs(v) < r) inside += 1;
    }
    if (this.params.gradient_relative) grad *= r * this.params.gradient_scale;
    if (this.params.decay > 0 && inside / x.length > this.params.input_min_percentage) grad += this.params.decay * r;
    this.parameter.accumulateGrad(Float32Array.of(grad));
  }
}

/** The unbiased standard deviation (torch's Tensor.std()). */
function sampleStd(x: Float32Array): number {
  if (x.length < 2) return 0;
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let sq = 0;
  for (const v of x) sq += (v - mean) * (v - mean);
  return Math.sqrt(sq / (x.length - 1));
}
