import type { BoundDevice } from '../devices/device-model.js';
import { ConfigError } from '../errors.js';
import { PulseType } from '../parameters/enums.js';
import {
  FloatingPointDevice,
  FloatingPointRPUConfig,
  InferenceRPUConfig,
  IOParameters,
  SingleRPUConfig,
  UnitCellRPUConfig,
  UpdateParameters,
} from '../parameters/index.js';
import type { ParameterBase } from '../parameters/parameter-base.js';
import { XoshiroRandom } from '../random/xoshiro-random.js';
import { drawMvmParameters } from '../reference/mvm/draw-mvm-parameters.js';
import type { Runtime } from '../runtime/runtime.js';
import { AnalogTile } from './analog-tile.js';
import type { TileSetup } from './base-tile.js';
import { FloatingPointTile } from './floating-point-tile.js';
import { InferenceTile } from './inference-tile.js';
import type { TileOptions } from './tile-api.js';

export type RPUConfig = SingleRPUConfig | UnitCellRPUConfig | InferenceRPUConfig | FloatingPointRPUConfig;
export type Tile = AnalogTile | InferenceTile | FloatingPointTile;

// Checked from the most specific config down: configs are structural types, and a SingleRPUConfig
// has every field of a FloatingPointRPUConfig.
type TileFor<C> = C extends InferenceRPUConfig ? InferenceTile : C extends SingleRPUConfig | UnitCellRPUConfig ? AnalogTile : FloatingPointTile;

/**
 * Creates the tile class that fits `rpuConfig` (as aihwkit's tile_class does): AnalogTile for
 * Single/UnitCell configs, InferenceTile for InferenceRPUConfig, FloatingPointTile for
 * FloatingPointRPUConfig. The tile keeps its own copy of the config.
 */
export async function createTile<C extends RPUConfig>(
  runtime: Runtime,
  outSize: number,
  inSize: number,
  rpuConfig: C,
  options: TileOptions = {},
): Promise<TileFor<C>> {
  for (const [name, v] of [['outSize', outSize], ['inSize', inSize]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new ConfigError(`Tile ${name} must be an integer >= 1, got ${v}.`, name);
  }
  if (options.seed !== undefined && !Number.isFinite(options.seed)) throw new ConfigError(`Tile seed must be finite, got ${options.seed}.`, 'seed');
  const config = rpuConfig.copy() as C;
  const plan = planTile(runtime, config);
  const backend = options.backend !== undefined ? await runtime.backend(options.backend) : await runtime.getBackend();
  const analogBias = options.bias ?? false;
  const rows = outSize;
  const cols = inSize + (analogBias ? 1 : 0);
  const rng = new XoshiroRandom(options.seed ?? runtime.rng.nextUint32());
  const hidden = plan.device.model.sampleHidden(plan.device.params, rows, cols, rng);
  const aux = {
    ...drawMvmParameters(plan.forwardIO, 'forward', rows, cols, rng),
    ...drawMvmParameters(plan.backwardIO, 'backward', rows, cols, rng),
  };
  const state = { rows, cols, weights: new Float32Array(rows * cols), hidden, aux };
  plan.device.model.applyBounds(plan.device.params, state, rng);
  const setup: TileSetup = {
    runtime,
    backend,
    handle: backend.allocateTile(state),
    outSize,
    inSize,
    analogBias,
    inTrans: options.inTrans ?? false,
    outTrans: options.outTrans ?? false,
    rng,
    ...plan,
  };
  if (config instanceof InferenceRPUConfig) return new InferenceTile(config, setup) as TileFor<C>;
  if (config instanceof FloatingPointRPUConfig) return new FloatingPointTile(config, setup) as TileFor<C>;
  return new AnalogTile(config, setup) as TileFor<C>;
}

interface TilePlan {
  device: BoundDevice;
  forwardIO: IOParameters;
  backwardIO: IOParameters;
  update: UpdateParameters;
}

function planTile(runtime: Runtime, config: RPUConfig): TilePlan {
  if (config instanceof FloatingPointRPUConfig) {
    const perfect = new IOParameters({ is_perfect: true });
    return {
      device: runtime.devices.bind(config.device),
      forwardIO: perfect,
      backwardIO: perfect.copy(),
      update: new UpdateParameters({ pulse_type: PulseType.NONE }),
    };
  }
  if (config instanceof SingleRPUConfig || config instanceof UnitCellRPUConfig || config instanceof InferenceRPUConfig) {
    // pulse_type NONE replaces the device by a floating-point one (no bounds, no hidden parameters).
    const device: BoundDevice<ParameterBase> =
      config.update.pulse_type === PulseType.NONE && !(config instanceof InferenceRPUConfig)
        ? runtime.devices.bind(new FloatingPointDevice())
        : runtime.devices.bind(config.device);
    return { device, forwardIO: config.forward, backwardIO: config.backward, update: config.update };
  }
  throw new ConfigError(
    `Unsupported rpu config ${(config as ParameterBase).className ?? typeof config}; use SingleRPUConfig, UnitCellRPUConfig, InferenceRPUConfig or FloatingPointRPUConfig.`,
    'rpu_config',
  );
}
