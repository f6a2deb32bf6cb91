import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCaptured } from './cli-test-support.js';

describe('analogkit command line', () => {
  it('--help lists the commands and exits 0', async () => {
    const { code, stdout } = await runCaptured(['--help']);
    expect(code).toBe(0);
    for (const command of ['hwa-drift', 'train', 'info', 'bench']) expect(stdout).toContain(command);
  });

  it.each([
    ['hwa-drift', ['--backend', '--epochs', '--batch-size', '--lr', '--seed', '--repeats', '--times', '--out', '--quick', '--json', '--preset']],
    ['train', ['--device', '--compound', '--backend', '--epochs', '--batch-size', '--lr', '--seed', '--out', '--quick', '--json']],
    ['info', ['--plugin', '--json']],
    ['bench', ['--json']],
  ])('%s --help documents its options and exits 0', async (command, options) => {
    const { code, stdout } = await runCaptured([command, '--help']);
    expect(code).toBe(0);
    for (const option of options) expect(stdout).toContain(option);
  });

  it.each([
    [['hwa-drift', '--bogus'], "unknown option '--bogus'"],
    [['hwa-drift', '--epochs', '0'], 'positive integer'],
    [['hwa-drift', '--epochs', 'two'], 'positive integer'],
    [['hwa-drift', '--lr', '-1'], 'number > 0'],
    [['hwa-drift', '--momentum', '1'], '[0, 1)'],
    [['hwa-drift', '--times', '1s,3x'], '"3x" is not a time'],
    [['hwa-drift', '--preset', 'fancy'], 'Allowed choices are inference, standard-hwa'],
    [['hwa-drift', '--train-size', '70000'], '<= 60000'],
    [['train', '--device', 'memristor'], 'Allowed choices are constant-step'],
    [['train', '--compound', 'sgd'], 'Allowed choices are none, tiki-taka, mixed-precision'],
    [['train', '--seed', '-3'], "'--seed <n>' argument '-3' is invalid"],
    [['explode'], "unknown command 'explode'"],
  ])('%j fails with exit code 1 and says why', async (argv, message) => {
    const { code, stderr } = await runCaptured(argv);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });

  it('an unknown backend fails before any work with the registered backends named', async () => {
    const { code, stderr } = await runCaptured(['hwa-drift', '--quick', '--backend', 'abacus']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Unknown backend "abacus"\. Registered backends: .*reference/);
  });

  it('a device without the asked compound fails with the compounds it has', async () => {
    const { code, stderr } = await runCaptured(['train', '--quick', '--device', 'pcm', '--compound', 'tiki-taka']);
    expect(code).toBe(1);
    expect(stderr).toContain('--device pcm cannot be combined with --compound tiki-taka; use --compound none or mixed-precision');
  });

  it('the analogkit executable exits non-zero on a bad flag', () => {
    const tsx = createRequire(import.meta.url).resolve('tsx/cli');
    const bin = fileURLToPath(new URL('./bin.ts', import.meta.url));
    const child = spawnSync(process.execPath, [tsx, '--conditions=@analogkit/source', bin, 'train', '--epochs', 'many'], { encoding: 'utf8' });
    expect(child.status).toBe(1);
    expect(child.stderr).toContain("option '--epochs <n>' argument 'many' is invalid");
  });
});
