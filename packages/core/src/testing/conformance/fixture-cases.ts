import { BoundManagementType, NoiseManagementType, AnalogMVType, PulseType, WeightClipType, WeightModifierType, WeightRemapType } from '../../parameters/enums.js';
import { DriftParameter } from '../../parameters/drift-parameter.js';
import { IOParameters } from '../../parameters/io-parameters.js';
import type { ParameterBase } from '../../parameters/parameter-base.js';
import { ConstantStepDevice } from '../../parameters/pulsed-device-parameters.js';
import { UpdateParameters } from '../../parameters/update-parameters.js';
import { WeightClipParameter } from '../../parameters/weight-clip-parameter.js';
import { WeightModifierParameter } from '../../parameters/weight-modifier-parameter.js';
import { WeightRemapParameter } from '../../parameters/weight-remap-parameter.js';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import { drawMvmParameters } from '../../reference/mvm/draw-mvm-parameters.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { FixtureCase, FixtureTileState } from './fixture-types.js';
import { stateToFixture } from './run-fixture-case.js';

/* The deterministic conformance cases (noise off). Expected values come from the reference kernels. */

const ROWS = 5;
const COLS = 7;
const BATCH = 4;

function uniform(rng: XoshiroRandom, n: number, lo: number, hi: number): number[] {
  return Array.from({ length: n }, () => Math.fround(lo + (hi - lo) * rng.uniform()));
}

function noiseFree(init: ConstructorParameters<typeof IOParameters>[0] = {}): IOParameters {
  return new IOParameters({ out_noise: 0, ...init });
}

function mvmState(rng: XoshiroRandom, io: IOParameters, direction: 'forward' | 'backward', wScale: number): FixtureTileState {
  const aux = drawMvmParameters(io, direction, ROWS, COLS, rng);
  return stateToFixture({ rows: ROWS, cols: COLS, weights: Float32Array.from(uniform(rng, ROWS * COLS, -wScale, wScale)), hidden: {}, aux });
}

type Pending<C> = C extends FixtureCase ? Omit<C, 'expected' | 'expectedWeights' | 'expectedOutput'> : never;

const FORWARD_IO: [string, IOParameters, number][] = [
  ['is_perfect', new IOParameters({ is_perfect: true }), 0.5],
  ['defaults without output noise (quantised, ABS_MAX, ITERATIVE)', noiseFree(), 0.5],
  ['bound management ITERATIVE with clipping outputs', noiseFree({ out_bound: 2 }), 3],
  ['bound management ITERATIVE_WORST_CASE', noiseFree({ out_bound: 2, bound_management: BoundManagementType.ITERATIVE_WORST_CASE }), 3],
  ['no quantisation, no bounds, NM NONE', noiseFree({ inp_res: -1, out_res: -1, inp_bound: 0, out_bound: 0, noise_management: NoiseManagementType.NONE, bound_management: BoundManagementType.NONE }), 0.5],
  ['NM MAX', noiseFree({ noise_management: NoiseManagementType.MAX }), 0.5],
  ['NM CONSTANT 0.5', noiseFree({ noise_management: NoiseManagementType.CONSTANT, nm_thres: 0.5 }), 0.5],
  ['NM ABS_MAX_NP_SUM', noiseFree({ noise_management: NoiseManagementType.ABS_MAX_NP_SUM }), 0.5],
  ['NM ABS_MAX capped by nm_thres', noiseFree({ nm_thres: 0.3 }), 0.5],
  ['resolution given as steps', noiseFree({ inp_res: 63, out_res: 255 }), 0.5],
  ['IR drop', noiseFree({ ir_drop: 1, ir_drop_g_ratio: 2 }), 0.5],
  ['output nonlinearity with slope calibration', noiseFree({ out_nonlinearity: 0.5, slope_calibration: 0.5 }), 0.5],
  ['r_series', noiseFree({ r_series: 0.1 }), 0.5],
  ['POS_NEG_SEPARATE with asymmetries', noiseFree({ mv_type: AnalogMVType.POS_NEG_SEPARATE, inp_asymmetry: 0.1, out_asymmetry: 0.05 }), 0.5],
  ['POS_NEG_SEPARATE_DIGITAL_SUM', noiseFree({ mv_type: AnalogMVType.POS_NEG_SEPARATE_DIGITAL_SUM, out_res: 31 }), 0.5],
  ['AVERAGE_ABS_MAX noise management', noiseFree({ noise_management: NoiseManagementType.AVERAGE_ABS_MAX, bound_management: BoundManagementType.NONE }), 0.5],
  ['out_scale 2', noiseFree({ out_scale: 2 }), 0.5],
];

