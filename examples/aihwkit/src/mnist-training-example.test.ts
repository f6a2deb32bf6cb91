import { describe, expect, it } from 'vitest';
import { run as mnistTraining } from './03-mnist-training.js';

describe('aihwkit example 03 (quick mode, fixed seed)', () => {
  it('pulsed training of the sigmoid MLP lowers the loss and beats chance (10%) on test images', async () => {
    const { losses, testAccuracy } = await mnistTraining({ quick: true });
    expect(losses[1]!).toBeLessThan(losses[0]!);
    expect(testAccuracy).toBeGreaterThan(0.3);
  });
});
