import type { ComputeBackend, ParameterJSON, RPUConfig } from '@analogkit/core';
import { MLP_SIZES } from './mlp.js';
import { runContext, type RunContext } from './run-context.js';

/** The options every MNIST experiment takes. */
export interface ExperimentOptions {
  /** Backend name or `name:target`; undefined: the default runtime's choice. */
  backend: string | undefined;
  epochs: number;
  batchSize: number;
  lr: number;
  seed: number;
  trainSize: number;
  testSize: number;
  quick: boolean;
}

export interface ExperimentTimings {
  loadSeconds: number;
  trainSeconds: number;
  epochSeconds: number[];
  evaluationSeconds: number;
  totalSeconds: number;
}

/** The part of results.json every experiment writes: what ran, how, where, and how long it took. */
export interface ExperimentRecord<C extends string, O extends ExperimentOptions> {
  command: C;
  run: RunContext;
  config: O & { network: string; rpuConfig: ParameterJSON };
  seed: number;
  backend: { requested: string | null; device: string };
  timings: ExperimentTimings;
}

export function experimentRecord<C extends string, O extends ExperimentOptions>(
  command: C,
  options: O,
  rpuConfig: RPUConfig,
  backend: ComputeBackend,
  timings: ExperimentTimings,
): ExperimentRecord<C, O> {
  return {
    command,
    run: runContext(),
    config: { ...options, network: `${MLP_SIZES.join('-')} ReLU`, rpuConfig: rpuConfig.toJSON() },
    seed: options.seed,
    backend: { requested: options.backend ?? null, device: backend.device },
    timings,
  };
}
