import type { PulsedStepArrays } from '@analogkit/core';
import type { FastRandom } from '../random/fast-random.js';
import { deterministicCount, type DeterministicLines } from './deterministic-counts.js';
import type { PulseTrains } from './pulse-trains.js';

/** Replays single devices through the batch sample by sample, with the device bounds after each. */
export interface DeviceReplay {
  /** The weight of device `idx` (flat, row-major) after the batch, starting from `w0`. */
  replay(idx: number, w0: number): number;
}

/** The constant-step device arrays of a tile plus its cycle-to-cycle step noise. */
export interface ConstantStepArrays extends PulsedStepArrays {
  readonly stepNoise: number;
}

/**
 * `count` pulses on device idx in one sample (> 0: down), then the bounds: n steps of
 * `s (1 + sigma xi)` sum to `s (n + sigma sqrt(n) xi)`, and pulses that all go one way end where
 * clipping once puts them (unless a noisy step is negative, probability Phi(-1/sigma) per pulse).
 * Branch-free on the count (0 changes nothing), since counts are random.
 */
function pulseDevice(dev: ConstantStepArrays, random: FastRandom, idx: number, w: number, count: number): number {
  const n = Math.abs(count);
  const pulses = dev.stepNoise > 0 ? n + dev.stepNoise * Math.sqrt(n) * random.normal() : n;
  const step = count > 0 ? -dev.down[idx]! : dev.up[idx]!;
  return Math.max(Math.min(w + step * pulses, dev.max[idx]!), dev.min[idx]!);
}

/**
 * Replay of stochastic pulse trains: a sample's count is the coincidences of its slots. On the
 * first replay the trains are transposed to line-major (one block transpose instead of strided
 * gathers); each replayed row then lists the slots where its d line fires, so a device only
 * visits those.
 */
export class TrainReplay implements DeviceReplay {
  private readonly rowSlots = new Map<number, { slots: Int32Array; signs: Float32Array }>();
  private readonly slotSample: Int32Array;
  private dLines: Float32Array | null = null;
  private xLines: Float32Array | null = null;

  constructor(
    private readonly trains: PulseTrains,
    batch: number,
    private readonly rows: number,
    private readonly cols: number,
    private readonly dev: ConstantStepArrays,
    private readonly random: FastRandom,
  ) {
    this.slotSample = new Int32Array(trains.slots);
    for (let s = 0; s < batch; s++) this.slotSample.fill(s, trains.sampleSlots[s]!, trains.sampleSlots[s + 1]!);
  }

  replay(idx: number, w0: number): number {
    const i = Math.floor(idx / this.cols);
    const { slots, signs } = this.row(i);
    this.xLines ??= transpose(this.trains.x, this.trains.slots, this.cols);
    const x = this.xLines;
    const xRow = (idx - i * this.cols) * this.trains.slots;
    const slotSample = this.slotSample;
    let w = w0;
    let sample = -1;
    let count = 0;
    for (let n = 0; n < slots.length; n++) {
      const k = slots[n]!;
      const s = slotSample[k]!;
      if (s !== sample) {
        w = pulseDevice(this.dev, this.random, idx, w, count);
        sample = s;
        count = 0;
      }
      count += signs[n]! * x[xRow + k]!;
    }
    return pulseDevice(this.dev, this.random, idx, w, count);
  }

  private row(i: number): { slots: Int32Array; signs: Float32Array } {
    let row = this.rowSlots.get(i);
    if (!row) {
      this.dLines ??= transpose(this.trains.d, this.trains.slots, this.rows);
      const k0 = i * this.trains.slots;
      const line = this.dLines.subarray(k0, k0 + this.trains.slots);
      let n = 0;
      for (let k = 0; k < line.length; k++) if (line[k] !== 0) n++;
      row = { slots: new Int32Array(n), signs: new Float32Array(n) };
      n = 0;
      for (let k = 0; k < line.length; k++) {
        if (line[k] === 0) continue;
        row.slots[n] = k;
        row.signs[n++] = line[k]!;
      }
      this.rowSlots.set(i, row);
    }
    return row;
  }
}

/** The transpose of a row-major rows x cols matrix, in 32 x 32 blocks. */
function transpose(m: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(m.length);
  for (let i0 = 0; i0 < rows; i0 += 32) {
    for (let j0 = 0; j0 < cols; j0 += 32) {
      const i1 = Math.min(i0 + 32, rows);
      const j1 = Math.min(j0 + 32, cols);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) out[j * rows + i] = m[i * cols + j]!;
    }
  }
  return out;
}

/** Replay of the deterministic pulse types. */
export class DeterministicReplay implements DeviceReplay {
  constructor(
    private readonly lines: DeterministicLines,
    private readonly batch: number,
    private readonly rows: number,
    private readonly cols: number,
    private readonly dev: ConstantStepArrays,
    private readonly random: FastRandom,
  ) {}

  replay(idx: number, w0: number): number {
    const i = Math.floor(idx / this.cols);
    const j = idx - i * this.cols;
    let w = w0;
    for (let s = 0; s < this.batch; s++) w = pulseDevice(this.dev, this.random, idx, w, deterministicCount(this.lines, this.rows, this.cols, s, i, j));
    return w;
  }
}

/** Replay of the exact update `w += fl32(-lr d_i) x_j` with the bounds after every sample (NONE_WITH_DEVICE). */
export class ExactReplay implements DeviceReplay {
  constructor(
    private readonly a: Float32Array,
    private readonly x: Float32Array,
    private readonly batch: number,
    private readonly rows: number,
    private readonly cols: number,
    private readonly max: Float32Array,
    private readonly min: Float32Array,
  ) {}

  replay(idx: number, w0: number): number {
    const i = Math.floor(idx / this.cols);
    const j = idx - i * this.cols;
    const hi = this.max[idx]!;
    const lo = this.min[idx]!;
    let w = w0;
    for (let s = 0; s < this.batch; s++) {
      let v = Math.fround(w + this.a[s * this.rows + i]! * this.x[s * this.cols + j]!);
      if (v > hi) v = hi;
      if (v < lo) v = lo;
      w = v;
    }
    return w;
  }
}
