import { describe, expect, it } from 'vitest';
import { run as simpleLayerHardwareAware } from './05-simple-layer-hardware-aware.js';
import { run as lenet5HardwareAware } from './06-lenet5-hardware-aware.js';

describe('aihwkit hardware-aware examples (quick mode, fixed seeds)', () => {
  it('05: HWA training lowers the loss; after programming, drift moves the outputs and the compensation scales them up', async () => {
    const { losses, drift } = await simpleLayerHardwareAware({ quick: true });
    expect(losses[99]!).toBeLessThan(losses[0]! * 0.35);
    expect(drift.map((d) => d.t)).toEqual([0, 1, 20, 1000, 1e5]);
    const first = drift[0]!;
    const last = drift[4]!;
    // PCM conductances decay as t^-nu (nu about 0.05), so after 1e5 s the compensation must be above 1.
    expect(last.alpha).toBeGreaterThan(1.05);
    expect(last.alpha).toBeGreaterThan(first.alpha);
    expect(last.prediction.flat().some((v, i) => Math.abs(v - first.prediction.flat()[i]!) > 1e-4)).toBe(true);
  });

  it('06: a LeNet5-like analog CNN learns MNIST far above chance (10%) and keeps it after programming and drift', async () => {
    const { accuracyAfterTraining, drift } = await lenet5HardwareAware({ quick: true });
    expect(accuracyAfterTraining).toBeGreaterThan(0.5);
    for (const { accuracy } of drift) expect(accuracy).toBeGreaterThan(0.4);
  }, 60_000); // a few seconds of training and drift inference: above vitest's 5 s default on a 2-core machine
});
