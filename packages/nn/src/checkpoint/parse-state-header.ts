import { CheckpointError } from './checkpoint-error.js';
import {
  FLOAT32_BYTES,
  FLOAT32_DTYPE,
  STATE_FILE_FORMAT,
  STATE_FILE_VERSION,
  type StateFileHeader,
  type TensorEntry,
  type ValueEntry,
} from './state-file-format.js';

const TENSOR_FIELDS = ['key', 'dtype', 'shape', 'data_offsets'];
const VALUE_FIELDS = ['key', 'value'];
const HEADER_FIELDS = ['format', 'version', 'entries'];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function checkFields(object: Record<string, unknown>, allowed: string[], what: string, source: string): void {
  const unknown = Object.keys(object).filter((field) => !allowed.includes(field));
  if (unknown.length > 0) {
    throw new CheckpointError(`${source}: ${what} has unknown field(s) ${unknown.join(', ')}; expected only ${allowed.join(', ')}.`);
  }
}

function parseTensorEntry(entry: Record<string, unknown>, key: string, dataLength: number, source: string): TensorEntry {
  checkFields(entry, TENSOR_FIELDS, `tensor "${key}"`, source);
  if (entry.dtype !== FLOAT32_DTYPE) {
    throw new CheckpointError(`${source}: tensor "${key}" has dtype ${JSON.stringify(entry.dtype)}; only "${FLOAT32_DTYPE}" is supported.`);
  }
  const { shape, data_offsets: offsets } = entry;
  if (!Array.isArray(shape) || !shape.every(isNonNegativeInteger)) {
    throw new CheckpointError(`${source}: tensor "${key}" has shape ${JSON.stringify(shape)}; a shape is a list of non-negative integers.`);
  }
  const elements = shape.reduce((product: number, d: number) => product * d, 1);
  if (!Number.isSafeInteger(elements * FLOAT32_BYTES)) {
    throw new CheckpointError(`${source}: tensor "${key}" has shape [${shape.join(', ')}], too large to address.`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeInteger) || offsets[0] > offsets[1]) {
    throw new CheckpointError(`${source}: tensor "${key}" has data_offsets ${JSON.stringify(offsets)}; expected [begin, end] with 0 <= begin <= end.`);
  }
  const [begin, end] = offsets as [number, number];
  if (end > dataLength) {
    throw new CheckpointError(`${source}: tensor "${key}" ends at data offset ${end}, beyond the ${dataLength}-byte data section; the file is truncated or corrupt.`);
  }
  if (end - begin !== elements * FLOAT32_BYTES) {
    throw new CheckpointError(
      `${source}: tensor "${key}" has shape [${shape.join(', ')}] (${elements * FLOAT32_BYTES} bytes of float32) but its block [${begin}, ${end}) holds ${end - begin} bytes.`,
    );
  }
  return { key, dtype: FLOAT32_DTYPE, shape: shape as number[], data_offsets: [begin, end] };
}

/**
 * Parses and checks a state-file header: format and version, and every entry's fields, key,
 * dtype, shape and offsets against a data section of `dataLength` bytes. Block layout (overlaps,
 * gaps, alignment) is checked by the caller, which sees all blocks at once.
 */
export function parseStateHeader(text: string, dataLength: number, source: string): StateFileHeader {
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch (error) {
    throw new CheckpointError(`${source}: the header is not valid JSON (${(error as Error).message}).`, { cause: error });
  }
  if (!isPlainObject(header) || header.format !== STATE_FILE_FORMAT) {
    throw new CheckpointError(`${source}: not an analogkit state file (the header's format is not "${STATE_FILE_FORMAT}").`);
  }
  if (header.version !== STATE_FILE_VERSION) {
    throw new CheckpointError(
      `${source}: state file version ${JSON.stringify(header.version)} is not supported; this analogkit reads version ${STATE_FILE_VERSION}.`,
    );
  }
  checkFields(header, HEADER_FIELDS, 'the header', source);
  if (!Array.isArray(header.entries)) throw new CheckpointError(`${source}: the header's "entries" is not a list.`);

  const seen = new Set<string>();
  const entries = header.entries.map((entry: unknown, index: number): TensorEntry | ValueEntry => {
    if (!isPlainObject(entry)) throw new CheckpointError(`${source}: header entry ${index} is not an object.`);
    const { key } = entry;
    if (typeof key !== 'string' || key.length === 0) {
      throw new CheckpointError(`${source}: header entry ${index} has key ${JSON.stringify(key)}; keys are non-empty strings.`);
    }
    if (seen.has(key)) throw new CheckpointError(`${source}: key "${key}" appears more than once in the header.`);
    seen.add(key);
    if ('value' in entry) {
      checkFields(entry, VALUE_FIELDS, `value "${key}"`, source);
      return { key, value: entry.value };
    }
    return parseTensorEntry(entry, key, dataLength, source);
  });
  return { format: STATE_FILE_FORMAT, version: STATE_FILE_VERSION, entries };
}
