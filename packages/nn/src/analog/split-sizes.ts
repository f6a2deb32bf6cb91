import type { MappingParameter } from '@analogkit/core';

/**
 * Balanced split of `size` into ceil(size / maxSize) parts, the first `size mod n` one larger
 * (aihwkit's get_split_sizes); `maxSize <= 0` never splits.
 */
export function splitSizes(size: number, maxSize: number): number[] {
  if (maxSize <= 0) return [size];
  const n = Math.ceil(size / maxSize);
  const base = Math.floor(size / n);
  const extra = size % n;
  return Array.from({ length: n }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * Whether a layer goes onto a tile array rather than a single tile (aihwkit's
 * get_default_tile_module_class): a size above its maximum, unless both maxima are 0.
 */
export function usesTileArray(outSize: number, inSize: number, mapping: MappingParameter): boolean {
  if (mapping.max_input_size === 0 && mapping.max_output_size === 0) return false;
  return inSize > mapping.max_input_size || outSize > mapping.max_output_size;
}
