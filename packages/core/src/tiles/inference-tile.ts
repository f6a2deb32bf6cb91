import type { TileHandle } from '../backends/tile-state.js';
import type { ComputeBackend } from '../backends/compute-backend.js';
import { WeightClipType, WeightModifierType, WeightRemapType } from '../parameters/enums.js';
import type { InferenceRPUConfig } from '../parameters/index.js';
import { BaseTile, type ForwardOptions, type TileSetup } from './base-tile.js';

/**
 * A tile for hardware-aware training and inference. Training updates are exact on the clean
 * weights; after each step (postUpdateStep) the weights are clipped, remapped, and a modified copy
 * is made that the forward and backward passes use while training.
 */
export class InferenceTile extends BaseTile<InferenceRPUConfig> {
  private modifiedHandle: TileHandle | null = null;

  /** Use `createTile(runtime, out, in, rpuConfig)`; this constructor takes an allocated tile. */
  constructor(rpuConfig: InferenceRPUConfig, setup: TileSetup) {
    super(rpuConfig, setup);
  }

  private get modifierActive(): boolean {
    const m = this.rpuConfig.modifier;
    return m.type !== WeightModifierType.NONE || m.pdrop > 0;
  }

  override async postUpdateStep(): Promise<void> {
    await super.postUpdateStep();
    const { clip, remap, modifier } = this.rpuConfig;
    if (clip.type !== WeightClipType.NONE) {
      await this.runtime.runKernel(this.backend, 'ClipWeights', { tile: this.handle }, { clip });
    }
    if (remap.type !== WeightRemapType.NONE) {
      const scales = this.mappingScales ?? new Float32Array(this.outSize).fill(1);
      this.mappingScales = await this.runtime.runKernel(this.backend, 'RemapWeights', { tile: this.handle, scales }, { remap });
    }
    if (this.modifierActive) {
      const state = await this.backend.readTile(this.handle);
      state.weights = await this.runtime.runKernel(
        this.backend,
        'ModifyWeights',
        { weights: state.weights, rows: this.rows, cols: this.cols },
        { modifier, rng: this.rng, hasAnalogBias: this.analogBias },
      );
      if (this.modifiedHandle) await this.backend.writeTile(this.modifiedHandle, state);
      else this.modifiedHandle = this.backend.allocateTile(state);
    }
  }

  protected override forwardHandle(options: ForwardOptions): TileHandle {
    if (!this.modifiedHandle) return this.handle;
    if (options.isTest && !this.rpuConfig.modifier.enable_during_test) return this.handle;
    return this.modifiedHandle;
  }

  /** Writing weights drops the modified copy: the next forward uses the new weights as they are. */
  protected override async writeWeights(physical: Float32Array): Promise<void> {
    await super.writeWeights(physical);
    this.dropModifiedCopy();
  }

  protected override async moveHandles(target: ComputeBackend): Promise<void> {
    this.dropModifiedCopy();
    await super.moveHandles(target);
  }

  override dispose(): void {
    this.dropModifiedCopy();
    super.dispose();
  }

  private dropModifiedCopy(): void {
    if (this.modifiedHandle) this.backend.disposeTile(this.modifiedHandle);
    this.modifiedHandle = null;
  }
}
