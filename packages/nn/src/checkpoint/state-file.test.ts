import { Tensor } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import type { StateDict } from '../state-dict.js';
import { CheckpointError } from './checkpoint-error.js';
import { decodeStateFile } from './decode-state-file.js';
import { encodeStateFile } from './encode-state-file.js';
import { BLOCK_ALIGNMENT, swapFloat32Bytes } from './state-file-format.js';

function bits(t: Tensor): number[] {
  return Array.from(new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length));
}

function sampleDict(): StateDict {
  return {
    'analog_module.weight': new Tensor(Float32Array.from([0.5, -1.25, NaN, Infinity, -Infinity, -0, 1e-45, 3.4028234e38]), [2, 4]),
    'analog_module.rpu_config': {
      class: 'SingleRPUConfig',
      device: { dw_min: 0.001, w_max: 0.6, flags: [true, false, null], name: 'ConstantStep – μ' },
      nested: [[1, 2], [{ deep: { deeper: 'x' } }]],
    },
    'analog_module.bias': new Tensor([0.1, 0.2, 0.3]),
    empty: new Tensor(new Float32Array(0), [0, 3]),
    scalar: new Tensor([42], []),
    'rng.state': [1, 2, 3, 4, 0, 0.25],
    alpha: 1.5,
    training: false,
  };
}

/** A state file with the given header object and data section, for crafting corrupt files. */
function craft(header: unknown, data: Uint8Array = new Uint8Array(0), headerLength?: number): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil((8 + text.length) / BLOCK_ALIGNMENT) * BLOCK_ALIGNMENT - 8;
  const bytes = new Uint8Array(8 + padded + data.length).fill(0x20, 8, 8 + padded);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(headerLength ?? padded), true);
  bytes.set(text, 8);
  bytes.set(data, 8 + padded);
  return bytes;
}

function tensorEntry(key: string, shape: number[], offsets: [number, number], dtype = 'F32') {
  return { key, dtype, shape, data_offsets: offsets };
}

function fileWith(entries: unknown[], dataLength: number, extra: Record<string, unknown> = {}): Uint8Array {
  return craft({ format: 'analogkit-state', version: 1, entries, ...extra }, new Uint8Array(dataLength));
}

function expectCheckpointError(bytes: Uint8Array, message: RegExp): void {
  let caught: unknown;
  try {
    decodeStateFile(bytes, 'test.akstate');
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CheckpointError);
  expect((caught as CheckpointError).code).toBe('CHECKPOINT_ERROR');
  expect((caught as CheckpointError).message).toMatch(/^test\.akstate: /);
  expect((caught as CheckpointError).message).toMatch(message);
}

describe('state file round trip', () => {
  it('restores tensors bit for bit, including NaN, infinities, -0 and subnormals', () => {
    const dict = sampleDict();
    const restored = decodeStateFile(encodeStateFile(dict));
    for (const key of ['analog_module.weight', 'analog_module.bias', 'empty', 'scalar']) {
      const original = dict[key] as Tensor;
      const back = restored[key] as Tensor;
      expect(back).toBeInstanceOf(Tensor);
      expect(back.shape).toEqual(original.shape);
      expect(bits(back)).toEqual(bits(original));
    }
    const weight = restored['analog_module.weight'] as Tensor;
    expect(Number.isNaN(weight.get(0, 2))).toBe(true);
    expect(Object.is(weight.get(1, 1), -0)).toBe(true);
  });

  it('restores nested JSON values and keeps the key order', () => {
    const dict = sampleDict();
    const restored = decodeStateFile(encodeStateFile(dict));
    expect(Object.keys(restored)).toEqual(Object.keys(dict));
    for (const key of ['analog_module.rpu_config', 'rng.state', 'alpha', 'training']) expect(restored[key]).toEqual(dict[key]);
  });

  it('gives each restored tensor its own writable memory', () => {
    const restored = decodeStateFile(encodeStateFile(sampleDict()));
    const bias = restored['analog_module.bias'] as Tensor;
    expect(bias.readOnly).toBe(false);
    expect(bias.data.buffer.byteLength).toBe(bias.data.byteLength);
  });

  it('aligns the data section and every block, and ends at the last block', () => {
    const bytes = encodeStateFile(sampleDict());
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLength) % BLOCK_ALIGNMENT).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as { entries: Array<{ data_offsets?: [number, number] }> };
    const blocks = header.entries.flatMap((e) => (e.data_offsets && e.data_offsets[1] > e.data_offsets[0] ? [e.data_offsets] : []));
    expect(blocks).toEqual([[0, 32], [64, 76], [128, 132]]);
    expect(bytes.length).toBe(8 + headerLength + 132);
  });

  it('stores an empty dict', () => {
    expect(decodeStateFile(encodeStateFile({}))).toEqual({});
  });
});

