import { ConfigError, Tensor, type Tile } from '@analogkit/core';
import { StateDictError } from './errors.js';
import { Parameter } from './parameter.js';
import type { Checkpointable, StateDict } from './state-dict.js';

export interface LoadStateDictOptions {
  /** Every key of the dict must be used and every entry of the model present (default true). */
  strict?: boolean;
  /** Rebuild analog tiles from the saved rpu config (default true); false keeps each layer's current config. */
  loadRpuConfig?: boolean;
}

/** One module's part of loading a state dict: the keys it used, and how to apply or drop what it prepared. */
export interface PreparedState {
  readonly keys: readonly string[];
  commit(): void;
  abort(): void;
}

/** The key prefix of a module named `name` in its root (`''` for the root itself). */
function keyPrefix(name: string): string {
  return name === '' ? '' : `${name}.`;
}

/**
 * Base of every layer and model. A module owns named parameters and child modules, runs a
 * layer-wise `forward` that caches what its `backward` needs, and saves and restores its state.
 * Analog layers build their tiles lazily; `ready()` builds them all.
 */
export abstract class Module implements Checkpointable {
  training = true;
  private childModules = new Map<string, Module>();
  private ownParameters = new Map<string, Parameter>();

  /** Computes the output and caches what backward needs. */
  abstract forward(x: Tensor): Promise<Tensor>;

  /**
   * Takes the gradient of the loss w.r.t. the last forward's output, accumulates parameter
   * gradients (and, for analog layers, stores the update traces) and returns the input gradient.
   */
  abstract backward(gradOutput: Tensor): Promise<Tensor>;

  protected registerModule<M extends Module>(name: string, module: M): M {
    this.checkName(name, this.childModules.has(name) || this.ownParameters.has(name));
    this.childModules.set(name, module);
    return module;
  }

  protected registerParameter(name: string, parameter: Parameter): Parameter {
    this.checkName(name, this.childModules.has(name) || this.ownParameters.has(name));
    this.ownParameters.set(name, parameter);
    return parameter;
  }

  private checkName(name: string, taken: boolean): void {
    if (name === '' || name.startsWith('.') || name.endsWith('.')) {
      throw new ConfigError(`Module and parameter names must be non-empty and must not start or end with ".", got "${name}".`, 'name');
    }
    if (taken) throw new ConfigError(`The name "${name}" is already used in this module; choose another one.`, 'name');
  }

  /** Swaps the child `name` for `module` (fields that pointed at the old child point at the new one). */
  replaceModule(name: string, module: Module): void {
    const old = this.childModules.get(name);
    if (!old) {
      throw new ConfigError(`This module has no child "${name}"; children: ${[...this.childModules.keys()].join(', ') || '(none)'}.`, 'name');
    }
    this.childModules.set(name, module);
    const fields = this as unknown as Record<string, unknown>;
    for (const key of Object.keys(fields)) if (fields[key] === old) fields[key] = module;
  }

  namedChildren(): Array<[string, Module]> {
    return [...this.childModules];
  }

  /** This module (named `''`) and all its descendants, depth first, with dotted names. */
  namedModules(): Array<[string, Module]> {
    const out: Array<[string, Module]> = [['', this]];
    for (const [name, child] of this.childModules) {
      for (const [sub, m] of child.namedModules()) out.push([sub === '' ? name : `${name}.${sub}`, m]);
    }
    return out;
  }

  /** The parameters of this module and its descendants with dotted names. */
  namedParameters(): Array<[string, Parameter]> {
    const out: Array<[string, Parameter]> = [];
    for (const [name, m] of this.namedModules()) {
      for (const [p, parameter] of m.ownParameters) out.push([keyPrefix(name) + p, parameter]);
    }
    return out;
  }

  /** The digital parameters (each once); analog weights live in the tiles (see analogTiles()). */
  parameters(): Parameter[] {
    return [...new Set(this.namedParameters().map(([, p]) => p))];
  }

  /** The analog tiles of this module and its descendants that are built (see ready()). */
  analogTiles(): Tile[] {
    return this.namedModules().flatMap(([, m]) => m.ownAnalogTiles());
  }

  protected ownAnalogTiles(): Tile[] {
    return [];
  }

