import { ConfigError } from '../errors.js';
import type { RandomSource } from '../random/random-source.js';
import { Tensor } from '../tensor/tensor.js';
import type { WeightsAndBias } from './tile-api.js';

/** What reading and programming need from a tile. */
export interface ProgrammableTile {
  readonly outSize: number;
  readonly inSize: number;
  readonly analogBias: boolean;
  forward(x: Tensor, options?: { isTest?: boolean }): Promise<Tensor>;
  update(x: Tensor, d: Tensor, lr: number): Promise<void>;
  getWeights(): Promise<WeightsAndBias>;
  setWeights(w: Tensor, b?: Tensor | null): Promise<void>;
  getMappingScales(): Float32Array | null;
  setMappingScales(scales: Float32Array | null): void;
}

export interface ReadWeightsOptions {
  /** Number of random input vectors per input dimension (aihwkit's over_sampling). */
  overSampling?: number;
}

/**
 * Estimates the weights (and analog bias) from noisy eval forwards of Gaussian inputs by least
 * squares, as a measurement on a chip would: `W = argmin |X W^T - Y|`.
 */
export async function readWeights(tile: ProgrammableTile, rng: RandomSource, options: ReadWeightsOptions = {}): Promise<WeightsAndBias> {
  const over = options.overSampling ?? 10;
  if (!Number.isInteger(over) || over < 1) throw new ConfigError(`overSampling must be an integer >= 1, got ${over}.`, 'over_sampling');
  const n = over * tile.inSize;
  const x = new Float32Array(n * tile.inSize);
  rng.fillNormal(x);
  const y = await tile.forward(new Tensor(x, [n, tile.inSize]), { isTest: true });
  const p = tile.inSize + (tile.analogBias ? 1 : 0);
  const design = (b: number, j: number) => (j < tile.inSize ? x[b * tile.inSize + j]! : 1);
  const coef = leastSquares(design, n, p, (b, i) => y.data[b * tile.outSize + i]!, tile.outSize);
  const w = new Float32Array(tile.outSize * tile.inSize);
  const bias = tile.analogBias ? new Float32Array(tile.outSize) : null;
  for (let i = 0; i < tile.outSize; i++) {
    for (let j = 0; j < tile.inSize; j++) w[i * tile.inSize + j] = coef[j * tile.outSize + i]!;
    if (bias) bias[i] = coef[tile.inSize * tile.outSize + i]!;
  }
  return [new Tensor(w, [tile.outSize, tile.inSize]), bias ? new Tensor(bias, [tile.outSize]) : null];
}

/** Solves the normal equations (A^T A) C = A^T Y in float64 for C [p, m] (row-major). */
function leastSquares(a: (row: number, col: number) => number, n: number, p: number, y: (row: number, col: number) => number, m: number): Float64Array {
  const ata = new Float64Array(p * p);
  const aty = new Float64Array(p * m);
  const row = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < p; j++) row[j] = a(r, j);
    for (let j = 0; j < p; j++) {
      const v = row[j]!;
      for (let k = j; k < p; k++) ata[j * p + k] = ata[j * p + k]! + v * row[k]!;
      for (let i = 0; i < m; i++) aty[j * m + i] = aty[j * m + i]! + v * y(r, i);
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) ata[j * p + k] = ata[k * p + j]!;
  // Gaussian elimination with partial pivoting on [A^T A | A^T Y].
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(ata[r * p + c]!) > Math.abs(ata[pivot * p + c]!)) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < p; k++) [ata[c * p + k], ata[pivot * p + k]] = [ata[pivot * p + k]!, ata[c * p + k]!];
      for (let i = 0; i < m; i++) [aty[c * m + i], aty[pivot * m + i]] = [aty[pivot * m + i]!, aty[c * m + i]!];
    }
    const d = ata[c * p + c]!;
    for (let r = 0; r < p; r++) {
      if (r === c) continue;
      const f = ata[r * p + c]! / d;
      if (f === 0) continue;
      for (let k = c; k < p; k++) ata[r * p + k] = ata[r * p + k]! - f * ata[c * p + k]!;
      for (let i = 0; i < m; i++) aty[r * m + i] = aty[r * m + i]! - f * aty[c * m + i]!;
    }
  }
  for (let c = 0; c < p; c++) for (let i = 0; i < m; i++) aty[c * m + i] = aty[c * m + i]! / ata[c * p + c]!;
  return aty;
}

export interface ProgramWeightsOptions {
  lr?: number;
  maxIter?: number;
  /** Stop when mean|error| / max|target| falls below this. */
  tol?: number;
  /** Initial weights are drawn from U(-wInit, wInit). */
  wInit?: number;
}

/**
 * Programs the tile's current weights into its devices by closed-loop pulsed updates, as
 * aihwkit's program_weights for pulsed tiles: start from small random weights, then repeat
 * `error = forward(I) - target; update(I, error)` until the relative error is below `tol`.
 * Returns the number of iterations used.
 */
export async function programWeightsIteratively(tile: ProgrammableTile, rng: RandomSource, options: ProgramWeightsOptions = {}): Promise<number> {
  const lr = options.lr ?? 0.1;
  const maxIter = options.maxIter ?? 10000;
  const tol = options.tol ?? 0.01;
  const wInit = options.wInit ?? 0.01;
  for (const [name, v] of [['lr', lr], ['maxIter', maxIter], ['tol', tol], ['wInit', wInit]] as const) {
    if (!Number.isFinite(v) || v < 0) throw new ConfigError(`programWeights ${name} must be a finite number >= 0, got ${v}.`, name);
  }
  const [target, targetBias] = await tile.getWeights();
  const { outSize: out, inSize: inn } = tile;
  // Unit inputs, plus an all-zero input when there is an analog bias so that it is measured apart.
  const n = inn + (targetBias ? 1 : 0);
  const inputs = new Tensor(new Float32Array(n * inn).map((_, k) => (k < inn * inn && k % (inn + 1) === 0 ? 1 : 0)), [n, inn]);
  const expected = new Float32Array(n * out);
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < out; i++) expected[b * out + i] = (b < inn ? target.data[i * inn + b]! : 0) + (targetBias ? targetBias.data[i]! : 0);
  }
  const scale = Math.max(target.absMax(), targetBias ? targetBias.absMax() : 0, 1e-12);
  const init = new Float32Array(out * inn).map(() => (2 * rng.uniform() - 1) * wInit);
  // The digital scales stay as they are: only the devices are programmed.
  const scales = tile.getMappingScales();
  await tile.setWeights(new Tensor(init, [out, inn]), targetBias ? Tensor.zeros([out]) : null);
  tile.setMappingScales(scales);
  for (let iter = 1; iter <= maxIter; iter++) {
    const y = await tile.forward(inputs, { isTest: true });
    const err = new Float32Array(y.size());
    let meanAbs = 0;
    for (let k = 0; k < err.length; k++) {
      err[k] = y.data[k]! - expected[k]!;
      meanAbs += Math.abs(err[k]!);
    }
    if (meanAbs / err.length / scale < tol) return iter - 1;
    await tile.update(inputs, new Tensor(err, [n, out]), lr);
  }
  return maxIter;
}
