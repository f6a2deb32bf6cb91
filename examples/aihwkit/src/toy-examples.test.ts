import { describe, expect, it } from 'vitest';
import { run as simpleLayer } from './01-simple-layer.js';
import { run as multipleLayers } from './02-multiple-layers.js';
import { run as vectorUnitCell } from './07-vector-unit-cell.js';
import { run as tikiTaka } from './08-tiki-taka.js';
import { run as mixedPrecision } from './12-mixed-precision.js';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/**
 * The loss over the last 10 steps relative to the first step's. The tests use the default seed 1;
 * over seeds 1 to 6 the measured ratios were 0.01-0.21 (01), 0.17-0.69 (02), 0.02-0.28 (07),
 * 0.02-0.11 (08) and 0.01-0.12 (12).
 */
function finalRatio(losses: number[]): number {
  return mean(losses.slice(-10)) / losses[0]!;
}

describe('aihwkit toy examples (quick mode, fixed seeds)', () => {
  it('01 simple layer: pulsed SGD on ConstantStep devices cuts the MSE by more than 4x in 100 steps', async () => {
    const { losses } = await simpleLayer({ quick: true });
    expect(losses).toHaveLength(100);
    expect(finalRatio(losses)).toBeLessThan(0.25);
  });

  it('02 multiple layers: three analog layers learn the sum (loss below half of its start)', async () => {
    const { losses } = await multipleLayers({ quick: true });
    expect(losses).toHaveLength(200);
    expect(finalRatio(losses)).toBeLessThan(0.5);
  });

  it('07 vector unit cell: three devices per cross-point still learn (loss below a third of its start)', async () => {
    const { losses } = await vectorUnitCell({ quick: true });
    expect(finalRatio(losses)).toBeLessThan(0.35);
  });

  it('08 Tiki-Taka: learning through transfers between two SoftBounds devices (loss below a fifth)', async () => {
    const { losses } = await tikiTaka({ quick: true });
    expect(finalRatio(losses)).toBeLessThan(0.2);
  });

  it('12 mixed precision: digitally accumulated updates reach the devices (loss below a fifth)', async () => {
    const { losses } = await mixedPrecision({ quick: true });
    expect(finalRatio(losses)).toBeLessThan(0.2);
  });
});
