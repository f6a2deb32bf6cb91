import { Option } from 'commander';
import { positiveInteger, positiveIntegerAtMost, positiveNumber, seed } from './numbers.js';

const MNIST_TRAIN_IMAGES = 60000;
const MNIST_TEST_IMAGES = 10000;

/** Options that `hwa-drift` and `train` share, with each command's own defaults. */
export interface SharedDefaults {
  epochs: number;
  batchSize: number;
  lr: number;
  trainSize: number;
  testSize: number;
}

export function sharedOptions(defaults: SharedDefaults): Option[] {
  return [
    new Option('--backend <name>', 'compute backend, e.g. onnx, onnx:cuda, gpujs, gpujs:webasm, reference (default: the fastest that starts)'),
    new Option('--epochs <n>', 'training epochs').argParser(positiveInteger).default(defaults.epochs),
    new Option('--batch-size <n>', 'mini-batch size').argParser(positiveInteger).default(defaults.batchSize),
    new Option('--lr <rate>', 'learning rate').argParser(positiveNumber).default(defaults.lr),
    new Option('--seed <n>', 'seed of the weight init, the data order and every noise source').argParser(seed).default(1),
    new Option('--train-size <n>', `training images (the first n of the ${MNIST_TRAIN_IMAGES})`).argParser(positiveIntegerAtMost(MNIST_TRAIN_IMAGES)).default(defaults.trainSize),
    new Option('--test-size <n>', `test images (the first n of the ${MNIST_TEST_IMAGES})`).argParser(positiveIntegerAtMost(MNIST_TEST_IMAGES)).default(defaults.testSize),
    new Option('--out <folder>', 'folder for results.json and the chart (default: ./analogkit-results/<timestamp>)'),
    new Option('--quick', 'a smoke run of a few seconds: small subsets, one epoch (explicit options still apply)'),
    new Option('--json', 'print only the results as JSON (no progress, no table)'),
  ];
}
