import type { Tensor } from 'onnxruntime-node';
import { noiseInputs, noisePairs } from '../graph/normal-noise.js';
import type { OnnxBackend } from '../onnx-backend.js';
import type { FastRandom } from './fast-random.js';

/** Draws the uniforms of the graph noise `name` (rows x cols normals, see normalNoise) into `feeds`. */
export function feedNormalNoise(backend: OnnxBackend, random: FastRandom, feeds: Record<string, Tensor>, name: string, rows: number, cols: number): void {
  const half = noisePairs(cols);
  for (const input of noiseInputs(name)) {
    const uniforms = backend.scratch(input, rows * half);
    random.fillOpenUniform(uniforms);
    feeds[input] = backend.tensor(uniforms, [rows, half]);
  }
}
