import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { configFromJSON } from './config-from-json.js';
import { InferenceRPUConfig } from './inference-rpu-config.js';
import { PCMLikeNoiseModel } from './pcm-like-noise-model.js';
import { SinglePairConductanceConverter } from './single-pair-conductance-converter.js';

describe('PCMLikeNoiseModel g_converter', () => {
  it('defaults to a single-pair converter with g_max 25, g_min 0', () => {
    const m = new PCMLikeNoiseModel();
    expect(m.g_converter).toBeInstanceOf(SinglePairConductanceConverter);
    expect(m.g_converter).toMatchObject({ g_max: 25, g_min: 0 });
  });

  it('keeps g_max and the converter g_max one quantity, as aihwkit does', () => {
    expect(new PCMLikeNoiseModel({ g_max: 40 }).g_converter).toMatchObject({ g_max: 40, g_min: 0 });
    expect(new PCMLikeNoiseModel({ g_converter: new SinglePairConductanceConverter({ g_max: 10, g_min: 1 }) }).g_max).toBe(10);
    expect(new PCMLikeNoiseModel({ g_max: 40, g_converter: { g_min: 2 } as never }).g_converter).toMatchObject({ g_max: 40, g_min: 2 });
    expect(() => new PCMLikeNoiseModel({ g_max: 30, g_converter: new SinglePairConductanceConverter({ g_max: 40 }) })).toThrow(ConfigError);
    expect(() => new PCMLikeNoiseModel({ g_max: 0 })).toThrow(/PCMLikeNoiseModel.g_max must be > 0/);
  });

  it('takes prog_coeff given without a reference g_max as fitted at the model g_max', () => {
    expect(new PCMLikeNoiseModel({ g_max: 40, prog_coeff: [0.1, 0, 0] }).prog_coeff_g_max_reference).toBe(40);
    expect(new PCMLikeNoiseModel({ g_max: 40 }).prog_coeff_g_max_reference).toBe(25);
    expect(new PCMLikeNoiseModel({ prog_coeff: [0.1], prog_coeff_g_max_reference: 30 }).prog_coeff_g_max_reference).toBe(30);
  });

  it('round-trips through JSON inside an InferenceRPUConfig, and loads aihwkit JSON without a converter', () => {
    const config = new InferenceRPUConfig({ noise_model: new PCMLikeNoiseModel({ g_max: 30, t_0: 10 }) });
    const back = configFromJSON(JSON.parse(JSON.stringify(config))) as InferenceRPUConfig;
    expect(back.toJSON()).toEqual(config.toJSON());
    expect((back.noise_model as PCMLikeNoiseModel).g_converter).toMatchObject({ g_max: 30 });
    const plain = configFromJSON({ __class__: 'PCMLikeNoiseModel', g_max: 30 }) as PCMLikeNoiseModel;
    expect(plain.g_converter.toJSON()).toEqual({ __class__: 'SinglePairConductanceConverter', g_max: 30, g_min: 0 });
  });
});
