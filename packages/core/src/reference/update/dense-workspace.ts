import { roundHalfEven } from '../mvm/quantize.js';

/** Reused buffers of the dense (coincidence-matrix) pulse types for one tile and batch. */
export class DenseWorkspace {
  /** Signed pulse count (or signed probability) per x line. */
  readonly xValues: Float64Array;
  /** Signed pulse count (or signed probability) per d line. */
  readonly dValues: Float64Array;
  /** Signed number of pulses per device, rows * cols; sign > 0 means down steps. */
  readonly coincidences: Int32Array;

  constructor(
    readonly rows: number,
    readonly cols: number,
  ) {
    this.xValues = new Float64Array(cols);
    this.dValues = new Float64Array(rows);
    this.coincidences = new Int32Array(rows * cols);
  }

  /**
   * `coincidences[i, j] = rint(fl32(rowFactor(d_i)·x_j))` from the line values, 0 in rows whose
   * d value is 0 (as the reference, in float32).
   */
  fillCoincidences(rowFactor: (dValue: number) => number): void {
    const { rows, cols, coincidences, xValues, dValues } = this;
    for (let i = 0; i < rows; i++) {
      const base = i * cols;
      const dv = dValues[i]!;
      if (dv === 0) {
        coincidences.fill(0, base, base + cols);
        continue;
      }
      const factor = rowFactor(dv);
      for (let j = 0; j < cols; j++) coincidences[base + j] = roundHalfEven(Math.fround(factor * xValues[j]!));
    }
  }
}
