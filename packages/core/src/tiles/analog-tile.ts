import type { SingleRPUConfig } from '../parameters/index.js';
import type { UnitCellRPUConfig } from '../parameters/index.js';
import { BaseTile, type TileSetup } from './base-tile.js';

/** A pulsed-training tile (SingleRPUConfig or UnitCellRPUConfig): updates go through device pulses. */
export class AnalogTile extends BaseTile<SingleRPUConfig | UnitCellRPUConfig> {
  /** Use `createTile(runtime, out, in, rpuConfig)`; this constructor takes an allocated tile. */
  constructor(rpuConfig: SingleRPUConfig | UnitCellRPUConfig, setup: TileSetup) {
    super(rpuConfig, setup);
  }
}
