import 'reflect-metadata';
import { container as rootContainer } from 'tsyringe';
import { describe, expect, it } from 'vitest';
import type { DeviceModel as DeviceModelApi } from '../devices/device-model.js';
import { DeviceModelError } from '../errors.js';
import { ConstantStepDevice } from '../parameters/pulsed-device-parameters.js';
import { XoshiroRandom } from '../random/xoshiro-random.js';
import { InMemoryBackend } from '../testing/in-memory-backend.js';
import { BackendRegistry, DeviceModel, DeviceRegistry, KernelRegistry, RandomSource, Runtime } from '../tokens.js';
import { createRuntime } from './create-runtime.js';

function fakeModel(kind: string, parameterClass = ConstantStepDevice): DeviceModelApi<ConstantStepDevice> {
  return {
    kind,
    parameterClass,
    defaults: () => new ConstantStepDevice(),
    validate: (p) => new ConstantStepDevice(p),
    hiddenNames: () => [],
    sampleHidden: () => ({}),
    granularity: (p) => p.dw_min,
    applyBounds: () => {},
    createPulser: () => ({ pulse: () => {} }),
  };
}

describe('createRuntime (DI)', () => {
  it('builds a runtime whose registries come from its own child container', () => {
    const rt = createRuntime({ seed: 3 });
    expect(rt.container.resolve(Runtime)).toBe(rt);
    expect(rt.container.resolve(KernelRegistry)).toBe(rt.kernels);
    expect(rt.container.resolve(BackendRegistry)).toBe(rt.backends);
    expect(rt.container.resolve(DeviceRegistry)).toBe(rt.devices);
    expect(rt.rng.uniform()).toBe(new XoshiroRandom(3).uniform());
    expect(rootContainer.isRegistered(KernelRegistry)).toBe(false);
  });

  it('keeps runtimes isolated from each other', async () => {
    const a = createRuntime({ register: [(c) => c.resolve(BackendRegistry).register('only-a', () => new InMemoryBackend('only-a'), 1)] });
    const b = createRuntime();
    expect(a.backends).not.toBe(b.backends);
    expect(a.kernels).not.toBe(b.kernels);
    expect((await a.getBackend()).name).toBe('only-a');
    await expect(b.getBackend()).rejects.toThrow(/No compute backend/);
  });

  it('collects device models registered under the DeviceModel token', () => {
    const rt = createRuntime({
      register: [(c) => c.register(DeviceModel, { useValue: fakeModel('constant-step') })],
    });
    expect(rt.devices.kinds()).toEqual(['constant-step']);
    expect(rt.devices.forParameters(new ConstantStepDevice()).kind).toBe('constant-step');
  });

  it('rejects a duplicate device kind, naming both', () => {
    expect(() =>
      createRuntime({
        register: [
          (c) => c.register(DeviceModel, { useValue: fakeModel('my-device') }),
          (c) => c.register(DeviceModel, { useValue: fakeModel('my-device') }),
        ],
      }),
    ).toThrow(DeviceModelError);
  });

  it('lets tests stub a service through the child container', () => {
    const stub = new XoshiroRandom(42);
    const rt = createRuntime({ register: [(c) => c.register(RandomSource, { useValue: stub })] });
    expect(rt.rng).toBe(stub);
  });

  it('resolves a preferred backend set per runtime and falls back when its init fails', async () => {
    const rt = createRuntime({
      register: [
        (c) => {
          const reg = c.resolve(BackendRegistry);
          reg.register('fast', () => new InMemoryBackend('fast', 'cpu', { failInit: 'addon not built' }), 10);
          reg.register('slow', (target) => new InMemoryBackend('slow', target), 1);
        },
      ],
    });
    expect((await rt.getBackend()).name).toBe('slow');
    expect(rt.backends.failures()).toEqual([{ backend: 'fast', reason: 'addon not built' }]);
    rt.setBackend('slow:other');
    expect((await rt.getBackend()).device).toBe('slow:other');
    rt.setBackend('fast');
    await expect(rt.getBackend()).rejects.toThrow(/"fast" is not available: addon not built/);
  });
});
