import { Tensor } from '@analogkit/core';
import type { StateDict, StateValue } from '../state-dict.js';
import { CheckpointError } from './checkpoint-error.js';
import { parseStateHeader } from './parse-state-header.js';
import {
  alignUp,
  BLOCK_ALIGNMENT,
  HEADER_LENGTH_BYTES,
  HOST_IS_LITTLE_ENDIAN,
  swapFloat32Bytes,
  type TensorEntry,
} from './state-file-format.js';

/** Throws unless the non-empty blocks tile the data section in order: aligned, disjoint, no gaps beyond padding, nothing after. */
function checkBlockLayout(tensors: TensorEntry[], dataLength: number, source: string): void {
  const blocks = tensors.filter((t) => t.data_offsets[1] > t.data_offsets[0]);
  blocks.sort((a, b) => a.data_offsets[0] - b.data_offsets[0]);
  let previous: TensorEntry | undefined;
  let end = 0;
  for (const block of blocks) {
    const [begin] = block.data_offsets;
    if (begin % BLOCK_ALIGNMENT !== 0) {
      throw new CheckpointError(`${source}: tensor "${block.key}" starts at data offset ${begin}, not a multiple of ${BLOCK_ALIGNMENT}.`);
    }
    if (previous && begin < end) {
      throw new CheckpointError(`${source}: the blocks of tensors "${previous.key}" and "${block.key}" overlap.`);
    }
    if (begin !== alignUp(end)) {
      throw new CheckpointError(`${source}: ${begin - end} unused bytes before the block of tensor "${block.key}"; the data section is corrupt.`);
    }
    previous = block;
    end = block.data_offsets[1];
  }
  if (dataLength !== end) {
    throw new CheckpointError(`${source}: ${dataLength - end} trailing bytes after the last tensor block; the file is corrupt or was appended to.`);
  }
}

function readTensor(bytes: Uint8Array, dataStart: number, entry: TensorEntry): Tensor {
  const [begin, end] = entry.data_offsets;
  const data = new Float32Array((end - begin) / 4);
  const target = new Uint8Array(data.buffer);
  target.set(bytes.subarray(dataStart + begin, dataStart + end));
  if (!HOST_IS_LITTLE_ENDIAN) swapFloat32Bytes(target);
  return new Tensor(data, entry.shape);
}

/**
 * The state dict stored in `bytes`, after checking the whole file; throws CheckpointError naming
 * `source` and the first problem found. Tensors get their own memory, keys keep the saved order.
 */
export function decodeStateFile(bytes: Uint8Array, source = 'state file'): StateDict {
  if (bytes.length < HEADER_LENGTH_BYTES) {
    throw new CheckpointError(`${source}: ${bytes.length} bytes is too short for a state file (the header length alone takes ${HEADER_LENGTH_BYTES}); the file is truncated.`);
  }
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true);
  const available = bytes.length - HEADER_LENGTH_BYTES;
  if (headerLength > BigInt(available)) {
    throw new CheckpointError(`${source}: the header length field says ${headerLength} bytes but only ${available} follow; the file is truncated or not a state file.`);
  }
  const dataStart = HEADER_LENGTH_BYTES + Number(headerLength);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEADER_LENGTH_BYTES, dataStart));
  } catch (error) {
    throw new CheckpointError(`${source}: the header is not valid UTF-8.`, { cause: error });
  }
  const dataLength = bytes.length - dataStart;
  const header = parseStateHeader(text, dataLength, source);
  if (dataStart % BLOCK_ALIGNMENT !== 0) {
    throw new CheckpointError(`${source}: the data section starts at byte ${dataStart}, not a multiple of ${BLOCK_ALIGNMENT}; the header length is corrupt.`);
  }
  const tensors = header.entries.filter((e): e is TensorEntry => 'dtype' in e);
  checkBlockLayout(tensors, dataLength, source);

  return Object.fromEntries(
    header.entries.map((entry) => [entry.key, 'dtype' in entry ? readTensor(bytes, dataStart, entry) : (entry.value as StateValue)]),
  );
}
