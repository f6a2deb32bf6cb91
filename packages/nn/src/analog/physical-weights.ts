import { Tensor, type Tile } from '@analogkit/core';

/**
 * The weights as stored on the devices, [rows, cols] with the analog-bias column, without the
 * tile's digital mapping scales (getWeights() returns them scaled). Exact: nothing is rounded.
 */
export async function readPhysicalWeights(tile: Tile): Promise<Tensor> {
  const scales = tile.getMappingScales();
  tile.setMappingScales(null);
  let weights: Tensor;
  let bias: Tensor | null;
  try {
    [weights, bias] = await tile.getWeights();
  } finally {
    tile.setMappingScales(scales);
  }
  const { outSize: rows, inSize } = tile;
  const cols = inSize + (bias ? 1 : 0);
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    out.set(weights.data.subarray(i * inSize, (i + 1) * inSize), i * cols);
    if (bias) out[i * cols + inSize] = bias.data[i]!;
  }
  return new Tensor(out, [rows, cols]);
}

/** Writes device weights [rows, cols] (analog-bias column included) and keeps the tile's mapping scales. */
export async function writePhysicalWeights(tile: Tile, physical: Tensor): Promise<void> {
  const cols = tile.inSize + (tile.analogBias ? 1 : 0);
  const weights = new Float32Array(tile.outSize * tile.inSize);
  const bias = tile.analogBias ? new Float32Array(tile.outSize) : null;
  for (let i = 0; i < tile.outSize; i++) {
    weights.set(physical.data.subarray(i * cols, i * cols + tile.inSize), i * tile.inSize);
    if (bias) bias[i] = physical.data[i * cols + tile.inSize]!;
  }
  const scales = tile.getMappingScales();
  await tile.setWeights(new Tensor(weights, [tile.outSize, tile.inSize]), bias ? new Tensor(bias) : null);
  tile.setMappingScales(scales);
}
