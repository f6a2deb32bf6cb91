/* Enums keep aihwkit's member names; values equal the names so JSON reads `EnumName.MEMBER`. */

export enum BoundManagementType {
  NONE = 'NONE',
  ITERATIVE = 'ITERATIVE',
  ITERATIVE_WORST_CASE = 'ITERATIVE_WORST_CASE',
  SHIFT = 'SHIFT',
}

export enum NoiseManagementType {
  NONE = 'NONE',
  ABS_MAX = 'ABS_MAX',
  ABS_MAX_NP_SUM = 'ABS_MAX_NP_SUM',
  MAX = 'MAX',
  CONSTANT = 'CONSTANT',
  AVERAGE_ABS_MAX = 'AVERAGE_ABS_MAX',
}

export enum WeightNoiseType {
  NONE = 'NONE',
  ADDITIVE_CONSTANT = 'ADDITIVE_CONSTANT',
  PCM_READ = 'PCM_READ',
}

export enum PulseType {
  NONE = 'NONE',
  STOCHASTIC_COMPRESSED = 'STOCHASTIC_COMPRESSED',
  STOCHASTIC = 'STOCHASTIC',
  NONE_WITH_DEVICE = 'NONE_WITH_DEVICE',
  MEAN_COUNT = 'MEAN_COUNT',
  DETERMINISTIC_IMPLICIT = 'DETERMINISTIC_IMPLICIT',
}

export enum WeightModifierType {
  NONE = 'NONE',
  DISCRETIZE = 'DISCRETIZE',
  DISCRETIZE_PER_CHANNEL = 'DISCRETIZE_PER_CHANNEL',
  MULT_NORMAL = 'MULT_NORMAL',
  ADD_NORMAL = 'ADD_NORMAL',
  DISCRETIZE_ADD_NORMAL = 'DISCRETIZE_ADD_NORMAL',
  DOREFA = 'DOREFA',
  POLY = 'POLY',
  PCM_NOISE = 'PCM_NOISE',
  PROG_NOISE = 'PROG_NOISE',
  DROP_CONNECT = 'DROP_CONNECT',
  COPY = 'COPY',
}

export enum WeightClipType {
  NONE = 'NONE',
  FIXED_VALUE = 'FIXED_VALUE',
  LAYER_GAUSSIAN = 'LAYER_GAUSSIAN',
  AVERAGE_CHANNEL_MAX = 'AVERAGE_CHANNEL_MAX',
}

export enum WeightRemapType {
  NONE = 'NONE',
  LAYERWISE_SYMMETRIC = 'LAYERWISE_SYMMETRIC',
  CHANNELWISE_SYMMETRIC = 'CHANNELWISE_SYMMETRIC',
}

export enum VectorUnitCellUpdatePolicy {
  ALL = 'ALL',
  SINGLE_FIXED = 'SINGLE_FIXED',
  SINGLE_SEQUENTIAL = 'SINGLE_SEQUENTIAL',
  SINGLE_RANDOM = 'SINGLE_RANDOM',
}

export enum AnalogMVType {
  IDEAL = 'IDEAL',
  ONE_PASS = 'ONE_PASS',
  POS_NEG_SEPARATE = 'POS_NEG_SEPARATE',
  POS_NEG_SEPARATE_DIGITAL_SUM = 'POS_NEG_SEPARATE_DIGITAL_SUM',
  SPLIT_MODE = 'SPLIT_MODE',
  BIT_WISE = 'BIT_WISE',
}

/**
 * aihwkit's Python enum values (`BoundManagementType.ITERATIVE.value == "Iterative"`), so a JSON
 * written with `.value` loads too.
 */
export const AIHWKIT_ENUM_VALUES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  BoundManagementType: { None: 'NONE', Iterative: 'ITERATIVE', IterativeWorstCase: 'ITERATIVE_WORST_CASE', Shift: 'SHIFT' },
  NoiseManagementType: {
    None: 'NONE',
    AbsMax: 'ABS_MAX',
    AbsMaxNPSum: 'ABS_MAX_NP_SUM',
    Max: 'MAX',
    Constant: 'CONSTANT',
    AverageAbsMax: 'AVERAGE_ABS_MAX',
  },
  WeightNoiseType: { None: 'NONE', AdditiveConstant: 'ADDITIVE_CONSTANT', PCMRead: 'PCM_READ' },
  PulseType: {
    None: 'NONE',
    StochasticCompressed: 'STOCHASTIC_COMPRESSED',
    Stochastic: 'STOCHASTIC',
    NoneWithDevice: 'NONE_WITH_DEVICE',
    MeanCount: 'MEAN_COUNT',
    DeterministicImplicit: 'DETERMINISTIC_IMPLICIT',
  },
  WeightModifierType: {
    None: 'NONE',
    Discretize: 'DISCRETIZE',
    DiscretizePerChannel: 'DISCRETIZE_PER_CHANNEL',
    MultNormal: 'MULT_NORMAL',
    AddNormal: 'ADD_NORMAL',
    DiscretizeAddNormal: 'DISCRETIZE_ADD_NORMAL',
    DoReFa: 'DOREFA',
    Poly: 'POLY',
    PCMNoise: 'PCM_NOISE',
    ProgNoise: 'PROG_NOISE',
    DropConnect: 'DROP_CONNECT',
    Copy: 'COPY',
  },
  WeightClipType: { None: 'NONE', FixedValue: 'FIXED_VALUE', LayerGaussian: 'LAYER_GAUSSIAN', AverageChannelMax: 'AVERAGE_CHANNEL_MAX' },
  WeightRemapType: { None: 'NONE', LayerwiseSymmetric: 'LAYERWISE_SYMMETRIC', ChannelwiseSymmetric: 'CHANNELWISE_SYMMETRIC' },
  VectorUnitCellUpdatePolicy: { All: 'ALL', SingleFixed: 'SINGLE_FIXED', SingleSequential: 'SINGLE_SEQUENTIAL', SingleRandom: 'SINGLE_RANDOM' },
  AnalogMVType: {
    Ideal: 'IDEAL',
    OnePass: 'ONE_PASS',
    PosNegSeparate: 'POS_NEG_SEPARATE',
    PosNegSeparateDigitalSum: 'POS_NEG_SEPARATE_DIGITAL_SUM',
    SplitMode: 'SPLIT_MODE',
    BitWise: 'BIT_WISE',
  },
};
