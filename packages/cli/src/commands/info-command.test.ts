import { describe, expect, it } from 'vitest';
import { runCaptured } from '../cli-test-support.js';
import type { InfoResult } from '../info/collect-info.js';

describe('analogkit info', () => {
  it('lists versions, backends with availability and native kernels, and the device models', async () => {
    const { code, stdout } = await runCaptured(['info', '--json']);
    expect(code).toBe(0);
    const info = JSON.parse(stdout) as InfoResult;
    expect(info.versions['@analogkit/core']).toBe('0.1.0');
    const reference = info.backends.find((b) => b.name === 'reference');
    expect(reference).toMatchObject({ available: true, device: 'reference', reason: null, nativeKernels: [] });
    for (const b of info.backends) {
      if (b.available) expect(b.reason).toBeNull();
      else expect(b.reason).toMatch(/\w/);
    }
    const onnx = info.backends.find((b) => b.name === 'onnx');
    expect(onnx?.nativeKernels).toEqual(expect.arrayContaining(['ForwardMvm', 'BackwardMvm', 'PulsedUpdate']));
    expect(info.defaultBackend).not.toBeNull();
    // A GPU target that does not start says why.
    for (const t of info.gpuTargets) if (!t.available) expect(t.reason).toMatch(/\w/);
    expect(info.deviceModels).toContainEqual({ kind: 'constant-step', parameterClass: 'ConstantStepDevice', source: 'built-in' });
    expect(info.deviceModels.map((d) => d.kind)).toEqual(expect.arrayContaining(['soft-bounds', 'exp-step', 'transfer-compound', 'mixed-precision-compound']));
    expect(info.noiseModels).toContain('pcm-like');
  });

  it('prints the same as a readable report', async () => {
    const { code, stdout } = await runCaptured(['info']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^backend +priority +status +native kernels$/m);
    expect(stdout).toMatch(/^reference +0 +available \(reference\) +\(none: reference kernels\)$/m);
    expect(stdout).toMatch(/^constant-step +ConstantStepDevice +built-in$/m);
  });

  it('loads a device plugin and lists its model as coming from it', async () => {
    const { code, stdout } = await runCaptured(['info', '--json', '--plugin', '@analogkit/example-device-plugin']);
    expect(code).toBe(0);
    const info = JSON.parse(stdout) as InfoResult;
    expect(info.deviceModels).toContainEqual({ kind: 'bounded-exponential', parameterClass: 'BoundedExponentialDevice', source: '@analogkit/example-device-plugin' });
  });

  it('a plugin that cannot be loaded is a clear error', async () => {
    const { code, stderr } = await runCaptured(['info', '--plugin', './no-such-plugin.js']);
    expect(code).toBe(1);
    expect(stderr).toContain('Cannot load plugin ./no-such-plugin.js');
  });
});
