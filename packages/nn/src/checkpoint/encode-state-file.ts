import { Tensor } from '@analogkit/core';
import type { StateDict } from '../state-dict.js';
import { CheckpointError } from './checkpoint-error.js';
import { checkJsonValue } from './check-json-value.js';
import {
  alignUp,
  FLOAT32_BYTES,
  FLOAT32_DTYPE,
  HEADER_LENGTH_BYTES,
  HOST_IS_LITTLE_ENDIAN,
  STATE_FILE_FORMAT,
  STATE_FILE_VERSION,
  swapFloat32Bytes,
  type StateFileHeader,
} from './state-file-format.js';

const SPACE = 0x20;

/** The bytes of a state file for `dict`; checks every value first and throws CheckpointError on the first bad one. */
export function encodeStateFile(dict: StateDict): Uint8Array {
  const entries: StateFileHeader['entries'] = [];
  const blocks: Array<{ tensor: Tensor; begin: number }> = [];
  let dataLength = 0;
  for (const [key, value] of Object.entries(dict)) {
    if (key.length === 0) throw new CheckpointError('State dict has an empty key; every entry needs a name.');
    if (value instanceof Tensor && value.size() === 0) {
      entries.push({ key, dtype: FLOAT32_DTYPE, shape: [...value.shape], data_offsets: [0, 0] });
    } else if (value instanceof Tensor) {
      const begin = alignUp(dataLength);
      const end = begin + value.size() * FLOAT32_BYTES;
      entries.push({ key, dtype: FLOAT32_DTYPE, shape: [...value.shape], data_offsets: [begin, end] });
      blocks.push({ tensor: value, begin });
      dataLength = end;
    } else {
      checkJsonValue(value, key);
      entries.push({ key, value });
    }
  }

  const header: StateFileHeader = { format: STATE_FILE_FORMAT, version: STATE_FILE_VERSION, entries };
  const headerText = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = alignUp(HEADER_LENGTH_BYTES + headerText.length);
  const bytes = new Uint8Array(dataStart + dataLength);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(dataStart - HEADER_LENGTH_BYTES), true);
  bytes.set(headerText, HEADER_LENGTH_BYTES);
  bytes.fill(SPACE, HEADER_LENGTH_BYTES + headerText.length, dataStart);
  for (const { tensor, begin } of blocks) {
    const { data } = tensor;
    const target = bytes.subarray(dataStart + begin, dataStart + begin + data.byteLength);
    target.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    if (!HOST_IS_LITTLE_ENDIAN) swapFloat32Bytes(target);
  }
  return bytes;
}
