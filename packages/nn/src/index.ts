export type { StateDict, StateValue, Checkpointable } from './state-dict.js';
export { ModuleError, StateDictError } from './errors.js';
export { Parameter } from './parameter.js';
export { Module, type LoadStateDictOptions, type PreparedState } from './module.js';
export { Sequential, AnalogSequential } from './sequential.js';

export { Linear, type LinearOptions } from './layers/linear.js';
export { Conv1d, Conv2d, type ConvOptions } from './layers/conv.js';
export { ReLU, Tanh, Sigmoid } from './layers/activations.js';
export { MaxPool2d, AvgPool2d, type PoolOptions } from './layers/pooling.js';
export { Flatten } from './layers/flatten.js';
export { Dropout } from './layers/dropout.js';
export { LogSoftmax } from './layers/log-softmax.js';

export { Loss } from './losses/loss.js';
export { MSELoss } from './losses/mse-loss.js';
export { NLLLoss } from './losses/nll-loss.js';
export { CrossEntropyLoss } from './losses/cross-entropy-loss.js';

export { AnalogModule, type AnalogLayerOptions, type LayerRows } from './analog/analog-module.js';
export { programAnalogWeights, driftAnalogWeights } from './analog/inference-ops.js';
export { AnalogLinear } from './analog/analog-linear.js';
export { AnalogConv1d, AnalogConv2d, type AnalogConvOptions } from './analog/analog-conv.js';
export { TileModule } from './analog/tile-module.js';
export { TileModuleArray } from './analog/tile-module-array.js';
export { InputRange } from './analog/input-range.js';
export { splitSizes } from './analog/split-sizes.js';

export { Optimizer, type ParameterSource, type LearningRateHolder } from './optim/optimizer.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export { Adam, type AdamOptions } from './optim/adam.js';
export { AnalogOptimizer, AnalogSGD, AnalogAdam, type AnalogParameterSource } from './optim/analog-optimizer.js';
export { StepLR, CosineAnnealingLR } from './optim/lr-scheduler.js';

export { convertToAnalog, convertToDigital, type ConvertToAnalogOptions } from './conversion/convert.js';

export * from './checkpoint/index.js';
export * from './data/index.js';
export { defaultRuntime } from './default-runtime.js';
