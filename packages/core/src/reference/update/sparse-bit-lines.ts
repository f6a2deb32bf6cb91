/**
 * The firing lines of one vector (x or d) in each of BL time slots: for slot k, `count[k]`
 * entries starting at `k * size` of `index` (the line) and `sign` (+1 or -1, the sign of the
 * vector element). Buffers grow on demand and are reused across samples.
 */
export class SparseBitLines {
  index: Int32Array;
  sign: Int8Array;
  count: Int32Array;

  constructor(
    readonly size: number,
    slots: number,
  ) {
    this.index = new Int32Array(size * slots);
    this.sign = new Int8Array(size * slots);
    this.count = new Int32Array(slots);
  }

  /** Empties the first `slots` slots, growing the buffers when needed. */
  clear(slots: number): void {
    if (slots > this.count.length) {
      this.index = new Int32Array(this.size * slots);
      this.sign = new Int8Array(this.size * slots);
      this.count = new Int32Array(slots);
    } else {
      this.count.fill(0, 0, slots);
    }
  }

  push(slot: number, line: number, sign: 1 | -1): void {
    const at = slot * this.size + this.count[slot]!++;
    this.index[at] = line;
    this.sign[at] = sign;
  }
}
