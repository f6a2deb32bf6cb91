import { describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '../errors.js';
import { InMemoryBackend } from '../testing/in-memory-backend.js';
import { PriorityBackendRegistry } from './backend-registry.js';

describe('PriorityBackendRegistry', () => {
  it('resolves the highest-priority backend that initialises', async () => {
    const reg = new PriorityBackendRegistry();
    reg.register('slow', () => new InMemoryBackend('slow'), 1);
    reg.register('fast', () => new InMemoryBackend('fast'), 10);
    expect((await reg.resolve()).name).toBe('fast');
    expect(reg.names()).toEqual(['fast', 'slow']);
  });

  it('falls back after a failing init and remembers the failure', async () => {
    const reg = new PriorityBackendRegistry();
    let created = 0;
    reg.register('broken', () => (created++, new InMemoryBackend('broken', 'cpu', { failInit: 'no native addon' })), 10);
    reg.register('ok', () => new InMemoryBackend('ok'), 1);
    expect((await reg.resolve()).name).toBe('ok');
    expect((await reg.resolve()).name).toBe('ok');
    expect(created).toBe(1);
    expect(reg.failures()).toEqual([{ backend: 'broken', reason: 'no native addon' }]);
  });

  it('memoises init: one init per backend and target', async () => {
    const reg = new PriorityBackendRegistry();
    const made: InMemoryBackend[] = [];
    reg.register('b', (target) => {
      const backend = new InMemoryBackend('b', target ?? 'cpu');
      made.push(backend);
      return backend;
    }, 1);
    const [a, b] = await Promise.all([reg.resolve(), reg.resolve()]);
    expect(a).toBe(b);
    const gpu = await reg.resolve('b:gpu');
    expect(gpu.device).toBe('b:gpu');
    expect(await reg.resolve('b:gpu')).toBe(gpu);
    expect(made.map((m) => m.initCalls)).toEqual([1, 1]);
  });

  it('uses a negative-priority backend only when named', async () => {
    const reg = new PriorityBackendRegistry();
    reg.register('optin', () => new InMemoryBackend('optin'), -1);
    reg.register('default', () => new InMemoryBackend('default'), 0);
    expect((await reg.resolve()).name).toBe('default');
    expect((await reg.resolve('optin')).name).toBe('optin');
  });

  it('lists every failure when nothing initialises', async () => {
    const reg = new PriorityBackendRegistry();
    reg.register('a', () => new InMemoryBackend('a', 'cpu', { failInit: 'A is missing' }), 2);
    reg.register('b', () => { throw new Error('B crashed'); }, 1);
    reg.register('c', () => new InMemoryBackend('c'), -5);
    const err = await reg.resolve().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    const e = err as BackendUnavailableError;
    expect(e.message).toContain('a: A is missing');
    expect(e.message).toContain('b: B crashed');
    expect(e.message).toContain('Opt-in backends (use them by name): c');
    expect(e.failures.map((f) => f.backend)).toEqual(['a', 'b']);
  });

  it('names the backend when a requested one is unknown or fails', async () => {
    const reg = new PriorityBackendRegistry();
    reg.register('x', () => new InMemoryBackend('x', 'cpu', { failInit: 'driver missing' }), 1);
    await expect(reg.resolve('nope')).rejects.toThrow(/Unknown backend "nope"/);
    await expect(reg.resolve('x:cuda')).rejects.toThrow(/"x:cuda" is not available: driver missing/);
  });

  it('rejects duplicate names and bad priorities', () => {
    const reg = new PriorityBackendRegistry();
    reg.register('x', () => new InMemoryBackend('x'), 1);
    expect(() => reg.register('x', () => new InMemoryBackend('x'), 2)).toThrow(/registered twice/);
    expect(() => reg.register('y', () => new InMemoryBackend('y'), Number.NaN)).toThrow(/finite priority/);
    expect(() => reg.register('Bad Name', () => new InMemoryBackend('z'), 1)).toThrow(/lower-case/);
  });

  it('lists GPU targets by priority and disposes what it created', async () => {
    const reg = new PriorityBackendRegistry();
    reg.register('low', () => new InMemoryBackend('low'), 1, { gpuTargets: ['webgpu'] });
    reg.register('high', () => new InMemoryBackend('high'), 5, { gpuTargets: ['cuda', 'webgpu'] });
    expect(reg.gpuDevices()).toEqual(['high:cuda', 'high:webgpu', 'low:webgpu']);
    const b = (await reg.resolve()) as InMemoryBackend;
    b.allocateTile({ rows: 1, cols: 1, weights: new Float32Array(1), hidden: {}, aux: {} });
    reg.disposeAll();
    expect(b.numTiles()).toBe(0);
  });
});
