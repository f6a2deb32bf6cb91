import { ShapeError, Tensor } from '@analogkit/core';
import { ModuleError } from '../errors.js';
import { Module } from '../module.js';
import { checkSameShape } from './shape-checks.js';

/** The strides of softmax along one dimension: `outer` blocks of `size` values `inner` apart. */
interface SoftmaxLayout {
  outer: number;
  size: number;
  inner: number;
}

function softmaxLayout(x: Tensor, dim: number, what: string): SoftmaxLayout {
  const d = dim < 0 ? dim + x.rank : dim;
  if (!Number.isInteger(d) || d < 0 || d >= x.rank) throw new ShapeError(`${what}: dim ${dim} does not exist for shape [${x.shape.join(', ')}].`);
  const prod = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
  return { outer: prod(x.shape.slice(0, d)), size: x.shape[d]!, inner: prod(x.shape.slice(d + 1)) };
}

/** log(softmax(x)) along `dim`, computed stably (max subtracted, sums in float64). */
export function logSoftmax(x: Float32Array, l: SoftmaxLayout): Float32Array {
  const out = new Float32Array(x.length);
  for (let o = 0; o < l.outer; o++) {
    for (let i = 0; i < l.inner; i++) {
      const base = o * l.size * l.inner + i;
      let max = -Infinity;
      for (let k = 0; k < l.size; k++) max = Math.max(max, x[base + k * l.inner]!);
      let sum = 0;
      for (let k = 0; k < l.size; k++) sum += Math.exp(x[base + k * l.inner]! - max);
      const logSum = max + Math.log(sum);
      for (let k = 0; k < l.size; k++) out[base + k * l.inner] = x[base + k * l.inner]! - logSum;
    }
  }
  return out;
}

/** The input gradient of log-softmax: g - softmax * sum(g) along the dimension. */
function logSoftmaxBackward(logProbs: Float32Array, g: Float32Array, l: SoftmaxLayout): Float32Array {
  const out = new Float32Array(g.length);
  for (let o = 0; o < l.outer; o++) {
    for (let i = 0; i < l.inner; i++) {
      const base = o * l.size * l.inner + i;
      let sum = 0;
      for (let k = 0; k < l.size; k++) sum += g[base + k * l.inner]!;
      for (let k = 0; k < l.size; k++) {
        const idx = base + k * l.inner;
        out[idx] = g[idx]! - Math.exp(logProbs[idx]!) * sum;
      }
    }
  }
  return out;
}

/** torch's nn.LogSoftmax(dim). */
export class LogSoftmax extends Module {
  private cache: { output: Tensor; layout: SoftmaxLayout } | null = null;

  constructor(readonly dim = -1) {
    super();
  }

  async forward(x: Tensor): Promise<Tensor> {
    const layout = softmaxLayout(x, this.dim, 'LogSoftmax');
    const output = new Tensor(logSoftmax(x.data, layout), x.shape);
    this.cache = { output, layout };
    return output;
  }

  async backward(gradOutput: Tensor): Promise<Tensor> {
    const c = this.cache;
    if (!c) throw new ModuleError('LogSoftmax.backward() needs a forward() first.');
    checkSameShape(gradOutput, c.output, 'LogSoftmax');
    return new Tensor(logSoftmaxBackward(c.output.data, gradOutput.data, c.layout), gradOutput.shape);
  }
}
