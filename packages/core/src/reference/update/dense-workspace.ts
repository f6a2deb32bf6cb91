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
}
