import {
  configFromJSON,
  FloatingPointTile,
  InferenceTile,
  Tensor,
  type RPUConfig,
  type Runtime,
  type Tile,
  type TileExtra,
} from '@analogkit/core';
import { StateDictError } from '../errors.js';
import { expectTensor } from '../module.js';
import type { StateDict, StateValue } from '../state-dict.js';
import { readPhysicalWeights } from './physical-weights.js';

/** aihwkit's key of a tile's analog state (`<prefix>analog_tile_state`). */
export const ANALOG_TILE_STATE = 'analog_tile_state';

/** The JSON part of a saved tile; weights and hidden parameters are tensors under `<key>.weights` and `<key>.hidden.<name>`. */
export interface SavedTile {
  className: string;
  outSize: number;
  inSize: number;
  analogBias: boolean;
  rpuConfig: unknown;
  hiddenNames: string[];
  extra: TileExtra;
  inputRangeUpdateIndex: number;
  /** The state-dict keys of the tile (JSON, weights, hidden parameters). */
  keys: string[];
  weights: Tensor;
  hidden: Record<string, Tensor>;
}

function tileClassName(tile: Tile): string {
  if (tile instanceof InferenceTile) return 'InferenceTile';
  if (tile instanceof FloatingPointTile) return 'FloatingPointTile';
  return 'AnalogTile';
}

/** A deep copy of a JSON-compatible value (configs, tile extras) as a state value. */
function toStateValue(value: unknown): StateValue {
  return JSON.parse(JSON.stringify(value)) as StateValue;
}

/** Writes a tile's state: raw device weights, hidden parameters by aihwkit's names, extra state and config. */
export async function saveTileState(tile: Tile, dict: StateDict, prefix: string, inputRangeUpdateIndex: number): Promise<void> {
  const key = prefix + ANALOG_TILE_STATE;
  const hidden = await tile.getHiddenParameters();
  dict[key] = {
    class: tileClassName(tile),
    out_size: tile.outSize,
    in_size: tile.inSize,
    analog_bias: tile.analogBias,
    rpu_config: toStateValue(tile.rpuConfig.toJSON()),
    hidden_parameter_names: Object.keys(hidden),
    extra: toStateValue(await tile.dumpExtra()),
    input_range_update_idx: inputRangeUpdateIndex,
  };
  dict[`${key}.weights`] = await readPhysicalWeights(tile);
  for (const [name, value] of Object.entries(hidden)) dict[`${key}.hidden.${name}`] = value;
}

/** Reads and checks a saved tile under `prefix`; undefined when the dict has none there. */
export function readSavedTile(dict: StateDict, prefix: string): SavedTile | undefined {
  const key = prefix + ANALOG_TILE_STATE;
  const value = dict[key];
  if (value === undefined) return undefined;
  const fail = (what: string): never => {
    throw new StateDictError(`State entry "${key}" ${what}.`);
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Tensor) fail('must be the object written by stateDict()');
  const meta = value as Record<string, StateValue>;
  const int = (name: string, min: number): number => {
    const v = meta[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(`needs "${name}" as an integer >= ${min}`);
    return v as number;
  };
  if (typeof meta.class !== 'string') fail('needs "class" (the tile class name)');
  if (typeof meta.analog_bias !== 'boolean') fail('needs "analog_bias" (true or false)');
  const names = meta.hidden_parameter_names;
  if (!Array.isArray(names) || !names.every((n) => typeof n === 'string')) fail('needs "hidden_parameter_names" as an array of strings');
  if (meta.extra === null || typeof meta.extra !== 'object' || Array.isArray(meta.extra)) fail('needs "extra" (the tile extra state object)');
  if (meta.rpu_config === null || typeof meta.rpu_config !== 'object') fail('needs "rpu_config" (the config as JSON)');
  const outSize = int('out_size', 1);
  const inSize = int('in_size', 1);
  const analogBias = meta.analog_bias as boolean;
  const weightsKey = `${key}.weights`;
  const weights = expectTensor(dict[weightsKey], weightsKey, [outSize, inSize + (analogBias ? 1 : 0)]);
  const hidden: Record<string, Tensor> = {};
  const keys = [key, weightsKey];
  for (const name of names as string[]) {
    const hiddenKey = `${key}.hidden.${name}`;
    const t = dict[hiddenKey];
    if (!(t instanceof Tensor)) throw new StateDictError(`Missing tensor "${hiddenKey}" (hidden parameter "${name}" listed in "${key}").`);
    hidden[name] = t;
    keys.push(hiddenKey);
  }
  return {
    className: meta.class as string,
    outSize,
    inSize,
    analogBias,
    rpuConfig: meta.rpu_config,
    hiddenNames: names as string[],
    extra: meta.extra as unknown as TileExtra,
    inputRangeUpdateIndex: meta.input_range_update_idx === undefined ? 0 : int('input_range_update_idx', 0),
    keys,
    weights,
    hidden,
  };
}

/** Parses a saved rpu config with the classes known to `runtime` (core, device, noise-model and drift-compensation plugins). */
export function parseRpuConfig(json: unknown, runtime: Runtime, key: string): RPUConfig {
  try {
    return configFromJSON(json, {
      resolve: (name) => runtime.devices.parameterClass(name) ?? runtime.noiseModels.parameterClass(name) ?? runtime.driftCompensations.parameterClass(name),
    }) as RPUConfig;
  } catch (err) {
    throw new StateDictError(`State entry "${key}" has an rpu_config that cannot be loaded: ${(err as Error).message}`);
  }
}
