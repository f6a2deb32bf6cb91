import { PlaceholderAccessError, ReadOnlyViewError, ShapeError } from '../errors.js';
import { Tensor, type Shape } from '../tensor/tensor.js';
import type { SimulatorTile } from '../tiles/tile-api.js';
import { AnalogContextDataViewMode } from './analog-context-data-view-mode.js';

/**
 * The optimizer's handle on one analog tile (aihwkit's `AnalogContext`): it stands in for the
 * tile weights as a parameter, carries the x/d traces that backward stores for the pulsed update,
 * and exposes the weights in one of three data-view modes (see `AnalogContextDataViewMode`):
 *
 * - `PLACEHOLDER` (default): metadata only. `size()`, `shape`, `numel()` and `device` work; every
 *   value read (`getData()`, `norm()`, ...) and every write throws `PlaceholderAccessError`,
 *   since real conductances cannot be read for free.
 * - `DATA_VIEW`: `getData()` re-reads `tile.getWeights()[0]` on every call and returns a fresh
 *   read-only copy, so it can never go out of sync with the tile (the stale stored copy raised in
 *   aihwkit's weight-access design discussion). In-place ops throw `ReadOnlyViewError`.
 *   For diagnostics only: a simulated hardware read is `tile.readWeights()`.
 * - `BUFFER`: `getData()` returns an independent, writable, zero-initialised tensor of the
 *   logical shape (the same object on every call), for optimizers with digital state (mixed
 *   precision, TT-v2). Writes never reach the tile.
 *
 * Buffer lifetime (as in aihwkit, whose `data_view_mode` setter creates a new buffer on every
 * assignment): every `enableBuffer()` call starts from a fresh zero buffer, also when the
 * context is already in BUFFER mode, and leaving BUFFER drops the buffer. Device moves keep it;
 * `reset(tile)` keeps it when the new tile has the same logical shape and re-creates it zeroed
 * otherwise.
 *
 * Shapes are always the logical weight shape `[outSize, inSize]`: the analog-bias column that a
 * tile with `analogBias` stores physically is never part of `size()`, `shape` or the data.
 *
 * Note: `size()` returns the shape (as aihwkit's `ctx.size()` / torch's `Tensor.size()` do), unlike
 * analogkit's `Tensor.size()`, which counts elements; `numel()` gives the element count.
 *
 * To change the analog weights use the tile (`update`, `setWeights`), never the context.
 */
export class AnalogContext {
  private tile: SimulatorTile;
  private mode = AnalogContextDataViewMode.PLACEHOLDER;
  private buffer: Tensor | null = null;
  private inputs: Tensor[] = [];
  private gradOutputs: Tensor[] = [];
  private indexed = false;

  constructor(analogTile: SimulatorTile) {
    this.tile = analogTile;
  }

  /** The tile this context stands for. */
  get analogTile(): SimulatorTile {
    return this.tile;
  }

  /** The active data-view mode. */
  get dataViewMode(): AnalogContextDataViewMode {
    return this.mode;
  }

  /** Metadata-only mode (the default): value reads throw `PlaceholderAccessError`. */
  enablePlaceholder(): this {
    return this.setMode(AnalogContextDataViewMode.PLACEHOLDER);
  }

  /** Read-only diagnostic view equal to `tile.getWeights()[0]`. */
  enableDataView(): this {
    return this.setMode(AnalogContextDataViewMode.DATA_VIEW);
  }

  /** An independent zero-initialised digital buffer; a fresh one on every call. */
  enableBuffer(): this {
    return this.setMode(AnalogContextDataViewMode.BUFFER);
  }

  private setMode(mode: AnalogContextDataViewMode): this {
    this.mode = mode;
    this.buffer = mode === AnalogContextDataViewMode.BUFFER ? Tensor.zeros(this.shape) : null;
    return this;
  }

  /** The logical weight shape `[outSize, inSize]` (no analog-bias column). Works in every mode. */
  get shape(): Shape {
    return Object.freeze([this.tile.outSize, this.tile.inSize]);
  }

  /** The logical weight shape, like `shape` (torch's `size()`); `numel()` counts elements. */
  size(): Shape {
    return this.shape;
  }

  /** Number of logical weights, `outSize * inSize`. */
  numel(): number {
    return this.tile.outSize * this.tile.inSize;
  }

  /** The tile's backend and target, e.g. `reference` or `onnx:cpu`. */
  get device(): string {
    return this.tile.device;
  }

  get isCuda(): boolean {
    return this.tile.isCuda;
  }

  /**
   * The tensor of the active mode: PLACEHOLDER throws; DATA_VIEW returns a fresh read-only copy of
   * `tile.getWeights()[0]`; BUFFER returns the (writable) buffer itself.
   */
  async getData(): Promise<Tensor> {
    return this.read('getData');
  }

  /** Frobenius norm of the active data (blocked in PLACEHOLDER). */
  async norm(): Promise<number> {
    return (await this.read('norm')).norm();
  }

  async sum(): Promise<number> {
    return (await this.read('sum')).sum();
  }

  async max(): Promise<number> {
    return (await this.read('max')).max();
  }

  async min(): Promise<number> {
    return (await this.read('min')).min();
  }

  async absMax(): Promise<number> {
    return (await this.read('absMax')).absMax();
  }

  /** Adds to the BUFFER; throws in PLACEHOLDER and DATA_VIEW. Never touches the tile. */
  async addInPlace(value: Tensor | number): Promise<this> {
    this.writableBuffer('addInPlace').addInPlace(value);
    return this;
  }

