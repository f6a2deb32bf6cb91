import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from '../cli-error.js';

/** `./analogkit-results/<UTC timestamp>`, with a counter appended if that folder already exists. */
export function defaultOutputFolder(now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const base = resolve('analogkit-results', stamp);
  let folder = base;
  for (let n = 2; existsSync(folder); n++) folder = `${base}-${n}`;
  return folder;
}

/** Creates `folder` (and its parents) and writes each file into it; returns the paths written, by file name. */
export function writeOutputFiles(folder: string, files: Record<string, string>): Record<string, string> {
  const absolute = resolve(folder);
  try {
    mkdirSync(absolute, { recursive: true });
    const written: Record<string, string> = {};
    for (const [name, content] of Object.entries(files)) {
      const path = join(absolute, name);
      writeFileSync(path, content);
      written[name] = path;
    }
    return written;
  } catch (error) {
    throw new CliError(`Cannot write the results to ${absolute}: ${error instanceof Error ? error.message : String(error)}. Choose another folder with --out.`);
  }
}
