import { XoshiroRandom } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { FastRandom } from '../random/fast-random.js';
import { loadOnnxRuntime } from '../runtime/ort-loader.js';
import { GraphBuilder } from './graph-builder.js';
import { noiseInputs, noisePairs, normalNoise } from './normal-noise.js';

describe('normalNoise (Box-Muller in the graph)', () => {
  it('turns host uniforms into sigma * N(0, 1) of the requested shape, odd widths included', async () => {
    const ort = await loadOnnxRuntime();
    const rows = 400;
    const cols = 251;
    const sigma = 0.3;
    const g = new GraphBuilder('noise');
    g.output('z', normalNoise(g, 'n', rows, cols, sigma), [rows, cols]);
    const session = await ort.InferenceSession.create(g.build());
    const random = new FastRandom(new XoshiroRandom(5));
    const feeds = Object.fromEntries(
      noiseInputs('n').map((name) => {
        const u = new Float32Array(rows * noisePairs(cols));
        random.fillOpenUniform(u);
        return [name, new ort.Tensor('float32', u, [rows, noisePairs(cols)])];
      }),
    );
    const { z } = await session.run(feeds);
    await session.release();
    expect(z!.dims).toEqual([rows, cols]);
    const values = z!.data as Float32Array;
    const n = values.length;
    let sum = 0;
    let sq = 0;
    let tail = 0;
    for (const v of values) {
      sum += v;
      sq += v * v;
      if (Math.abs(v) > 3 * sigma) tail++;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan((5 * sigma) / Math.sqrt(n));
    expect(Math.abs(sq / n - sigma * sigma)).toBeLessThan(5 * sigma * sigma * Math.sqrt(2 / n));
    expect(Math.abs(tail / n - 0.0026998)).toBeLessThan(5 * Math.sqrt(0.0027 / n));
  });
});