  train(mode = true): this {
    for (const [, m] of this.namedModules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Builds everything that is built lazily (analog tiles, their initial weights), children first. */
  async ready(): Promise<this> {
    for (const [, child] of this.childModules) await child.ready();
    await this.buildOwn();
    return this;
  }

  protected async buildOwn(): Promise<void> {}

  /** Moves all analog tiles to a backend target (`reference`, `onnx:cpu`, ...). */
  async to(device: string): Promise<this> {
    await this.ready();
    for (const [, m] of this.namedModules()) await m.moveOwnTo(device);
    return this;
  }

  /** Moves all analog tiles to the best GPU target; throws when none works here. */
  async cuda(): Promise<this> {
    await this.ready();
    for (const [, m] of this.namedModules()) await m.moveOwnTo(null);
    return this;
  }

  /** Moves this module's own tiles; `null` means the best GPU target. */
  protected async moveOwnTo(_device: string | null): Promise<void> {}

  // ---- state ------------------------------------------------------------------------------

  /** The whole state by dotted key: parameters, analog tile states (weights, hidden parameters, extras, configs). */
  async stateDict(): Promise<StateDict> {
    await this.ready();
    const dict: StateDict = {};
    for (const [name, m] of this.namedModules()) await m.saveOwnState(dict, keyPrefix(name));
    return dict;
  }

  protected async saveOwnState(dict: StateDict, prefix: string): Promise<void> {
    for (const [name, p] of this.ownParameters) dict[prefix + name] = p.data.clone();
  }

  /**
   * Restores a state from stateDict(). Everything is checked (keys, shapes, configs; new tiles are
   * built from the saved state) before anything changes, so a dict that does not fit throws and
   * leaves the model as it was.
   */
  async loadStateDict(dict: StateDict, options: LoadStateDictOptions = {}): Promise<void> {
    const resolved = { strict: options.strict ?? true, loadRpuConfig: options.loadRpuConfig ?? true };
    if (dict === null || typeof dict !== 'object') throw new StateDictError('loadStateDict expects the object returned by stateDict().');
    await this.ready();
    const prepared: PreparedState[] = [];
    try {
      for (const [name, m] of this.namedModules()) prepared.push(await m.prepareOwnState(dict, keyPrefix(name), resolved));
      if (resolved.strict) {
        const used = new Set(prepared.flatMap((p) => p.keys));
        const unexpected = Object.keys(dict).filter((k) => !used.has(k));
        if (unexpected.length) {
          throw new StateDictError(`Unexpected keys in the state dict: ${unexpected.join(', ')}. Load with { strict: false } to ignore them.`);
        }
      }
    } catch (err) {
      for (const p of prepared) p.abort();
      throw err;
    }
    for (const p of prepared) p.commit();
  }

  /** Checks this module's own entries of `dict` and prepares them; must not change the module. */
  protected async prepareOwnState(dict: StateDict, prefix: string, options: Required<LoadStateDictOptions>): Promise<PreparedState> {
    const updates: Array<[Parameter, Float32Array]> = [];
    const keys: string[] = [];
    for (const [name, p] of this.ownParameters) {
      const key = prefix + name;
      const value = dict[key];
      if (value === undefined) {
        if (options.strict) throw new StateDictError(`Missing key "${key}" (a tensor of shape [${p.shape.join(', ')}]). Load with { strict: false } to keep the current value.`);
        continue;
      }
      updates.push([p, expectTensor(value, key, p.shape).data]);
      keys.push(key);
    }
    return {
      keys,
      commit: () => {
        for (const [p, values] of updates) p.assign(values);
      },
      abort: () => {},
    };
  }

  /**
   * A deep copy: parameters and children are copied, other fields are shared (configs are
   * treated as immutable). Analog layers copy their tiles through their state.
   */
  async copy(): Promise<this> {
    const clone = Object.assign(Object.create(Object.getPrototypeOf(this) as object) as this, this);
    const replaced = new Map<unknown, unknown>();
    clone.childModules = new Map();
    clone.ownParameters = new Map();
    for (const [name, child] of this.childModules) {
      const c = await child.copy();
      clone.childModules.set(name, c);
      replaced.set(child, c);
    }
    for (const [name, p] of this.ownParameters) {
      const q = p.clone();
      clone.ownParameters.set(name, q);
      replaced.set(p, q);
    }
    const fields = clone as unknown as Record<string, unknown>;
    for (const key of Object.keys(fields)) if (replaced.has(fields[key])) fields[key] = replaced.get(fields[key]);
    return clone;
  }
}

/** Checks that a state-dict entry is a tensor of `shape`. */
export function expectTensor(value: unknown, key: string, shape: readonly number[]): Tensor {
  if (!(value instanceof Tensor)) throw new StateDictError(`State entry "${key}" must be a Tensor of shape [${shape.join(', ')}].`);
  if (value.shape.length !== shape.length || value.shape.some((d, i) => d !== shape[i])) {
    throw new StateDictError(`State entry "${key}" has shape [${value.shape.join(', ')}]; this model needs [${shape.join(', ')}].`);
  }
  return value;
}
