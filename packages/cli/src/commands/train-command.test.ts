import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured, scratchFolder } from '../cli-test-support.js';
import type { TrainResult } from '../experiments/train-analog.js';

describe('analogkit train --quick', () => {
  it('trains the MLP with pulsed ConstantStep updates, prints the table and writes results.json and an SVG', async () => {
    const out = scratchFolder();
    const { code, stdout, stderr } = await runCaptured(['train', '--quick', '--epochs', '2', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('epoch 1/2:');
    expect(stdout).toMatch(/epoch +loss +training accuracy +test accuracy +seconds/);
    expect(stdout).toContain(`wrote ${join(out, 'results.json')}`);

    const result = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as TrainResult;
    expect(result.config).toMatchObject({ device: 'constant-step', compound: 'none', epochs: 2, quick: true });
    expect(result.config.rpuConfig).toMatchObject({ __class__: 'SingleRPUConfig' });
    expect(result.epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(result.epochs[1]!.loss).toBeLessThan(result.epochs[0]!.loss);
    expect(result.epochs[1]!.testAccuracy).toBeGreaterThan(0.4);

    const svg = readFileSync(join(out, 'accuracy-per-epoch.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['test accuracy', 'training accuracy (running)', 'epoch']) expect(svg).toContain(`>${text}</text>`);
  });

  it('runs a compound learning rule (Tiki-Taka on ReRam-SB presets) end to end', async () => {
    const { code, stdout } = await runCaptured(['train', '--quick', '--json', '--device', 'reram-sb', '--compound', 'tiki-taka', '--train-size', '256', '--test-size', '100', '--out', scratchFolder()]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as TrainResult;
    expect(result.config.rpuConfig).toMatchObject({ __class__: 'UnitCellRPUConfig', device: { __class__: 'TransferCompound' } });
    expect(Number.isFinite(result.epochs[0]!.loss)).toBe(true);
  });
});
