import { availableParallelism, cpus } from 'node:os';
import { cliVersion } from '../info/versions.js';

/** Who ran an experiment where: stored with every results.json. */
export interface RunContext {
  analogkit: string;
  date: string;
  node: string;
  platform: string;
  cpu: string;
  threads: number;
}

export function runContext(): RunContext {
  return {
    analogkit: cliVersion(),
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    threads: availableParallelism(),
  };
}

/** Seconds since `start` (a performance.now() reading). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}
