import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { scratchFolder } from '../cli-test-support.js';
import { defaultOutputFolder, writeOutputFiles } from './output-folder.js';

describe('output folder', () => {
  it('defaults to ./analogkit-results/<UTC timestamp> without colons', () => {
    const folder = defaultOutputFolder(new Date('2026-03-04T05:06:07.890Z'));
    expect(folder.endsWith(`${sep}analogkit-results${sep}2026-03-04T05-06-07Z`)).toBe(true);
  });

  it('creates nested folders and writes every file', () => {
    const folder = join(scratchFolder(), 'a', 'b');
    const files = writeOutputFiles(folder, { 'x.json': '{}', 'y.svg': '<svg/>' });
    expect(readFileSync(files['x.json']!, 'utf8')).toBe('{}');
    expect(readFileSync(join(folder, 'y.svg'), 'utf8')).toBe('<svg/>');
  });

  it('a folder that cannot be created is a CliError that names it', () => {
    const root = scratchFolder();
    writeFileSync(join(root, 'file'), 'not a folder');
    mkdirSync(join(root, 'ok'));
    expect(() => writeOutputFiles(join(root, 'file', 'sub'), { 'x.json': '{}' })).toThrow(CliError);
    expect(() => writeOutputFiles(join(root, 'file', 'sub'), { 'x.json': '{}' })).toThrow(/Choose another folder with --out/);
  });
});
