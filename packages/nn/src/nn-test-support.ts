import {
  createRuntime,
  GlobalDriftCompensation,
  PCMLikeNoiseModel,
  registerCore,
  Tensor,
  type InferenceDriftCompensation,
  type InferenceNoiseModel,
  type ProgrammedState,
  type Runtime,
} from '@analogkit/core';

/** A fresh runtime with core's plugins and a fixed seed. */
export function testRuntime(seed = 1): Runtime {
  return createRuntime({ seed, register: [registerCore] });
}

/** aihwkit example 01 / test_against_fp data. */
export const EXAMPLE_X = Tensor.from([
  [0.1, 0.2, 0.4, 0.3],
  [0.2, 0.1, 0.1, 0.3],
]);
export const EXAMPLE_Y = Tensor.from([
  [1.0, 0.5],
  [0.7, 0.3],
]);

export function maxAbsDiff(a: Tensor, b: Tensor): number {
  if (a.size() !== b.size()) throw new Error(`size mismatch ${a.size()} vs ${b.size()}`);
  let m = 0;
  for (let i = 0; i < a.size(); i++) m = Math.max(m, Math.abs(a.data[i]! - b.data[i]!));
  return m;
}

/** A tensor of the given shape with uniform values in [lo, hi) from a simple seeded generator. */
export function uniformTensor(shape: number[], seed: number, lo = -1, hi = 1): Tensor {
  let s = seed >>> 0 || 1;
  const n = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = lo + ((s >>> 0) / 4294967296) * (hi - lo);
  }
  return new Tensor(data, shape);
}

/**
 * A runtime whose inference tiles program by halving the weights and drift as (1 + t)^-0.5, with a
 * mean-|y| drift compensation: deterministic stand-ins for the PCM plugins of @analogkit/devices.
 */
export function inferenceTestRuntime(seed = 1): Runtime {
  const runtime = testRuntime(seed);
  runtime.noiseModels.register({
    kind: 'test-halving',
    parameterClass: PCMLikeNoiseModel,
    program: (_p, weights) => ({ weights: weights.map((w) => w / 2), nu_0: new Float32Array(weights.length).fill(0.5) }),
    applyDrift: (_p, programmed: ProgrammedState, t) => programmed.weights.map((w, k) => w * (1 + t) ** -programmed.nu_0![k]!),
  } satisfies InferenceNoiseModel<PCMLikeNoiseModel>);
  runtime.driftCompensations.register({
    kind: 'test-mean-abs',
    parameterClass: GlobalDriftCompensation,
    exactReference: () => false,
    readout: (_p, y) => Float32Array.of(y.reduce((s, v) => s + Math.abs(v), 0) / y.length),
  } satisfies InferenceDriftCompensation);
  return runtime;
}
