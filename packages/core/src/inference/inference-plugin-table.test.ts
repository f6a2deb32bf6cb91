import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { BaseDriftCompensation } from '../parameters/base-drift-compensation.js';
import { BaseNoiseModel } from '../parameters/base-noise-model.js';
import { GlobalDriftCompensation } from '../parameters/global-drift-compensation.js';
import { PCMLikeNoiseModel } from '../parameters/pcm-like-noise-model.js';
import { createRuntime } from '../runtime/create-runtime.js';
import { DriftCompensation, NoiseModel } from '../tokens.js';
import type { InferenceDriftCompensation } from './drift-compensation.js';
import { DriftCompensationTable } from './drift-compensation-registry.js';
import { InferenceModelError } from './inference-model-error.js';
import type { InferenceNoiseModel } from './noise-model.js';
import { NoiseModelTable } from './noise-model-registry.js';

class TableData extends BaseNoiseModel {
  static override readonly className = 'TableData';
  static override readonly fields = {};
}

function fakeNoise(kind: string, nested = [TableData]): InferenceNoiseModel<PCMLikeNoiseModel> {
  return {
    kind,
    parameterClass: PCMLikeNoiseModel,
    nestedParameterClasses: nested,
    program: (_p, weights) => ({ weights }),
    applyDrift: (_p, programmed) => programmed.weights,
  };
}

class OtherCompensation extends BaseDriftCompensation {
  static override readonly className = 'OtherCompensation';
  static override readonly fields = {};
}

function fakeCompensation(kind: string, parameterClass: typeof GlobalDriftCompensation | typeof OtherCompensation = GlobalDriftCompensation): InferenceDriftCompensation {
  return { kind, parameterClass, exactReference: () => false, readout: () => Float32Array.of(1) };
}

describe('inference plugin registries', () => {
  it('collect the plugins registered under the NoiseModel and DriftCompensation tokens, per runtime', () => {
    const rt = createRuntime({
      register: [
        (c) => c.register(NoiseModel, { useValue: fakeNoise('pcm-like') }),
        (c) => c.register(DriftCompensation, { useValue: fakeCompensation('global') }),
      ],
    });
    expect(rt.noiseModels.kinds()).toEqual(['pcm-like']);
    expect(rt.noiseModels.forParameters(new PCMLikeNoiseModel()).kind).toBe('pcm-like');
    expect(rt.driftCompensations.forParameters(new GlobalDriftCompensation()).kind).toBe('global');
    expect(createRuntime().noiseModels.kinds()).toEqual([]);
  });

  it('reject a second plugin for the same parameter class, naming both', () => {
    const register = () =>
      createRuntime({
        register: [
          (c) => c.register(NoiseModel, { useValue: fakeNoise('pcm-like') }),
          (c) => c.register(NoiseModel, { useValue: fakeNoise('my-pcm') }),
        ],
      });
    expect(register).toThrow(InferenceModelError);
    expect(register).toThrow(/PCMLikeNoiseModel has two noise models: a plugin object \(kind "pcm-like"\) and a plugin object \(kind "my-pcm"\)/);
    const table = new DriftCompensationTable([fakeCompensation('global')]);
    expect(() => table.register(fakeCompensation('global', OtherCompensation))).toThrow(/kind "global" is registered twice/);
    expect(() => table.register(fakeCompensation('Bad Kind', OtherCompensation))).toThrow(/must be kebab-case/);
  });

  it('name what is registered when a parameter class has no plugin', () => {
    const table = new NoiseModelTable([fakeNoise('pcm-like')]);
    expect(() => table.forParameters(new TableData())).toThrow(/No noise model is registered for TableData. Registered: PCMLikeNoiseModel/);
    expect(() => new DriftCompensationTable().forParameters(new GlobalDriftCompensation())).toThrow(InferenceModelError);
  });

  it('resolve their parameter classes and the classes nested in them by name (for JSON)', () => {
    const table = new NoiseModelTable([fakeNoise('pcm-like')]);
    expect(table.parameterClass('PCMLikeNoiseModel')).toBe(PCMLikeNoiseModel);
    expect(table.parameterClass('TableData')).toBe(TableData);
    expect(table.parameterClass('Nothing')).toBeUndefined();
  });
});