const BACKWARD_IO: [string, IOParameters][] = [
  ['is_perfect', new IOParameters({ is_perfect: true })],
  ['defaults without output noise (BM off in backward)', noiseFree({ out_bound: 2 })],
  ['NM NONE, no quantisation', noiseFree({ noise_management: NoiseManagementType.NONE, inp_res: 0, out_res: 0 })],
];

function mvmCases(rng: XoshiroRandom): Pending<FixtureCase>[] {
  const forward = FORWARD_IO.map(([label, io, wScale]) => ({
    kind: 'mvm' as const,
    name: `ForwardMvm: ${label}`,
    kernel: 'ForwardMvm' as const,
    io: io.toJSON(),
    state: mvmState(rng, io, 'forward', wScale),
    input: uniform(rng, BATCH * COLS, -1, 1),
    batch: BATCH,
  }));
  const backward = BACKWARD_IO.map(([label, io]) => ({
    kind: 'mvm' as const,
    name: `BackwardMvm: ${label}`,
    kernel: 'BackwardMvm' as const,
    io: io.toJSON(),
    state: mvmState(rng, io, 'backward', 1.5),
    input: uniform(rng, BATCH * ROWS, -1, 1),
    batch: BATCH,
  }));
  return [...forward, ...backward];
}

function deviceState(runtime: Runtime, device: ParameterBase, rng: XoshiroRandom, wScale: number): FixtureTileState {
  const model = runtime.devices.forParameters(device);
  const state = {
    rows: ROWS,
    cols: COLS,
    weights: Float32Array.from(uniform(rng, ROWS * COLS, -wScale, wScale)),
    hidden: model.sampleHidden(device, ROWS, COLS, rng),
    aux: {},
  };
  model.applyBounds(device, state);
  return stateToFixture(state);
}

/** A constant-step device without any randomness, so pulse counts decide the result exactly. */
const exactDevice = () => new ConstantStepDevice({ dw_min_dtod: 0, dw_min_std: 0, up_down_dtod: 0, w_max_dtod: 0, w_min_dtod: 0 });

function updateCases(runtime: Runtime, rng: XoshiroRandom): Pending<FixtureCase>[] {
  const types: [string, UpdateParameters][] = [
    ['NONE (exact, no device)', new UpdateParameters({ pulse_type: PulseType.NONE })],
    ['NONE_WITH_DEVICE (exact, then device bounds)', new UpdateParameters({ pulse_type: PulseType.NONE_WITH_DEVICE })],
    ['DETERMINISTIC_IMPLICIT', new UpdateParameters({ pulse_type: PulseType.DETERMINISTIC_IMPLICIT })],
    ['MEAN_COUNT', new UpdateParameters({ pulse_type: PulseType.MEAN_COUNT })],
  ];
  return types.map(([label, update]) => {
    const device = exactDevice();
    return {
      kind: 'update' as const,
      name: `PulsedUpdate: ${label}`,
      update: update.toJSON(),
      device: device.toJSON(),
      lr: 0.05,
      state: deviceState(runtime, device, rng, 0.55),
      x: uniform(rng, BATCH * COLS, -1, 1),
      d: uniform(rng, BATCH * ROWS, -1, 1),
      batch: BATCH,
    };
  });
}

