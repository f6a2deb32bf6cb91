import type { BoundDevice } from '@analogkit/core';

/** Whether a (sub-)device diffuses: its model's answer, else its `diffusion` field > 0. */
export function deviceNeedsDiffusion({ model, params }: BoundDevice): boolean {
  return model.needsDiffusion ? model.needsDiffusion(params) : ((params as { diffusion?: number }).diffusion ?? 0) > 0;
}

/** Whether a (sub-)device decays: its model's answer, else its `lifetime` field > 0. */
export function deviceNeedsDecay({ model, params }: BoundDevice): boolean {
  return model.needsDecay ? model.needsDecay(params) : ((params as { lifetime?: number }).lifetime ?? 0) > 0;
}
