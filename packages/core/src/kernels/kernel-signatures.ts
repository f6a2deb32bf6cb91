import type { ComputeBackend } from '../backends/compute-backend.js';
import type { TileHandle, TileState } from '../backends/tile-state.js';
import type { BoundDevice } from '../devices/device-model.js';
import type { IOParameters } from '../parameters/io-parameters.js';
import type { UpdateParameters } from '../parameters/update-parameters.js';
import type { DriftParameter, SimpleDriftParameter } from '../parameters/drift-parameter.js';
import type { WeightClipParameter } from '../parameters/weight-clip-parameter.js';
import type { WeightModifierParameter } from '../parameters/weight-modifier-parameter.js';
import type { WeightRemapParameter } from '../parameters/weight-remap-parameter.js';
import type { RandomSource } from '../random/random-source.js';
import type { KernelName } from './kernel-names.js';

/** Whether an MVM runs the forward (W x) or the backward (W^T d) direction. */
export type MvmDirection = 'forward' | 'backward';

/**
 * Inputs, attributes and output of every kernel. `tile` inputs refer to a tile state on the
 * backend; the reference kernels receive that state directly. Input arrays are read-only: tiles
 * pass the caller's own data where no layout change is needed (the conformance suite checks that
 * kernels leave them as they were).
 */
export interface KernelSignatures {
  ForwardMvm: {
    /**
     * x is batch * cols (the analog-bias 1 already appended when the tile has one). `checked`:
     * the caller has made sure every value is finite (see KernelConfig.checksFiniteInputs).
     */
    inputs: { tile: TileHandle; x: Float32Array; batch: number; checked?: boolean };
    attrs: { io: IOParameters; rng: RandomSource };
    /** batch * rows */
    output: Float32Array;
  };
  BackwardMvm: {
    /** d is batch * rows; `checked` as for ForwardMvm. */
    inputs: { tile: TileHandle; d: Float32Array; batch: number; checked?: boolean };
    attrs: { io: IOParameters; rng: RandomSource };
    /** batch * cols */
    output: Float32Array;
  };
  PulsedUpdate: {
    /** x is batch * cols, d is batch * rows; samples are applied one after another. */
    inputs: { tile: TileHandle; x: Float32Array; d: Float32Array; batch: number };
    attrs: { update: UpdateParameters; lr: number; device: BoundDevice; rng: RandomSource };
    output: void;
  };
  DecayWeights: {
    inputs: { tile: TileHandle };
    attrs: { alpha: number; device: BoundDevice; rng: RandomSource };
    output: void;
  };
  DiffuseWeights: {
    inputs: { tile: TileHandle };
    attrs: { device: BoundDevice; rng: RandomSource };
    output: void;
  };
  DriftWeights: {
    inputs: { tile: TileHandle };
    attrs: { deltaT: number; drift: DriftParameter | SimpleDriftParameter; device: BoundDevice; rng: RandomSource };
    output: void;
  };
  ResetColumns: {
    inputs: { tile: TileHandle };
    attrs: { start: number; count: number; prob: number; device: BoundDevice; rng: RandomSource };
    output: void;
  };
  ClipWeights: {
    inputs: { tile: TileHandle };
    attrs: { clip: WeightClipParameter };
    output: void;
  };
  ModifyWeights: {
    /** Works on a copy of the weights (the forward/backward copy), never on the tile. */
    inputs: { weights: Float32Array; rows: number; cols: number };
    attrs: { modifier: WeightModifierParameter; rng: RandomSource; hasAnalogBias: boolean };
    output: Float32Array;
  };
  RemapWeights: {
    /** Divides the tile weights by per-row factors and returns the new per-row scales. */
    inputs: { tile: TileHandle; scales: Float32Array };
    attrs: { remap: WeightRemapParameter };
    output: Float32Array;
  };
}

export type KernelInputs<K extends KernelName> = KernelSignatures[K]['inputs'];
export type KernelAttrs<K extends KernelName> = KernelSignatures[K]['attrs'];
export type KernelOutput<K extends KernelName> = KernelSignatures[K]['output'];

/** A native kernel of one backend. It may be synchronous or return a promise. */
export type KernelFunc<K extends KernelName, B extends ComputeBackend = ComputeBackend> = (args: {
  backend: B;
  inputs: KernelInputs<K>;
  attrs: KernelAttrs<K>;
}) => KernelOutput<K> | Promise<KernelOutput<K>>;

export interface KernelConfig<K extends KernelName = KernelName> {
  readonly kernelName: K;
  readonly backendName: string;
  readonly kernelFunc: KernelFunc<K>;
  /**
   * An MVM kernel that refuses inputs not marked `checked` when they hold a NaN or an infinity,
   * with the error of `assertFinite`, before it draws a random number or changes anything. Tiles
   * then skip their own scan of inputs they hand over unchanged (where the kernel can check on
   * the way, e.g. while taking each row's largest |x|).
   */
  readonly checksFiniteInputs?: boolean;
}

/** Inputs of a reference kernel: the tile handle is replaced by the tile's state itself. */
export type ReferenceInputs<K extends KernelName> = Omit<KernelInputs<K>, 'tile'>;

/** A reference kernel: the executable spec, over a tile state in host memory. */
export interface ReferenceKernel<K extends KernelName = KernelName> {
  readonly kernelName: K;
  /** Whether the kernel changes the tile state (the fallback path writes it back). */
  readonly mutatesTile: boolean;
  run(state: TileState | undefined, inputs: ReferenceInputs<K>, attrs: KernelAttrs<K>): KernelOutput<K>;
}
