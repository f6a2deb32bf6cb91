import type { ParameterJSON } from '../../parameters/parameter-base.js';

/** A tile state in JSON form. */
export interface FixtureTileState {
  rows: number;
  cols: number;
  weights: number[];
  hidden: Record<string, number[]>;
  aux: Record<string, number[]>;
}

/** One deterministic conformance case: a kernel call and the result the reference kernels gave. */
export type FixtureCase =
  | {
      kind: 'mvm';
      name: string;
      kernel: 'ForwardMvm' | 'BackwardMvm';
      io: ParameterJSON;
      state: FixtureTileState;
      input: number[];
      batch: number;
      expected: number[];
    }
  | {
      kind: 'update';
      name: string;
      update: ParameterJSON;
      device: ParameterJSON;
      lr: number;
      state: FixtureTileState;
      x: number[];
      d: number[];
      batch: number;
      expectedWeights: number[];
    }
  | {
      kind: 'tile-op';
      name: string;
      kernel: 'DecayWeights' | 'DriftWeights' | 'ResetColumns' | 'ClipWeights' | 'RemapWeights';
      device: ParameterJSON;
      /** Kernel attributes other than device/rng (parameter objects in JSON form). */
      attrs: Record<string, number | ParameterJSON>;
      /** For RemapWeights: the scales input. */
      scales?: number[];
      state: FixtureTileState;
      /** How many times the kernel is called (drift accumulates its clock). */
      calls: number;
      expectedWeights: number[];
      expectedOutput?: number[];
    }
  | {
      kind: 'modify';
      name: string;
      modifier: ParameterJSON;
      rows: number;
      cols: number;
      hasAnalogBias: boolean;
      weights: number[];
      expected: number[];
    };

export interface FixtureFile {
  /** How the file was made; regenerate with `npm run fixtures -w @analogkit/core`. */
  generatedBy: string;
  cases: FixtureCase[];
}
