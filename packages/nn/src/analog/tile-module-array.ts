import { ShapeError, Tensor, type RPUConfig, type RandomSource, type Runtime } from '@analogkit/core';
import { Module } from '../module.js';
import { addColumns, sliceColumns } from '../tensor-math.js';
import { splitSizes } from './split-sizes.js';
import { TileModule } from './tile-module.js';

export interface TileModuleArrayOptions {
  runtime: Runtime;
  rpuConfig: RPUConfig;
  outSize: number;
  inSize: number;
  /** Draws the seed of each tile. */
  rng: RandomSource;
  backend?: string;
}

/**
 * A layer too large for one tile, spread over a grid of tiles (aihwkit's TileModuleArray): the
 * input is split by mapping.max_input_size and the output by max_output_size into balanced parts;
 * outputs are concatenated over the output splits and summed over the input splits. Tiles have no
 * analog bias; the layer adds one digital bias. Child `array.<i>.<j>` holds input part i, output part j.
 */
export class TileModuleArray extends Module {
  readonly inSizes: number[];
  readonly outSizes: number[];

  constructor(options: TileModuleArrayOptions) {
    super();
    const { mapping } = options.rpuConfig;
    this.inSizes = splitSizes(options.inSize, mapping.max_input_size);
    this.outSizes = splitSizes(options.outSize, mapping.max_output_size);
    this.inSizes.forEach((inSize, i) =>
      this.outSizes.forEach((outSize, j) => {
        const tile = new TileModule({
          runtime: options.runtime,
          rpuConfig: options.rpuConfig,
          outSize,
          inSize,
          analogBias: false,
          seed: options.rng.nextUint32(),
          ...(options.backend !== undefined ? { backend: options.backend } : {}),
        });
        this.registerModule(`array.${i}.${j}`, tile);
      }),
    );
  }

  get inSize(): number {
    return this.inSizes.reduce((a, b) => a + b, 0);
  }

  get outSize(): number {
    return this.outSizes.reduce((a, b) => a + b, 0);
  }

  /** The tile modules by input part, then output part (read from the children, so copies stay consistent). */
  get grid(): TileModule[][] {
    const children = new Map(this.namedChildren());
    return this.inSizes.map((_, i) => this.outSizes.map((_, j) => children.get(`array.${i}.${j}`) as TileModule));
  }

  private offsets(sizes: number[]): number[] {
    let acc = 0;
    return sizes.map((s) => ((acc += s), acc - s));
  }

  async forward(x: Tensor): Promise<Tensor> {
    if (x.rank !== 2 || x.shape[1] !== this.inSize) {
      throw new ShapeError(`Tile array input must have shape [M, ${this.inSize}], got [${x.shape.join(', ')}].`);
    }
    const m = x.shape[0]!;
    const y = new Float32Array(m * this.outSize);
    const inOffsets = this.offsets(this.inSizes);
    const outOffsets = this.offsets(this.outSizes);
    const grid = this.grid;
    for (let i = 0; i < grid.length; i++) {
      const xi = new Tensor(sliceColumns(x.data, m, this.inSize, inOffsets[i]!, this.inSizes[i]!), [m, this.inSizes[i]!]);
      for (let j = 0; j < grid[i]!.length; j++) {
        const yij = await grid[i]![j]!.forward(xi);
        addColumns(y, yij.data, m, this.outSize, outOffsets[j]!, this.outSizes[j]!);
      }
    }
    return new Tensor(y, [m, this.outSize]);
  }

  async backward(gradOutput: Tensor): Promise<Tensor> {
    if (gradOutput.rank !== 2 || gradOutput.shape[1] !== this.outSize) {
      throw new ShapeError(`Tile array output gradient must have shape [M, ${this.outSize}], got [${gradOutput.shape.join(', ')}].`);
    }
    const m = gradOutput.shape[0]!;
    const dx = new Float32Array(m * this.inSize);
    const inOffsets = this.offsets(this.inSizes);
    const outOffsets = this.offsets(this.outSizes);
    const grid = this.grid;
    for (let j = 0; j < this.outSizes.length; j++) {
      const dj = new Tensor(sliceColumns(gradOutput.data, m, this.outSize, outOffsets[j]!, this.outSizes[j]!), [m, this.outSizes[j]!]);
      for (let i = 0; i < grid.length; i++) {
        const dxij = await grid[i]![j]!.backward(dj);
        addColumns(dx, dxij.data, m, this.inSize, inOffsets[i]!, this.inSizes[i]!);
      }
    }
    return new Tensor(dx, [m, this.inSize]);
  }

  /** The logical weights [out, in] assembled from the tiles. */
  async getWeights(realistic: boolean): Promise<Tensor> {
    const w = new Float32Array(this.outSize * this.inSize);
    const inOffsets = this.offsets(this.inSizes);
    const outOffsets = this.offsets(this.outSizes);
    const grid = this.grid;
    for (let i = 0; i < grid.length; i++) {
      for (let j = 0; j < grid[i]!.length; j++) {
        const [wij] = await grid[i]![j]!.getWeights(realistic);
        const [rows, cols] = [this.outSizes[j]!, this.inSizes[i]!];
        for (let r = 0; r < rows; r++) w.set(wij.data.subarray(r * cols, (r + 1) * cols), (outOffsets[j]! + r) * this.inSize + inOffsets[i]!);
      }
    }
    return new Tensor(w, [this.outSize, this.inSize]);
  }

  /** Writes logical weights [out, in], each tile its block. */
  async setWeights(weight: Tensor, realistic: boolean): Promise<void> {
    const inOffsets = this.offsets(this.inSizes);
    const outOffsets = this.offsets(this.outSizes);
    const grid = this.grid;
    for (let i = 0; i < grid.length; i++) {
      for (let j = 0; j < grid[i]!.length; j++) {
        const [rows, cols] = [this.outSizes[j]!, this.inSizes[i]!];
        const block = new Float32Array(rows * cols);
        for (let r = 0; r < rows; r++) {
          const start = (outOffsets[j]! + r) * this.inSize + inOffsets[i]!;
          block.set(weight.data.subarray(start, start + cols), r * cols);
        }
        await grid[i]![j]!.setWeights(new Tensor(block, [rows, cols]), null, realistic);
      }
    }
  }
}
