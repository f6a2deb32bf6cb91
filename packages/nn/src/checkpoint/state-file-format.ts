/**
 * The analogkit state file, safetensors-like:
 *
 *   [8 bytes]  header length N, unsigned little-endian
 *   [N bytes]  UTF-8 JSON header, padded with spaces so the data section starts aligned
 *   [rest]     tensor blocks, raw little-endian float32, each starting on a BLOCK_ALIGNMENT boundary,
 *              zero padding between blocks, nothing after the last one
 *
 * The header is `{ format, version, entries }`; `entries` keeps the state dict's key order and holds
 * either a tensor `{ key, dtype, shape, data_offsets: [begin, end] }` (offsets relative to the data
 * section; an empty tensor has [0, 0] and no block) or a JSON value `{ key, value }`. A list rather
 * than an object so duplicate keys are detectable (JSON.parse keeps the last of two equal keys).
 */
export const STATE_FILE_FORMAT = 'analogkit-state';
export const STATE_FILE_VERSION = 1;
export const HEADER_LENGTH_BYTES = 8;
export const BLOCK_ALIGNMENT = 64;
export const FLOAT32_DTYPE = 'F32';
export const FLOAT32_BYTES = 4;

export interface TensorEntry {
  key: string;
  dtype: typeof FLOAT32_DTYPE;
  shape: number[];
  data_offsets: [number, number];
}

export interface ValueEntry {
  key: string;
  value: unknown;
}

export interface StateFileHeader {
  format: typeof STATE_FILE_FORMAT;
  version: typeof STATE_FILE_VERSION;
  entries: Array<TensorEntry | ValueEntry>;
}

export function alignUp(offset: number): number {
  return Math.ceil(offset / BLOCK_ALIGNMENT) * BLOCK_ALIGNMENT;
}

export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses each 4-byte group in place: float32 bytes between host and little-endian order on big-endian hosts. */
export function swapFloat32Bytes(bytes: Uint8Array): void {
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const b0 = bytes[i]!;
    const b1 = bytes[i + 1]!;
    bytes[i] = bytes[i + 3]!;
    bytes[i + 1] = bytes[i + 2]!;
    bytes[i + 2] = b1;
    bytes[i + 3] = b0;
  }
}
