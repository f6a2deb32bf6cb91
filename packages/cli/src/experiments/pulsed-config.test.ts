import { SingleRPUConfig, UnitCellRPUConfig } from '@analogkit/core';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { pulsedRpuConfig, TRAIN_COMPOUNDS, TRAIN_DEVICES } from './pulsed-config.js';

describe('pulsed training configs', () => {
  it.each(TRAIN_DEVICES.flatMap((d) => TRAIN_COMPOUNDS.map((c) => [d, c] as const)).filter(([d, c]) => !(d === 'pcm' && c === 'tiki-taka')))(
    '%s with %s builds the right config',
    (device, compound) => {
      const config = pulsedRpuConfig(device, compound);
      if (compound === 'none' && device !== 'pcm') {
        expect(config).toBeInstanceOf(SingleRPUConfig);
      } else {
        expect(config).toBeInstanceOf(UnitCellRPUConfig);
        const expected = { none: 'OneSidedUnitCell', 'tiki-taka': 'TransferCompound', 'mixed-precision': 'MixedPrecisionCompound' }[compound];
        expect((config as UnitCellRPUConfig).device.className).toBe(expected);
      }
    },
  );

  it('maps the device names to aihwkit device classes', () => {
    const deviceClass = (d: (typeof TRAIN_DEVICES)[number]) => (pulsedRpuConfig(d, 'none') as SingleRPUConfig).device.className;
    expect(deviceClass('constant-step')).toBe('ConstantStepDevice');
    expect(deviceClass('soft-bounds')).toBe('SoftBoundsDevice');
    expect(deviceClass('reram-es')).toBe('ExpStepDevice');
    expect(deviceClass('reram-sb')).toBe('SoftBoundsReferenceDevice');
    expect(deviceClass('ecram')).toBe('LinearStepDevice');
    expect(deviceClass('idealized')).toBe('ConstantStepDevice');
  });

  it('PCM has no Tiki-Taka config', () => {
    expect(() => pulsedRpuConfig('pcm', 'tiki-taka')).toThrow(CliError);
  });
});
