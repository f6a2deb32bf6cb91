import { BackendUnavailableError } from '../errors.js';
import type { BackendFactory, ComputeBackend } from './compute-backend.js';

export interface BackendFailure {
  backend: string;
  reason: string;
}

/**
 * Backends by priority. `resolve()` tries them from the highest priority down, initialising each
 * at most once (memoised, failures remembered); negative priorities are used only when named.
 */
export interface BackendRegistry {
  register(name: string, factory: BackendFactory, priority: number, options?: BackendRegistrationOptions): void;
  /** Every `name:target` registered as a GPU target, by backend priority. */
  gpuDevices(): string[];
  /** `preferred` may name a backend (`onnx`) or a backend and target (`onnx:cuda`). */
  resolve(preferred?: string): Promise<ComputeBackend>;
  names(): string[];
  priority(name: string): number | undefined;
  /** Failures seen so far, keyed by `name` or `name:target`. */
  failures(): BackendFailure[];
  disposeAll(): void;
}

export interface BackendRegistrationOptions {
  /** Targets of this backend that run on a GPU (tried by `tile.cuda()`), e.g. `['cuda', 'webgpu']`. */
  gpuTargets?: readonly string[];
}

interface Entry {
  factory: BackendFactory;
  priority: number;
  gpuTargets: readonly string[];
}

export class PriorityBackendRegistry implements BackendRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly ready = new Map<string, Promise<ComputeBackend>>();
  private readonly failed = new Map<string, string>();
  private readonly created: ComputeBackend[] = [];

  register(name: string, factory: BackendFactory, priority: number, options: BackendRegistrationOptions = {}): void {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) {
      throw new BackendUnavailableError(`Backend name "${name}" must be lower-case letters, digits and dashes.`);
    }
    if (!Number.isFinite(priority)) throw new BackendUnavailableError(`Backend "${name}" needs a finite priority, got ${priority}.`);
    if (this.entries.has(name)) throw new BackendUnavailableError(`Backend "${name}" is registered twice.`);
    this.entries.set(name, { factory, priority, gpuTargets: options.gpuTargets ?? [] });
  }

  gpuDevices(): string[] {
    return this.names().flatMap((n) => this.entries.get(n)!.gpuTargets.map((t) => `${n}:${t}`));
  }

  names(): string[] {
    return [...this.entries.entries()].sort((a, b) => b[1].priority - a[1].priority).map(([n]) => n);
  }

  priority(name: string): number | undefined {
    return this.entries.get(name)?.priority;
  }

  failures(): BackendFailure[] {
    return [...this.failed.entries()].map(([backend, reason]) => ({ backend, reason }));
  }

  async resolve(preferred?: string): Promise<ComputeBackend> {
    if (preferred !== undefined) {
      const [name, target] = splitDevice(preferred);
      if (!this.entries.has(name)) {
        throw new BackendUnavailableError(
          `Unknown backend "${name}". Registered backends: ${this.names().join(', ') || '(none)'}.`,
        );
      }
      try {
        return await this.init(name, target);
      } catch (err) {
        throw new BackendUnavailableError(
          `Backend "${preferred}" is not available: ${this.failed.get(preferred) ?? messageOf(err)}`,
          [{ backend: preferred, reason: this.failed.get(preferred) ?? messageOf(err) }],
        );
      }
    }
    const candidates = this.names().filter((n) => this.entries.get(n)!.priority >= 0);
    const tried: BackendFailure[] = [];
    for (const name of candidates) {
      try {
        return await this.init(name, undefined);
      } catch (err) {
        tried.push({ backend: name, reason: this.failed.get(name) ?? messageOf(err) });
      }
    }
    const optIn = this.names().filter((n) => this.entries.get(n)!.priority < 0);
    throw new BackendUnavailableError(
      `No compute backend could be initialised. ${tried.map((t) => `${t.backend}: ${t.reason}`).join('; ') || 'No backends are registered.'}` +
        (optIn.length ? ` Opt-in backends (use them by name): ${optIn.join(', ')}.` : ''),
      tried,
    );
  }

  private init(name: string, target: string | undefined): Promise<ComputeBackend> {
    const key = target ? `${name}:${target}` : name;
    let pending = this.ready.get(key);
    if (!pending) {
      const entry = this.entries.get(name)!;
      pending = (async () => {
        const backend = await entry.factory(target);
        await backend.init();
        this.created.push(backend);
        return backend;
      })();
      pending.catch((err: unknown) => this.failed.set(key, messageOf(err)));
      this.ready.set(key, pending);
    }
    return pending;
  }

  disposeAll(): void {
    for (const b of this.created.splice(0)) b.dispose();
    this.ready.clear();
  }
}

export function splitDevice(device: string): [string, string | undefined] {
  const i = device.indexOf(':');
  return i < 0 ? [device, undefined] : [device.slice(0, i), device.slice(i + 1)];
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