function tileOpCases(runtime: Runtime, rng: XoshiroRandom): Pending<FixtureCase>[] {
  const lifetime = new ConstantStepDevice({ lifetime: 10, reset: 0.05, reset_std: 0, reset_dtod: 0 });
  const drifting = new ConstantStepDevice({ drift: new DriftParameter({ nu: 0.1, w_offset: 0.01 }) });
  const plain = new ConstantStepDevice();
  const op = (
    name: string,
    kernel: 'DecayWeights' | 'DriftWeights' | 'ResetColumns' | 'ClipWeights' | 'RemapWeights',
    device: ConstantStepDevice,
    attrs: Record<string, number | ParameterBase>,
    calls = 1,
    scales?: number[],
  ): Pending<FixtureCase> => ({
    kind: 'tile-op',
    name: `${kernel}: ${name}`,
    kernel,
    device: device.toJSON(),
    attrs: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k, typeof v === 'number' ? v : v.toJSON()])),
    ...(scales ? { scales } : {}),
    state: deviceState(runtime, device, rng, 0.5),
    calls,
  });
  return [
    op('lifetime 10, alpha 1', 'DecayWeights', lifetime, { alpha: 1 }),
    op('lifetime 10, alpha 0.5, twice', 'DecayWeights', lifetime, { alpha: 0.5 }, 2),
    op('nu 0.1 with offset, 3 calls of dt 2', 'DriftWeights', drifting, { deltaT: 2, drift: drifting.drift }, 3),
    op('columns 5..8 wrapping, prob 1, no reset noise', 'ResetColumns', lifetime, { start: 5, count: 4, prob: 1 }),
    op('FIXED_VALUE 0.3', 'ClipWeights', plain, { clip: new WeightClipParameter({ type: WeightClipType.FIXED_VALUE, fixed_value: 0.3 }) }),
    op('LAYER_GAUSSIAN sigma 1', 'ClipWeights', plain, { clip: new WeightClipParameter({ type: WeightClipType.LAYER_GAUSSIAN, sigma: 1 }) }),
    op('AVERAGE_CHANNEL_MAX', 'ClipWeights', plain, { clip: new WeightClipParameter({ type: WeightClipType.AVERAGE_CHANNEL_MAX }) }),
    op('LAYERWISE_SYMMETRIC', 'RemapWeights', plain, { remap: new WeightRemapParameter({ type: WeightRemapType.LAYERWISE_SYMMETRIC }) }, 1, [1, 2, 1, 0.5, 1]),
    op('CHANNELWISE_SYMMETRIC', 'RemapWeights', plain, { remap: new WeightRemapParameter({ type: WeightRemapType.CHANNELWISE_SYMMETRIC }) }, 1, [1, 1, 1, 1, 1]),
  ];
}

function modifyCases(rng: XoshiroRandom): Pending<FixtureCase>[] {
  const mods: [string, WeightModifierParameter, boolean][] = [
    ['DISCRETIZE res 0.1', new WeightModifierParameter({ type: WeightModifierType.DISCRETIZE, res: 0.1 }), false],
    ['DISCRETIZE_PER_CHANNEL res 0.2', new WeightModifierParameter({ type: WeightModifierType.DISCRETIZE_PER_CHANNEL, res: 0.2 }), false],
    ['DOREFA res 0.1', new WeightModifierParameter({ type: WeightModifierType.DOREFA, res: 0.1 }), false],
    ['DISCRETIZE keeping the bias column', new WeightModifierParameter({ type: WeightModifierType.DISCRETIZE, res: 0.25, copy_last_column: true }), true],
    ['DISCRETIZE relative to assumed_wmax', new WeightModifierParameter({ type: WeightModifierType.DISCRETIZE, res: 0.1, rel_to_actual_wmax: false, assumed_wmax: 0.8 }), false],
  ];
  return mods.map(([label, modifier, hasAnalogBias]) => ({
    kind: 'modify' as const,
    name: `ModifyWeights: ${label}`,
    modifier: modifier.toJSON(),
    rows: ROWS,
    cols: COLS,
    hasAnalogBias,
    weights: uniform(rng, ROWS * COLS, -0.7, 0.7),
  }));
}

/** Every deterministic case, without expected values (the generator adds them). */
export function pendingFixtureCases(runtime: Runtime): Pending<FixtureCase>[] {
  const rng = new XoshiroRandom(20261121);
  return [...mvmCases(rng), ...updateCases(runtime, rng), ...tileOpCases(runtime, rng), ...modifyCases(rng)];
}

export type PendingFixtureCase = Pending<FixtureCase>;
