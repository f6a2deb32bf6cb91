import { BackendUnavailableError, createRuntime, createTile, InferenceRPUConfig, registerCore, SingleRPUConfig, Tensor } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { ONNX_NATIVE_KERNELS } from './kernels/onnx-kernels.js';
import { ONNX_BACKEND_PRIORITY, registerOnnxBackend, type OnnxBackendOptions } from './register-onnx-backend.js';
import { loadOnnxRuntime, type OrtModule } from './runtime/ort-loader.js';

function runtimeWith(options: OnnxBackendOptions = {}) {
  const logged: string[] = [];
  const runtime = createRuntime({ seed: 5, register: [registerCore, (c) => registerOnnxBackend(c, { log: (m) => logged.push(m), ...options })] });
  return { runtime, logged };
}

/** onnxruntime-node as on a machine without the CUDA provider. */
async function ortWithoutCuda(): Promise<OrtModule> {
  const ort = await loadOnnxRuntime();
  return { ...ort, listSupportedBackends: () => ort.listSupportedBackends().filter((b) => b.name !== 'cuda') } as OrtModule;
}

describe('registerOnnxBackend', () => {
  it('makes onnx:cpu the default backend, above reference, with its native kernels', async () => {
    const { runtime, logged } = runtimeWith();
    expect(runtime.backends.names()).toEqual(['onnx', 'reference']);
    expect(runtime.backends.priority('onnx')).toBe(ONNX_BACKEND_PRIORITY);
    expect(runtime.backends.gpuDevices()).toEqual(['onnx:cuda', 'onnx:webgpu']);
    expect((await runtime.getBackend()).device).toBe('onnx:cpu');
    expect(runtime.kernels.nativeKernels('onnx').sort()).toEqual([...ONNX_NATIVE_KERNELS].sort());
    expect(logged).toEqual([]);
  });

  it('falls back to the reference backend, logging why, when onnx cannot start', async () => {
    const { runtime, logged } = runtimeWith({ loader: () => Promise.reject(new Error('simulated: no binary for this platform')) });
    expect((await runtime.getBackend()).name).toBe('reference');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/onnx backend could not start, falling back to the next backend\. onnxruntime-node could not be loaded \(simulated: no binary for this platform\)/);
    expect(runtime.backends.failures()).toEqual([{ backend: 'onnx', reason: expect.stringMatching(/simulated: no binary/) }]);
  });

  it('falls back from a preferred GPU target to cpu with a logged reason, but fails when the target is named', async () => {
    const { runtime, logged } = runtimeWith({ target: 'cuda', loader: ortWithoutCuda });
    expect((await runtime.getBackend()).device).toBe('onnx:cpu');
    expect(logged[0]).toMatch(/onnx:cuda could not start, using onnx:cpu\. .*has no cuda execution provider/);
    await expect(runtime.backend('onnx:cuda')).rejects.toThrow(BackendUnavailableError);
    await expect(runtime.backend('onnx:cuda')).rejects.toThrow(/Backend "onnx:cuda" is not available: .*no cuda execution provider/);
    await expect(runtime.backend('onnx:tpu')).rejects.toThrow(/no target "tpu"/);
  });

  it('runs tiles end to end and moves them to and from the reference backend', async () => {
    const { runtime } = runtimeWith();
    const tile = await createTile(runtime, 3, 4, new SingleRPUConfig(), { bias: true, seed: 2 });
    expect(tile.device).toBe('onnx:cpu');
    const x = Tensor.from([[0.1, -0.2, 0.3, 0.4], [0.5, 0.4, -0.1, 0]]);
    await tile.setWeights(Tensor.from([[0.1, 0.2, 0.3, 0.4], [-0.1, -0.2, -0.3, -0.4], [0.05, 0, 0.05, 0]]), [0.1, 0, -0.1]);
    expect((await tile.forward(x)).shape).toEqual([2, 3]);
    expect((await tile.backward(Tensor.from([[0.1, -0.1, 0.2], [0.3, 0, -0.2]]))).shape).toEqual([2, 4]);
    await tile.update(x, Tensor.from([[0.1, -0.1, 0.2], [0.3, 0, -0.2]]), 0.1);
    const before = (await tile.getWeights())[0];
    await tile.to('reference');
    expect(Array.from((await tile.getWeights())[0].data)).toEqual(Array.from(before.data));
    await tile.to('onnx:cpu');
    expect(tile.device).toBe('onnx:cpu');
    tile.dispose();
    const inference = await createTile(runtime, 3, 4, new InferenceRPUConfig(), { seed: 3 });
    expect((await inference.forward(x)).shape).toEqual([2, 3]);
    inference.dispose();
    expect((await runtime.getBackend()).numTiles()).toBe(0);
  });
});
