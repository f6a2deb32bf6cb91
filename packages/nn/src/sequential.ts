import type { Tensor } from '@analogkit/core';
import { driftAnalogWeights, programAnalogWeights } from './analog/inference-ops.js';
import { Module } from './module.js';

/** Runs its children in order (named '0', '1', ...); backward runs them in reverse. */
export class Sequential extends Module {
  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => this.registerModule(String(i), m));
  }

  /** The children in order. */
  get layers(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  async forward(x: Tensor): Promise<Tensor> {
    let y = x;
    for (const m of this.layers) y = await m.forward(y);
    return y;
  }

  async backward(gradOutput: Tensor): Promise<Tensor> {
    let g = gradOutput;
    for (const m of this.layers.reverse()) g = await m.backward(g);
    return g;
  }
}

/** A Sequential with the analog model operations of aihwkit's AnalogSequential. */
export class AnalogSequential extends Sequential {
  /** Programs the weights of every inference tile (eval mode only). */
  programAnalogWeights(): Promise<void> {
    return programAnalogWeights(this);
  }

  /** Programs (if needed) and drifts every inference tile to `tInference` seconds (eval mode only). */
  driftAnalogWeights(tInference = 0): Promise<void> {
    return driftAnalogWeights(this, tInference);
  }
}
