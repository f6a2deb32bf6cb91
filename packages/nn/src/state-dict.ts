import type { Tensor } from '@analogkit/core';

/** A JSON value that can sit in a state dict next to tensors (configs, scalars, names). */
export type StateValue = null | boolean | number | string | StateValue[] | { [key: string]: StateValue };

/**
 * A module's state by dotted key (`0.analog_module.analog_tile_state` style, as aihwkit): tensors
 * (weights, hidden parameters, scales) and JSON values (rpu config, tile extra state, class names).
 */
export type StateDict = Record<string, Tensor | StateValue>;

/** Anything whose whole state can be saved and restored. */
export interface Checkpointable {
  stateDict(): Promise<StateDict>;
  loadStateDict(dict: StateDict, options?: { strict?: boolean; loadRpuConfig?: boolean }): Promise<void>;
}
