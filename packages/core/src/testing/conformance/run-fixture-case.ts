import type { ComputeBackend } from '../../backends/compute-backend.js';
import type { TileState } from '../../backends/tile-state.js';
import { configFromJSON } from '../../parameters/config-from-json.js';
import type { IOParameters } from '../../parameters/io-parameters.js';
import type { ParameterBase, ParameterJSON } from '../../parameters/parameter-base.js';
import type { UpdateParameters } from '../../parameters/update-parameters.js';
import type { DriftParameter } from '../../parameters/drift-parameter.js';
import type { WeightClipParameter } from '../../parameters/weight-clip-parameter.js';
import type { WeightModifierParameter } from '../../parameters/weight-modifier-parameter.js';
import type { WeightRemapParameter } from '../../parameters/weight-remap-parameter.js';
import { XoshiroRandom } from '../../random/xoshiro-random.js';
import type { Runtime } from '../../runtime/runtime.js';
import type { FixtureCase, FixtureTileState } from './fixture-types.js';

/** The numbers a case produces on a backend: outputs and/or the weights after the call. */
export interface CaseResult {
  output?: Float32Array;
  weights?: Float32Array;
  /** False when the kernel wrote into its input arrays (they belong to the caller and are read-only). */
  inputsUnchanged?: boolean;
}

const FIXTURE_SEED = 1234;

export function stateFromFixture(s: FixtureTileState): TileState {
  const arrays = (r: Record<string, number[]>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Float32Array.from(v)]));
  return { rows: s.rows, cols: s.cols, weights: Float32Array.from(s.weights), hidden: arrays(s.hidden), aux: arrays(s.aux) };
}

export function stateToFixture(s: TileState): FixtureTileState {
  const arrays = (r: Record<string, Float32Array>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.from(v)]));
  return { rows: s.rows, cols: s.cols, weights: Array.from(s.weights), hidden: arrays(s.hidden), aux: arrays(s.aux) };
}

function param<T extends ParameterBase>(runtime: Runtime, json: ParameterJSON): T {
  return configFromJSON(json, { resolve: (name) => runtime.devices.parameterClass(name) }) as T;
}

/** Runs one fixture case on `backend` through the runtime's kernel dispatch (native or fallback). */
export async function runFixtureCase(runtime: Runtime, backend: ComputeBackend, c: FixtureCase): Promise<CaseResult> {
  const rng = new XoshiroRandom(FIXTURE_SEED);
  if (c.kind === 'modify') {
    const output = await runtime.runKernel(
      backend,
      'ModifyWeights',
      { weights: Float32Array.from(c.weights), rows: c.rows, cols: c.cols },
      { modifier: param<WeightModifierParameter>(runtime, c.modifier), rng, hasAnalogBias: c.hasAnalogBias },
    );
    return { output };
  }
  const tile = backend.allocateTile(stateFromFixture(c.state));
  try {
    switch (c.kind) {
      case 'mvm': {
        const io = param<IOParameters>(runtime, c.io);
        const input = Float32Array.from(c.input);
        const output =
          c.kernel === 'ForwardMvm'
            ? await runtime.runKernel(backend, 'ForwardMvm', { tile, x: input, batch: c.batch }, { io, rng })
            : await runtime.runKernel(backend, 'BackwardMvm', { tile, d: input, batch: c.batch }, { io, rng });
        return { output, inputsUnchanged: unchanged(input, c.input) };
      }
      case 'update': {
        const device = runtime.devices.bind(param(runtime, c.device));
        const x = Float32Array.from(c.x);
        const d = Float32Array.from(c.d);
        await runtime.runKernel(backend, 'PulsedUpdate', { tile, x, d, batch: c.batch }, { update: param<UpdateParameters>(runtime, c.update), lr: c.lr, device, rng });
        return { weights: (await backend.readTile(tile)).weights, inputsUnchanged: unchanged(x, c.x) && unchanged(d, c.d) };
      }
      case 'tile-op': {
        const device = runtime.devices.bind(param(runtime, c.device));
        const num = (k: string) => c.attrs[k] as number;
        const obj = <T extends ParameterBase>(k: string) => param<T>(runtime, c.attrs[k] as ParameterJSON);
        let output: Float32Array | undefined;
        for (let i = 0; i < c.calls; i++) {
          switch (c.kernel) {
            case 'DecayWeights':
              await runtime.runKernel(backend, 'DecayWeights', { tile }, { alpha: num('alpha'), device, rng });
              break;
            case 'DriftWeights':
              await runtime.runKernel(backend, 'DriftWeights', { tile }, { deltaT: num('deltaT'), drift: obj<DriftParameter>('drift'), device, rng });
              break;
            case 'ResetColumns':
              await runtime.runKernel(backend, 'ResetColumns', { tile }, { start: num('start'), count: num('count'), prob: num('prob'), device, rng });
              break;
            case 'ClipWeights':
              await runtime.runKernel(backend, 'ClipWeights', { tile }, { clip: obj<WeightClipParameter>('clip') });
              break;
            case 'RemapWeights':
              output = await runtime.runKernel(backend, 'RemapWeights', { tile, scales: Float32Array.from(c.scales ?? []) }, { remap: obj<WeightRemapParameter>('remap') });
              break;
          }
        }
        const weights = (await backend.readTile(tile)).weights;
        return output ? { weights, output } : { weights };
      }
    }
  } finally {
    backend.disposeTile(tile);
  }
}

/** Largest |a - b| relative to max(1, |b|), and where. */
export function maxDeviation(actual: Float32Array, expected: readonly number[]): { value: number; index: number } {
  let worst = { value: actual.length === expected.length ? 0 : Infinity, index: -1 };
  for (let i = 0; i < Math.min(actual.length, expected.length); i++) {
    const dev = Math.abs(actual[i]! - expected[i]!) / Math.max(1, Math.abs(expected[i]!));
    if (!(dev <= worst.value)) worst = { value: dev, index: i };
  }
  return worst;
}

/** Whether `actual` still holds the float32 values of `original`. */
function unchanged(actual: Float32Array, original: readonly number[]): boolean {
  return original.every((v, i) => Object.is(actual[i], Math.fround(v)));
}
