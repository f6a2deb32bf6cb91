import { ConfigError, ShapeError, Tensor } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { DataLoader } from './data-loader.js';
import { DatasetError } from './dataset-error.js';
import { loadMnist } from './mnist.js';
import { TensorDataset, type Dataset } from './tensor-dataset.js';

/** A dataset whose batches are the indices asked for, to see exactly what the loader visits. */
function indexDataset(length: number): Dataset<number[]> {
  return { length, batch: (indices) => Array.from(indices) };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('DataLoader', () => {
  it('batches in order, keeping or dropping the short last batch', () => {
    const keep = new DataLoader(indexDataset(10), { batchSize: 4 });
    expect(keep.length).toBe(3);
    expect([...keep]).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    const drop = new DataLoader(indexDataset(10), { batchSize: 4, dropLast: true });
    expect(drop.length).toBe(2);
    expect([...drop]).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
    expect([...new DataLoader(indexDataset(8), { batchSize: 4, dropLast: true })]).toHaveLength(2);
    expect([...new DataLoader(indexDataset(0), { batchSize: 4 })]).toEqual([]);
  });

  it('visits every index exactly once per shuffled epoch, in a new order each epoch', () => {
    const loader = new DataLoader(indexDataset(50), { batchSize: 7, shuffle: true, seed: 3 });
    const epochs = Array.from({ length: 4 }, () => [...loader].flat());
    for (const epoch of epochs) expect([...epoch].sort((a, b) => a - b)).toEqual(range(50));
    expect(new Set(epochs.map((e) => e.join(','))).size).toBe(4);
    expect(epochs[0]).not.toEqual(range(50));
  });

  it('repeats the same sequence of epochs for the same seed, and another for another seed', () => {
    const epochs = (seed: number) => {
      const loader = new DataLoader(indexDataset(30), { batchSize: 8, shuffle: true, seed });
      return [[...loader], [...loader], [...loader]];
    };
    expect(epochs(11)).toEqual(epochs(11));
    expect(epochs(11)).not.toEqual(epochs(12));
  });

  it('shuffles uniformly: the first index of an epoch is each example a quarter of the time (4-sigma)', () => {
    const epochs = 8000;
    const loader = new DataLoader(indexDataset(4), { batchSize: 4, shuffle: true, seed: 5 });
    const counts = [0, 0, 0, 0];
    for (let e = 0; e < epochs; e++) for (const batch of loader) counts[batch[0]!]!++;
    const sigma = Math.sqrt(epochs * 0.25 * 0.75);
    for (const count of counts) expect(Math.abs(count - epochs / 4)).toBeLessThan(4 * sigma);
  });

  it('rejects a batch size that is not a positive integer', () => {
    for (const batchSize of [0, -1, 2.5, NaN]) {
      expect(() => new DataLoader(indexDataset(3), { batchSize })).toThrow(ConfigError);
    }
  });
});

describe('TensorDataset', () => {
  const inputs = new Tensor(Float32Array.from(range(5 * 6)), [5, 2, 3]);

  it('gathers rows of the inputs with their class labels', () => {
    const dataset = new TensorDataset(inputs, Int32Array.from([10, 11, 12, 13, 14]));
    const { inputs: x, targets: y } = dataset.batch([4, 1]);
    expect(x.shape).toEqual([2, 2, 3]);
    expect(x.toArray()).toEqual([24, 25, 26, 27, 28, 29, 6, 7, 8, 9, 10, 11]);
    expect(y).toEqual(Int32Array.from([14, 11]));
  });

  it('gathers rows of tensor targets', () => {
    const dataset = new TensorDataset(inputs, new Tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [5, 2]));
    const { targets } = dataset.batch(new Uint32Array([2, 2, 0]));
    expect(targets.shape).toEqual([3, 2]);
    expect(targets.toArray()).toEqual([4, 5, 4, 5, 0, 1]);
  });

  it('rejects mismatched lengths, scalars and indices out of range', () => {
    expect(() => new TensorDataset(inputs, new Int32Array(4))).toThrow(ShapeError);
    expect(() => new TensorDataset(new Tensor([1], []), new Int32Array(1))).toThrow(ShapeError);
    const dataset = new TensorDataset(inputs, new Int32Array(5));
    expect(() => dataset.batch([5])).toThrow(DatasetError);
    expect(() => dataset.batch([-1])).toThrow(/index -1 is out of range for 5 examples/);
  });

  it('feeds MNIST batches through a DataLoader', async () => {
    const { images, labels } = await loadMnist({ split: 'test', limit: 70 });
    const loader = new DataLoader(new TensorDataset(images, labels), { batchSize: 32, shuffle: true, seed: 1 });
    const batches = [...loader];
    expect(batches.map((b) => b.inputs.shape)).toEqual([[32, 1, 28, 28], [32, 1, 28, 28], [6, 1, 28, 28]]);
    const seen = batches.flatMap((b) => b.targets.toArray()).sort();
    expect(seen).toEqual(labels.toArray().sort());
  });
});