describe('swapFloat32Bytes (the big-endian host path)', () => {
  it('reverses each 4-byte group, and twice is the identity', () => {
    const bytes = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    swapFloat32Bytes(bytes);
    expect(Array.from(bytes)).toEqual([4, 3, 2, 1, 8, 7, 6, 5]);
    swapFloat32Bytes(bytes);
    expect(Array.from(bytes)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('encodeStateFile rejects what JSON would silently change', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['NaN in a JSON value', { a: [1, NaN] }, /"x\.a\[1\]" is NaN/],
    ['Infinity', Infinity, /"x" is Infinity/],
    ['undefined', { a: undefined }, /"x\.a" is a undefined/],
    ['a function', () => 1, /"x" is a function/],
    ['a bigint', 1n, /"x" is a bigint/],
    ['a typed array', new Float32Array(2), /"x" is a Float32Array/],
    ['a nested tensor', { w: new Tensor([1]) }, /Tensor nested inside a JSON value/],
    ['a class instance', new Map(), /"x" is a Map/],
  ];
  it.each(cases)('%s', (_name, value, message) => {
    expect(() => encodeStateFile({ x: value } as unknown as StateDict)).toThrow(CheckpointError);
    expect(() => encodeStateFile({ x: value } as unknown as StateDict)).toThrow(message);
  });

  it('a reference cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeStateFile({ x: cyclic } as unknown as StateDict)).toThrow(/reference cycle/);
  });

  it('an empty key', () => {
    expect(() => encodeStateFile({ '': 1 })).toThrow(/empty key/);
  });
});

describe('decodeStateFile rejects corrupt files with CheckpointError', () => {
  const good = encodeStateFile(sampleDict());

  it('every truncation of a valid file', () => {
    for (let cut = 0; cut < good.length; cut++) {
      expect(() => decodeStateFile(good.subarray(0, cut)), `cut at ${cut}`).toThrow(CheckpointError);
    }
  });

  it('a file shorter than the length field', () => {
    expectCheckpointError(good.subarray(0, 5), /5 bytes is too short/);
  });

  it('a header length beyond the file', () => {
    const bytes = good.slice();
    new DataView(bytes.buffer).setBigUint64(0, 2n ** 63n, true);
    expectCheckpointError(bytes, /header length field says 9223372036854775808 bytes but only \d+ follow/);
  });

  it('a header length that cuts the JSON', () => {
    const bytes = good.slice();
    new DataView(bytes.buffer).setBigUint64(0, 20n, true);
    expectCheckpointError(bytes, /not valid JSON/);
  });

  it('a header that is not JSON', () => {
    const bytes = good.slice();
    bytes[8] = 0x78; // 'x' instead of '{'
    expectCheckpointError(bytes, /not valid JSON/);
  });

  it('a header that is not UTF-8', () => {
    const bytes = good.slice();
    bytes[12] = 0xff;
    expectCheckpointError(bytes, /not valid UTF-8/);
  });

  it('another format or version', () => {
    expectCheckpointError(craft({ format: 'safetensors', version: 1, entries: [] }), /not an analogkit state file/);
    expectCheckpointError(craft([1, 2]), /not an analogkit state file/);
    expectCheckpointError(craft({ format: 'analogkit-state', version: 2, entries: [] }), /version 2 is not supported/);
  });

  it('a misaligned data section', () => {
    const header = { format: 'analogkit-state', version: 1, entries: [] };
    const unpadded = JSON.stringify(header).length;
    expect((8 + unpadded) % BLOCK_ALIGNMENT).not.toBe(0);
    expectCheckpointError(craft(header, new Uint8Array(0), unpadded), /data section starts at byte \d+, not a multiple of 64/);
  });

  it('unknown header or entry fields, and entries that are not a list', () => {
    expectCheckpointError(fileWith([], 0, { extra: 1 }), /the header has unknown field\(s\) extra/);
    expectCheckpointError(fileWith([{ key: 'a', value: 1, dtype: 'F32' }], 0), /value "a" has unknown field\(s\) dtype/);
    expectCheckpointError(fileWith([{ ...tensorEntry('w', [1], [0, 4]), extra: 1 }], 4), /tensor "w" has unknown field/);
    expectCheckpointError(fileWith([], 0, { entries: {} }), /"entries" is not a list/);
  });

  it('bad or duplicate keys', () => {
    expectCheckpointError(fileWith([{ key: 3, value: 1 }], 0), /entry 0 has key 3/);
    expectCheckpointError(fileWith([{ key: '', value: 1 }], 0), /entry 0 has key ""/);
    expectCheckpointError(fileWith(['a'], 0), /entry 0 is not an object/);
    expectCheckpointError(fileWith([{ key: 'a', value: 1 }, tensorEntry('a', [1], [0, 4])], 4), /key "a" appears more than once/);
  });

  it('an unknown dtype', () => {
    expectCheckpointError(fileWith([tensorEntry('w', [2], [0, 4], 'F16')], 4), /dtype "F16"; only "F32"/);
    expectCheckpointError(fileWith([{ key: 'w', shape: [1], data_offsets: [0, 4] }], 4), /dtype undefined/);
  });

  it('shapes that are not lists of non-negative integers', () => {
    expectCheckpointError(fileWith([tensorEntry('w', [-1], [0, 0])], 0), /shape \[-1\]/);
    expectCheckpointError(fileWith([tensorEntry('w', [1.5], [0, 4])], 4), /shape \[1\.5\]/);
    expectCheckpointError(fileWith([{ ...tensorEntry('w', [1], [0, 4]), shape: '1' }], 4), /shape "1"/);
    expectCheckpointError(fileWith([tensorEntry('w', [2 ** 30, 2 ** 30], [0, 4])], 4), /too large/);
  });

  it('malformed offsets', () => {
    expectCheckpointError(fileWith([tensorEntry('w', [1], [4, 0])], 4), /data_offsets \[4,0\]/);
    expectCheckpointError(fileWith([{ ...tensorEntry('w', [1], [0, 4]), data_offsets: [0] }], 4), /data_offsets \[0\]/);
  });

  it('an offset out of range', () => {
    expectCheckpointError(fileWith([tensorEntry('w', [4], [0, 16])], 8), /ends at data offset 16, beyond the 8-byte data section/);
  });

  it('a shape that does not match the block size', () => {
    expectCheckpointError(fileWith([tensorEntry('w', [2, 3], [0, 20])], 20), /shape \[2, 3\] \(24 bytes of float32\) but its block \[0, 20\) holds 20 bytes/);
  });

  it('overlapping blocks', () => {
    expectCheckpointError(fileWith([tensorEntry('a', [32], [0, 128]), tensorEntry('b', [16], [64, 128])], 128), /"a" and "b" overlap/);
  });

  it('a misaligned block', () => {
    expectCheckpointError(fileWith([tensorEntry('a', [1], [4, 8])], 8), /starts at data offset 4, not a multiple of 64/);
  });

  it('unused bytes between blocks', () => {
    expectCheckpointError(fileWith([tensorEntry('a', [1], [0, 4]), tensorEntry('b', [1], [128, 132])], 132), /124 unused bytes before the block of tensor "b"/);
  });

  it('trailing bytes', () => {
    const bytes = new Uint8Array(good.length + 3);
    bytes.set(good);
    expectCheckpointError(bytes, /3 trailing bytes after the last tensor block/);
    expectCheckpointError(fileWith([{ key: 'a', value: 1 }], 1), /1 trailing bytes/);
  });
});
