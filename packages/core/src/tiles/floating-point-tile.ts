import type { FloatingPointRPUConfig } from '../parameters/index.js';
import { BaseTile, type TileSetup } from './base-tile.js';

/** A digital reference tile: perfect MVMs and exact SGD updates, with optional decay, diffusion and drift. */
export class FloatingPointTile extends BaseTile<FloatingPointRPUConfig> {
  /** Use `createTile(runtime, out, in, rpuConfig)`; this constructor takes an allocated tile. */
  constructor(rpuConfig: FloatingPointRPUConfig, setup: TileSetup) {
    super(rpuConfig, setup);
  }
}
