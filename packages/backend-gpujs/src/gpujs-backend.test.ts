import {
  BackendUnavailableError,
  ConstantStepDevice,
  createRuntime,
  createTile,
  IdealDevice,
  InferenceRPUConfig,
  IOParameters,
  registerCore,
  ShapeError,
  SingleRPUConfig,
  Tensor,
  XoshiroRandom,
} from '@analogkit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { GpuJsBackend } from './gpujs-backend.js';
import { gpuJsModeAvailability, type GpuJsMode } from './gpujs-modes.js';
import { GPUJS_BACKEND_PRIORITY, registerGpuJsBackend } from './register-gpujs-backend.js';
import { gpuJsRuntime } from './test-support.js';

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const d of disposers.splice(0)) d();
});

function batchOf(rows: number, cols: number, seed: number): Tensor {
  const rng = new XoshiroRandom(seed);
  return Tensor.from(Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.uniform() * 2 - 1)));
}

async function setup() {
  const env = await gpuJsRuntime();
  disposers.push(() => env.runtime.backends.disposeAll());
  return env;
}

describe('GpuJsBackend', () => {
  it('is registered below onnx and above reference, with headlessgl and webgpu as GPU targets, and all its native kernels', async () => {
    const { runtime, backend } = await setup();
    expect(GPUJS_BACKEND_PRIORITY).toBe(50);
    expect(runtime.backends.priority('gpujs')).toBe(50);
    expect(runtime.backends.names()).toEqual(['gpujs', 'reference']);
    expect(runtime.backends.gpuDevices()).toEqual(['gpujs:headlessgl', 'gpujs:webgpu']);
    expect(runtime.kernels.nativeKernels('gpujs').sort()).toEqual(
      ['BackwardMvm', 'ClipWeights', 'DecayWeights', 'DiffuseWeights', 'DriftWeights', 'ForwardMvm', 'PulsedUpdate', 'ResetColumns'].sort(),
    );
    expect(backend).toMatchObject({ name: 'gpujs', target: 'webasm', device: 'gpujs:webasm', isGpu: false });
    expect(backend.precision.tolerance).toBe(1e-5);
  });

  it('names the mode in its device and counts GPU modes as GPUs', () => {
    expect(new GpuJsBackend({ mode: 'cpu' }).device).toBe('gpujs:cpu');
    expect(new GpuJsBackend({ mode: 'webgpu' }).isGpu).toBe(true);
    expect(new GpuJsBackend({ mode: 'headlessgl' }).isGpu).toBe(true);
  });

  it('fails init with a clear BackendUnavailableError when the requested mode cannot run', async (ctx) => {
    const unavailable: GpuJsMode[] = [];
    for (const mode of ['headlessgl', 'webgpu'] as const) if ((await gpuJsModeAvailability(mode)) !== true) unavailable.push(mode);
    if (unavailable.length === 0) return ctx.skip('headlessgl and webgpu both work on this machine');
    const mode = unavailable[0]!;
    const err = await new GpuJsBackend({ mode }).init().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect((err as Error).message).toMatch(new RegExp(`gpujs:${mode} is not available: .+`));
    const runtime = createRuntime({ register: [registerCore, (c) => registerGpuJsBackend(c)] });
    await expect(runtime.backend(`gpujs:${mode}`)).rejects.toThrow(BackendUnavailableError);
    await expect(runtime.backend('gpujs:tpu')).rejects.toThrow(/gpujs has no mode "tpu"/);
  });

  it('compiles kernels once per tile shape and destroys them with the last tile of that shape', async () => {
    const { runtime, backend } = await setup();
    const start = backend.numTiles();
    const a = await createTile(runtime, 6, 5, new InferenceRPUConfig(), { backend: 'gpujs:webasm', seed: 1 });
    const b = await createTile(runtime, 6, 5, new InferenceRPUConfig(), { backend: 'gpujs:webasm', seed: 2 });
    const x = Tensor.from([[0.1, 0.2, -0.3, 0.4, 0.5]]);
    await a.forward(x);
    const compiled = backend.numKernels();
    expect(compiled).toBeGreaterThan(0);
    await b.forward(x);
    await a.forward(Tensor.from([[0.1, 0.2, -0.3, 0.4, 0.5], [0, 1, 0, 1, 0]]));
    expect(backend.numKernels()).toBe(compiled);
    const other = await createTile(runtime, 3, 4, new InferenceRPUConfig(), { backend: 'gpujs:webasm', seed: 3 });
    await other.forward(Tensor.from([[1, 2, 3, 4]]));
    expect(backend.numKernels()).toBe(2 * compiled);
    a.dispose();
    expect(backend.numKernels()).toBe(2 * compiled);
    b.dispose();
    expect(backend.numKernels()).toBe(compiled);
    other.dispose();
    expect(backend.numKernels()).toBe(0);
    expect(backend.numTiles()).toBe(start);
  });

  it('keeps copies: reads and writes never alias, and a write of the wrong shape is rejected without a change', async () => {
    const { backend } = await setup();
    const weights = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const handle = backend.allocateTile({ rows: 2, cols: 3, weights, hidden: { h: new Float32Array(6) }, aux: {} });
    weights[0] = 99;
    const read = await backend.readTile(handle);
    expect(read.weights[0]).toBe(1);
    read.weights[1] = 77;
    expect((await backend.readTile(handle)).weights[1]).toBe(2);
    await expect(backend.writeTile(handle, { rows: 3, cols: 2, weights: new Float32Array(6), hidden: {}, aux: {} })).rejects.toThrow(ShapeError);
    expect(Array.from((await backend.readTile(handle)).weights)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(() => backend.allocateTile({ rows: 2, cols: 2, weights: new Float32Array(3), hidden: {}, aux: {} })).toThrow(ShapeError);
    backend.disposeTile(handle);
    await expect(backend.readTile(handle)).rejects.toThrow(/not allocated on gpujs:webasm/);
  });

  it('runs the reference kernel, visibly, for device models with their own rules', async () => {
    const { runtime, backend } = await setup();
    const ideal = await createTile(runtime, 3, 4, new SingleRPUConfig({ device: new IdealDevice({ lifetime: 10 }) }), { backend: 'gpujs:webasm', seed: 4 });
    await ideal.setWeights(Tensor.from([[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]]));
    await ideal.decayWeights();
    const [w] = await ideal.getWeights();
    expect(w.data[0]).toBeCloseTo(0.9, 6);
    expect(backend.kernelRuns().reference.DecayWeights).toBe(1);
    const pulsed = await createTile(runtime, 3, 4, new SingleRPUConfig({ device: new ConstantStepDevice({ lifetime: 10 }) }), { backend: 'gpujs:webasm', seed: 5 });
    await pulsed.decayWeights();
    expect(backend.kernelRuns().native.DecayWeights).toBe(1);
    ideal.dispose();
    pulsed.dispose();
  });

  it('gives the same numbers for the same seed and different ones for another seed', async () => {
    const run = async (seed: number) => {
      const { runtime } = await setup();
      const tile = await createTile(runtime, 8, 6, new InferenceRPUConfig(), { backend: 'gpujs:webasm', seed });
      const rng = new XoshiroRandom(3);
      const x = Tensor.from(Array.from({ length: 4 }, () => Array.from({ length: 6 }, () => rng.uniform() - 0.5)));
      await tile.setWeights(Tensor.from(Array.from({ length: 8 }, (_, i) => Array.from({ length: 6 }, (_, j) => Math.sin(i + 2 * j) * 0.3))));
      const y = (await tile.forward(x)).data;
      tile.dispose();
      return Array.from(y);
    };
    const first = await run(10);
    expect(await run(10)).toEqual(first);
    expect(await run(11)).not.toEqual(first);
  });

  it('gives concurrent calls on tiles of one shape (sharing kernels, other batch sizes) their own results', async () => {
    const { runtime } = await setup();
    // Batches of 4096+ outputs take gpu.js's threaded webasm path, which runs after the call returns.
    const make = (seed: number) => createTile(runtime, 64, 48, new InferenceRPUConfig(), { backend: 'gpujs:webasm', seed });
    const inputs = [80, 100, 70].map((n, t) => batchOf(n, 48, t));
    const sequential = [];
    for (const [t, x] of inputs.entries()) {
      const tile = await make(20 + t);
      sequential.push(Array.from((await tile.forward(x)).data));
      tile.dispose();
    }
    const tiles = await Promise.all(inputs.map((_, t) => make(20 + t)));
    const concurrent = await Promise.all(tiles.map((tile, t) => tile.forward(inputs[t]!)));
    expect(concurrent.map((y) => Array.from(y.data))).toEqual(sequential);
    for (const tile of tiles) tile.dispose();
  });

  it('runs on gpu.js cpu mode as well (the same kernels, transpiled to JavaScript)', async () => {
    const runtime = createRuntime({ seed: 1, register: [registerCore, (c) => registerGpuJsBackend(c)] });
    disposers.push(() => runtime.backends.disposeAll());
    const cpu = await runtime.backend('gpujs:cpu');
    const handle = cpu.allocateTile({ rows: 2, cols: 3, weights: Float32Array.from([1, 2, 3, 4, 5, 6]), hidden: {}, aux: {} });
    const y = await runtime.runKernel(cpu, 'ForwardMvm', { tile: handle, x: Float32Array.from([1, 0, -1]), batch: 1 }, { io: new IOParameters({ is_perfect: true }), rng: new XoshiroRandom(1) });
    expect(Array.from(y)).toEqual([-2, -2]);
    cpu.disposeTile(handle);
  });

  it('dispose() destroys every kernel and tile', async () => {
    const { runtime, backend } = await setup();
    const tile = await createTile(runtime, 4, 4, new InferenceRPUConfig(), { backend: 'gpujs:webasm', seed: 9 });
    await tile.forward(Tensor.from([[1, 0, 0, 1]]));
    expect(backend.numKernels()).toBeGreaterThan(0);
    backend.dispose();
    expect(backend.numKernels()).toBe(0);
    expect(backend.numTiles()).toBe(0);
  });
});
