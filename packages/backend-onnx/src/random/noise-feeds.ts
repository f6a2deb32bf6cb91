import type { Tensor } from 'onnxruntime-node';
import type { OnnxBackend } from '../onnx-backend.js';
import type { FastRandom } from './fast-random.js';

/**
 * Draws the graph input `name`, rows x cols fresh normals `sigma * N(0, 1)`, into `feeds`. The
 * host's SIMD ziggurat is cheaper than turning uniforms into normals inside the graph (Box-Muller
 * costs a logarithm, a square root and a sine or cosine per normal there).
 */
export function feedNormalNoise(backend: OnnxBackend, random: FastRandom, feeds: Record<string, Tensor>, name: string, rows: number, cols: number, sigma: number): void {
  const normals = backend.scratch(name, rows * cols);
  backend.hostKernels().normals(normals, sigma, random);
  feeds[name] = backend.tensor(normals, [rows, cols]);
}
