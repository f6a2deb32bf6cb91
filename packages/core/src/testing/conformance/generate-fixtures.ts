import type { Runtime } from '../../runtime/runtime.js';
import { pendingFixtureCases } from './fixture-cases.js';
import type { FixtureCase, FixtureFile } from './fixture-types.js';
import { runFixtureCase } from './run-fixture-case.js';

/** Computes every deterministic case on the reference backend of `runtime`. */
export async function generateFixtures(runtime: Runtime): Promise<FixtureFile> {
  const reference = await runtime.backend('reference');
  const cases: FixtureCase[] = [];
  for (const pending of pendingFixtureCases(runtime)) {
    const result = await runFixtureCase(runtime, reference, pending as FixtureCase);
    const out = result.output ? Array.from(result.output) : undefined;
    const weights = result.weights ? Array.from(result.weights) : undefined;
    switch (pending.kind) {
      case 'mvm':
      case 'modify':
        cases.push({ ...pending, expected: out! } as FixtureCase);
        break;
      case 'update':
        cases.push({ ...pending, expectedWeights: weights! });
        break;
      case 'tile-op':
        cases.push({ ...pending, expectedWeights: weights!, ...(out ? { expectedOutput: out } : {}) });
        break;
    }
  }
  return { generatedBy: 'npm run fixtures -w @analogkit/core (reference kernels)', cases };
}
