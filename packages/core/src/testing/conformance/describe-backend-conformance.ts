import { describe, expect, it } from 'vitest';
import type { ComputeBackend } from '../../backends/compute-backend.js';
import type { KernelName } from '../../kernels/kernel-names.js';
import { registerCore } from '../../register-core.js';
import { createRuntime, type Registrar } from '../../runtime/create-runtime.js';
import type { Runtime } from '../../runtime/runtime.js';
import fixtureFile from './fixtures/conformance-fixtures.json' with { type: 'json' };
import type { FixtureCase, FixtureFile } from './fixture-types.js';
import { MOMENT_CASES } from './moment-checks.js';
import { maxDeviation, runFixtureCase } from './run-fixture-case.js';
import { runLeakCheck } from './leak-check.js';

export interface BackendConformanceOptions {
  /** Registry name of the backend under test, e.g. `onnx`. */
  backendName: string;
  /** The device to resolve (`onnx:cpu`); defaults to `backendName`. */
  device?: string;
  /** Registers the backend and its native kernels into a fresh container (core is registered first). */
  create: Registrar;
  /** `true` when the backend can run here, otherwise the reason it cannot (the suite is then skipped with it). */
  available?: () => boolean | string | Promise<boolean | string>;
  /** Kernels the backend does not claim to match, each with the reason. */
  exclude?: Partial<Record<KernelName, string>>;
  /** Largest deviation allowed in deterministic cases, relative to max(1, |expected|). Default 1e-5 (float32). */
  tolerance?: number;
}

const FIXTURES = fixtureFile as FixtureFile;

function kernelOf(c: FixtureCase): KernelName {
  switch (c.kind) {
    case 'mvm':
    case 'tile-op':
      return c.kernel;
    case 'update':
      return 'PulsedUpdate';
    case 'modify':
      return 'ModifyWeights';
  }
}

/**
 * The shared suite every backend passes: each deterministic fixture (made by the reference
 * kernels) within float32 tolerance, each stochastic kernel by its moments, and a leak check.
 */
export function describeBackendConformance(options: BackendConformanceOptions): void {
  const device = options.device ?? options.backendName;
  const tolerance = options.tolerance ?? 1e-5;
  let setup: Promise<{ runtime: Runtime; backend: ComputeBackend } | { unavailable: string }> | undefined;
  const ready = () =>
    (setup ??= (async () => {
      const available = options.available ? await options.available() : true;
      if (available !== true) return { unavailable: typeof available === 'string' ? available : `${device} is not available here` };
      const runtime = createRuntime({ seed: 11, register: [registerCore, options.create] });
      return { runtime, backend: await runtime.backend(device) };
    })());

  const caseTest = (name: string, kernel: KernelName, body: (runtime: Runtime, backend: ComputeBackend) => Promise<void>) => {
    const excluded = options.exclude?.[kernel];
    it(name, async (ctx) => {
      if (excluded) {
        // The backend declared this kernel out of scope; vitest reports the reason with the skip.
        ctx.skip(`${kernel} excluded on ${device}: ${excluded}`);
        return;
      }
      const env = await ready();
      if ('unavailable' in env) {
        ctx.skip(`${device} unavailable: ${env.unavailable}`);
        return;
      }
      await body(env.runtime, env.backend);
    });
  };

  describe(`backend conformance: ${device}`, () => {
    describe('deterministic cases against the reference fixtures', () => {
      for (const c of FIXTURES.cases) {
        caseTest(c.name, kernelOf(c), async (runtime, backend) => {
          const result = await runFixtureCase(runtime, backend, c);
          expect(result.inputsUnchanged, 'the kernel wrote into its input arrays, which belong to the caller').not.toBe(false);
          const compare = (label: string, actual: Float32Array | undefined, expected: number[]) => {
            expect(actual, `${label} missing`).toBeDefined();
            const dev = maxDeviation(actual!, expected);
            expect(dev.value, `${label}: worst deviation at ${dev.index} (got ${actual![dev.index]}, want ${expected[dev.index]})`).toBeLessThanOrEqual(tolerance);
          };
          switch (c.kind) {
            case 'mvm':
            case 'modify':
              compare('output', result.output, c.expected);
              break;
            case 'update':
              compare('weights', result.weights, c.expectedWeights);
              break;
            case 'tile-op':
              compare('weights', result.weights, c.expectedWeights);
              if (c.expectedOutput) compare('output', result.output, c.expectedOutput);
              break;
          }
        });
      }
    });

    describe('stochastic kernels by moments (fixed seeds, stated tolerances)', () => {
      for (const m of MOMENT_CASES) {
        caseTest(m.name, m.kernel, async (runtime, backend) => {
          for (const check of await m.run(runtime, backend)) {
            expect(Math.abs(check.actual - check.expected), `${check.label}: ${check.actual} vs ${check.expected} ± ${check.tolerance}`).toBeLessThanOrEqual(check.tolerance);
          }
        });
      }
    });

    describe('resources', () => {
      it('disposes every tile it allocates (leak check)', async (ctx) => {
        const env = await ready();
        if ('unavailable' in env) {
          ctx.skip(`${device} unavailable: ${env.unavailable}`);
          return;
        }
        await runLeakCheck(env.runtime, env.backend);
      });
    });
  });
}
