export { DatasetError } from './dataset-error.js';
export { loadMnist, MNIST_MEAN, MNIST_STD, type MnistOptions, type MnistData } from './mnist.js';
export { TensorDataset, type Dataset, type Targets, type TensorBatch } from './tensor-dataset.js';
export { DataLoader, type DataLoaderOptions } from './data-loader.js';
