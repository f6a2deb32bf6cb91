import { DatasetError } from './dataset-error.js';

/**
 * IDX, the MNIST file format: two zero bytes, a type code, the number of dimensions, each
 * dimension as a big-endian uint32, then the items row-major. Only unsigned bytes (type 0x08)
 * are read here, which is what MNIST and its look-alikes (Fashion-MNIST, KMNIST) use.
 */
export const IDX_UNSIGNED_BYTE = 0x08;

export interface IdxHeader {
  /** The first four bytes as a big-endian number: 2051 for 3-d image files, 2049 for label files. */
  magic: number;
  dims: number[];
  /** Where the items start: 4 + 4 * dims.length. */
  dataOffset: number;
}

/** The length of the header that starts with `prefix` (its first 4 bytes), so a reader knows how much to fetch. */
export function idxHeaderLength(prefix: Uint8Array, source: string): number {
  if (prefix.length < 4) throw new DatasetError(`${source}: ${prefix.length} bytes is too short for an IDX file; the file is truncated.`);
  return 4 + 4 * prefix[3]!;
}

/**
 * Parses and checks an IDX header from `bytes` (at least the header), for a file of `fileSize`
 * bytes: the zero prefix, the type, the dimensions, and that the items exactly fill the file.
 */
export function readIdxHeader(bytes: Uint8Array, fileSize: number, source: string): IdxHeader {
  const dataOffset = idxHeaderLength(bytes, source);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DatasetError(`${source}: not an IDX file (it must start with two zero bytes).`);
  }
  if (bytes[2] !== IDX_UNSIGNED_BYTE) {
    throw new DatasetError(`${source}: IDX type 0x${bytes[2]!.toString(16).padStart(2, '0')} is not supported; only unsigned bytes (0x08) are.`);
  }
  if (bytes[3] === 0) throw new DatasetError(`${source}: the IDX header declares zero dimensions.`);
  if (bytes.length < dataOffset || fileSize < dataOffset) {
    throw new DatasetError(`${source}: the IDX header needs ${dataOffset} bytes but the file is shorter; it is truncated.`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const dims = Array.from({ length: bytes[3]! }, (_, k) => view.getUint32(4 + 4 * k, false));
  const items = dims.reduce((product, d) => product * d, 1);
  const expected = dataOffset + items;
  if (fileSize !== expected) {
    const problem = fileSize < expected ? 'it is truncated' : `it has ${fileSize - expected} trailing bytes`;
    throw new DatasetError(`${source}: the IDX header declares dimensions [${dims.join(', ')}] (${expected} bytes in all) but the file has ${fileSize} bytes; ${problem}.`);
  }
  return { magic, dims, dataOffset };
}
