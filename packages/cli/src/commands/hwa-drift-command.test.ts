import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCaptured, scratchFolder } from '../cli-test-support.js';
import type { HwaDriftResult } from '../experiments/hwa-drift.js';
import { hwaDriftReport } from '../report/hwa-drift-report.js';

describe('analogkit hwa-drift --quick', () => {
  it('trains, programs and drifts, and writes results.json and an accuracy-vs-time SVG with every series', async () => {
    const out = join(scratchFolder(), 'run');
    const { code, stdout, stderr } = await runCaptured(['hwa-drift', '--quick', '--json', '--out', out, '--seed', '3']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as HwaDriftResult & { files: Record<string, string> };
    const result = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as HwaDriftResult;
    expect(printed.files['results.json']).toBe(join(out, 'results.json'));
    expect(result.seed).toBe(3);
    expect(result.config).toMatchObject({ quick: true, epochs: 1, repeats: 2, trainSize: 1000, testSize: 300, preset: 'inference' });
    expect(result.config.rpuConfig).toMatchObject({ __class__: 'InferenceRPUConfig' });
    expect(typeof result.backend.device).toBe('string');
    expect(result.timings.totalSeconds).toBeGreaterThan(0);

    // Quick training still learns: both the digital and the programmed accuracy are far above chance (10%).
    expect(result.accuracy.digital).toBeGreaterThan(0.4);
    expect(result.drift.map((s) => s.setting)).toEqual(['with drift compensation', 'without drift compensation']);
    // The compensated model scales its outputs up as the conductances decay; the other one never does.
    const [compensated, uncompensated] = result.drift;
    expect(compensated!.points.at(-1)!.alpha).toBeGreaterThan(1.1);
    for (const point of uncompensated!.points) expect(point.alpha).toBe(1);
    for (const series of result.drift) {
      expect(series.points.map((p) => p.label)).toEqual(['1 s', '1 h', '1 day', '1 month', '1 year', '10 years']);
      for (const point of series.points) {
        expect(point.values).toHaveLength(2);
        expect(point.mean).toBeCloseTo((point.values[0]! + point.values[1]!) / 2, 12);
        expect(point.mean).toBeGreaterThan(0.25);
      }
    }

    const svg = readFileSync(join(out, 'accuracy-vs-time.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    for (const text of ['with drift compensation', 'without drift compensation', 'digital (floating point)', '10 years', 'test accuracy (%)']) {
      expect(svg).toContain(`>${text}</text>`);
    }

    const report = hwaDriftReport(result);
    expect(report).toContain('time after programming');
    expect(report).toMatch(/10 years +\d+\.\d\d ± \d+\.\d\d% +\d+\.\d\d ± \d+\.\d\d% +\d\.\d{3}$/m);
  }, 60_000); // a quick training and drift run: seconds on a 2-core machine, near vitest's 5 s default
});
