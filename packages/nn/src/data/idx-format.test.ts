import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { readIdxHeader } from './idx-format.js';

/** An IDX file: zero prefix, type code, dims big-endian, then `items` bytes (defaults to exactly what dims need). */
function idx(dims: number[], options: { type?: number; prefix?: [number, number]; items?: number } = {}): Uint8Array {
  const { type = 0x08, prefix = [0, 0] } = options;
  const items = options.items ?? dims.reduce((p, d) => p * d, 1);
  const bytes = new Uint8Array(4 + 4 * dims.length + items);
  bytes.set([...prefix, type, dims.length]);
  const view = new DataView(bytes.buffer);
  dims.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
  return bytes;
}

function expectDatasetError(bytes: Uint8Array, message: RegExp): void {
  expect(() => readIdxHeader(bytes, bytes.length, 'file.idx')).toThrow(DatasetError);
  expect(() => readIdxHeader(bytes, bytes.length, 'file.idx')).toThrow(message);
}

describe('readIdxHeader', () => {
  it('reads the magic number, big-endian dimensions and data offset', () => {
    const images = idx([3, 28, 28]);
    expect(readIdxHeader(images, images.length, 'images')).toEqual({ magic: 2051, dims: [3, 28, 28], dataOffset: 16 });
    const labels = idx([300]);
    expect(readIdxHeader(labels, labels.length, 'labels')).toEqual({ magic: 2049, dims: [300], dataOffset: 8 });
  });

  it('rejects a file too short for the magic number', () => {
    expectDatasetError(new Uint8Array([0, 0, 8]), /file\.idx: 3 bytes is too short/);
  });

  it('rejects a non-zero prefix', () => {
    expectDatasetError(idx([2], { prefix: [0x1f, 0x8b] }), /not an IDX file/);
  });

  it('rejects types other than unsigned bytes', () => {
    expectDatasetError(idx([2], { type: 0x0d }), /IDX type 0x0d is not supported/);
  });

  it('rejects zero dimensions', () => {
    expectDatasetError(idx([]), /declares zero dimensions/);
  });

  it('rejects a header cut short', () => {
    expectDatasetError(idx([3, 28, 28]).subarray(0, 10), /needs 16 bytes but the file is shorter/);
  });

  it('rejects missing items', () => {
    expectDatasetError(idx([3, 28, 28], { items: 3 * 784 - 1 }), /declares dimensions \[3, 28, 28\] \(2368 bytes in all\) but the file has 2367 bytes; it is truncated/);
  });

  it('rejects trailing bytes', () => {
    expectDatasetError(idx([5], { items: 7 }), /it has 2 trailing bytes/);
  });
});
