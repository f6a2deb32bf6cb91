import { open, type FileHandle } from 'node:fs/promises';
import { DatasetError } from './dataset-error.js';
import { idxHeaderLength, readIdxHeader, type IdxHeader } from './idx-format.js';

async function readExactly(handle: FileHandle, length: number, position: number, path: string): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) throw new DatasetError(`${path}: the file ended early; it is truncated or changed while being read.`);
    filled += bytesRead;
  }
  return buffer;
}

/**
 * The validated header of the IDX file at `path` and the bytes of its first `maxItems` items
 * (an item is one entry of the first dimension), read without loading the rest of the file.
 */
export async function readIdxFile(path: string, maxItems: number): Promise<{ header: IdxHeader; items: number; data: Uint8Array }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new DatasetError(`Could not open ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const { size } = await handle.stat();
    const prefix = await readExactly(handle, Math.min(4, size), 0, path);
    const headerBytes = await readExactly(handle, Math.min(idxHeaderLength(prefix, path), size), 0, path);
    const header = readIdxHeader(headerBytes, size, path);
    const itemBytes = header.dims.slice(1).reduce((product, d) => product * d, 1);
    const items = Math.min(header.dims[0]!, maxItems);
    return { header, items, data: await readExactly(handle, items * itemBytes, header.dataOffset, path) };
  } finally {
    await handle.close();
  }
}