  /** Multiplies the BUFFER; throws in PLACEHOLDER and DATA_VIEW. Never touches the tile. */
  async mulInPlace(value: Tensor | number): Promise<this> {
    this.writableBuffer('mulInPlace').mulInPlace(value);
    return this;
  }

  private async read(op: string): Promise<Tensor> {
    switch (this.mode) {
      case AnalogContextDataViewMode.PLACEHOLDER:
        throw this.placeholderError(op);
      case AnalogContextDataViewMode.DATA_VIEW:
        return this.readLogicalWeights();
      case AnalogContextDataViewMode.BUFFER:
        return this.buffer!;
    }
  }

  private writableBuffer(op: string): Tensor {
    switch (this.mode) {
      case AnalogContextDataViewMode.PLACEHOLDER:
        throw this.placeholderError(op);
      case AnalogContextDataViewMode.DATA_VIEW:
        throw new ReadOnlyViewError(
          `${op}() is an in-place operation, and an AnalogContext in DATA_VIEW mode is a read-only view ` +
            `of the tile weights. Change analog weights with tile.update() or tile.setWeights(), or call ` +
            `enableBuffer() for a writable digital buffer.`,
        );
      case AnalogContextDataViewMode.BUFFER:
        return this.buffer!;
    }
  }

  private placeholderError(op: string): PlaceholderAccessError {
    return new PlaceholderAccessError(
      `${op}() reads weight values, but this AnalogContext is in PLACEHOLDER mode (metadata only: ` +
        `size(), shape, device). Call enableDataView() for a read-only diagnostic view, or read the ` +
        `weights with tile.getWeights().`,
    );
  }

  /** A read-only copy of `tile.getWeights()[0]`, checked against the logical shape. */
  private async readLogicalWeights(): Promise<Tensor> {
    const [weights] = await this.tile.getWeights();
    const [out, inp] = [this.tile.outSize, this.tile.inSize];
    if (weights.rank !== 2 || weights.shape[0] !== out || weights.shape[1] !== inp) {
      throw new ShapeError(
        `tile.getWeights() returned weights of shape [${weights.shape.join(', ')}], but the logical ` +
          `weight shape is [${out}, ${inp}]; an analog bias belongs in the separate bias tensor, not ` +
          `in an extra weight column.`,
      );
    }
    // Copy, so that writes through `.data` can never reach a tile that handed out its storage.
    return new Tensor(weights.data.slice(), [out, inp], { readOnly: true });
  }

  // -- traces for the analog optimizer ---------------------------------------------------------

  /**
   * Stores one backward pass's input `x` and output gradient `d` for the pulsed update. The
   * tensors are kept by reference; the optimizer concatenates them over the batch and calls
   * `tile.update(x, d)`, then `reset()`.
   */
  storeTrace(x: Tensor, d: Tensor): void {
    this.inputs.push(x);
    this.gradOutputs.push(d);
  }

  /** The stored inputs `x` (aihwkit's `analog_input`). */
  get analogInput(): readonly Tensor[] {
    return this.inputs;
  }

  /** The stored output gradients `d` (aihwkit's `analog_grad_output`). */
  get analogGradOutput(): readonly Tensor[] {
    return this.gradOutputs;
  }

  /** Whether a gradient trace was stored since the last `reset()`. */
  hasGradient(): boolean {
    return this.inputs.length > 0;
  }

  /**
   * Clears the traces and, when `analogTile` is given, points the context at that tile. In BUFFER
   * mode the buffer survives a re-point to a tile of the same logical shape and is re-created
   * (zeroed) for a different shape.
   */
  reset(analogTile?: SimulatorTile): void {
    if (analogTile !== undefined) {
      const before = this.shape;
      this.tile = analogTile;
      const after = this.shape;
      if (this.mode === AnalogContextDataViewMode.BUFFER && (before[0] !== after[0] || before[1] !== after[1])) {
        this.buffer = Tensor.zeros(after);
      }
    }
    this.inputs = [];
    this.gradOutputs = [];
  }

  /** Sets the context to indexed forward (convolution layers). */
  setIndexed(value = true): void {
    this.indexed = value;
  }

  get useIndexed(): boolean {
    return this.indexed;
  }

  // -- devices ---------------------------------------------------------------------------------

  /**
   * Moves the tile to `device` (e.g. `onnx:cuda`, `reference`). The mode, the buffer and the
   * stored traces (host tensors) are kept.
   */
  async to(device: string): Promise<this> {
    this.tile = await this.tile.to(device);
    return this;
  }

  /** Moves the tile to the best GPU target of its backend; a no-op when it is already on one. */
  async cuda(): Promise<this> {
    if (!this.tile.isCuda) this.tile = await this.tile.cuda();
    return this;
  }

  /**
   * A no-op for a context whose tile is not on a GPU (as in aihwkit); otherwise moves the tile to
   * the CPU target of its backend (`onnx:cuda` -> `onnx:cpu`).
   */
  async cpu(): Promise<this> {
    if (this.tile.isCuda) {
      const backend = this.tile.device.split(':')[0]!;
      this.tile = await this.tile.to(`${backend}:cpu`);
    }
    return this;
  }

  toString(): string {
    return `AnalogContext(${this.mode}, [${this.shape.join(', ')}], ${this.device})`;
  }
}
